"""Multi-head attention: several heads side by side, then one output projection."""

# --8<-- [start:imports]
import torch
from torch import nn
from torch.nn import functional as F

from attention_steps.causal import CausalAttention, causal_mask
from attention_steps.checks import require_inputs, require_mask, require_multihead_args
from attention_steps.checks import require_multihead_inputs, require_positive_int
from attention_steps.checks import require_same_width
# --8<-- [end:imports]


# --8<-- [start:MultiHeadAttentionWrapper]
class MultiHeadAttentionWrapper(nn.Module):
    """num_heads independent CausalAttention heads whose outputs are concatenated."""

    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        require_positive_int(num_heads, "num_heads")
        self.heads = nn.ModuleList(
            CausalAttention(d_in, d_out, context_length, dropout, qkv_bias)
            for _ in range(num_heads)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([head(x) for head in self.heads], dim=-1)  # (batch, tokens, heads*d_out)
# --8<-- [end:MultiHeadAttentionWrapper]


# --8<-- [start:MultiHeadAttention]
class MultiHeadAttention(nn.Module):
    """Multi-head attention that splits d_out across the heads, with an output projection."""

    def __init__(self, d_in, d_out, num_heads, dropout=0.0, causal=False, qkv_bias=False):
        super().__init__()
        require_multihead_args(d_in, d_out, num_heads, dropout)
        self.d_in, self.d_out, self.num_heads = d_in, d_out, num_heads
        self.head_dim = d_out // num_heads
        self.causal = causal
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.dropout = nn.Dropout(dropout)

    def split_heads(self, t: torch.Tensor) -> torch.Tensor:
        """(batch, tokens, d_out) -> (batch, heads, tokens, head_dim)."""
        batch, num_tokens, _ = t.shape
        t = t.view(batch, num_tokens, self.num_heads, self.head_dim)  # (b, tokens, heads, hd)
        return t.transpose(1, 2)  # (batch, heads, tokens, head_dim)

    def merge_heads(self, t: torch.Tensor) -> torch.Tensor:
        """(batch, heads, tokens, head_dim) -> (batch, tokens, d_out): undoes split_heads."""
        batch, _, num_tokens, _ = t.shape
        t = t.transpose(1, 2)  # (batch, tokens, heads, head_dim)
        return t.reshape(batch, num_tokens, self.d_out)  # (batch, tokens, d_out)

    def hidden_keys(self, num_tokens: int, attn_mask=None, key_padding_mask=None):
        """The bool mask, True where a query may not see a key, shaped to broadcast over the
        scores: (tokens, tokens), with padding (batch, 1, 1 or tokens, tokens); or None."""
        require_mask(attn_mask, num_tokens, self.causal, key_padding_mask=key_padding_mask)
        hidden = attn_mask  # (tokens, tokens) or None
        if self.causal:
            future = causal_mask(num_tokens)  # (tokens, tokens)
            hidden = future if attn_mask is None else future | attn_mask
        if key_padding_mask is None:
            return hidden
        padded = key_padding_mask[:, None, None, :]  # (batch, 1, 1, tokens): padded keys
        return padded if hidden is None else padded | hidden  # (batch, 1, tokens, tokens)

    def forward(self, x: torch.Tensor, attn_mask: torch.Tensor | None = None,
                key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
        require_inputs(x, self.d_in, ranks=(3,), key_padding_mask=key_padding_mask)
        hidden = self.hidden_keys(x.shape[1], attn_mask, key_padding_mask)  # see hidden_keys
        queries = self.split_heads(self.W_query(x))  # (batch, heads, tokens, head_dim)
        keys = self.split_heads(self.W_key(x))  # (batch, heads, tokens, head_dim)
        values = self.split_heads(self.W_value(x))  # (batch, heads, tokens, head_dim)
        scores = queries @ keys.transpose(2, 3)  # (batch, heads, tokens, tokens)
        if hidden is not None:
            scores = scores.masked_fill(hidden, -torch.inf)
        weights = torch.softmax(scores / self.head_dim**0.5, dim=-1)  # (b, heads, tokens, tokens)
        weights = self.dropout(weights)
        context = self.merge_heads(weights @ values)  # (batch, tokens, d_out)
        return self.out_proj(context)  # (batch, tokens, d_out)
# --8<-- [end:MultiHeadAttention]


# --8<-- [start:multihead_sdpa]
def multihead_sdpa(mha: "MultiHeadAttention", x: torch.Tensor, attn_mask=None,
                   key_padding_mask=None) -> torch.Tensor:
    """The same layer's forward pass with torch's fused scaled_dot_product_attention."""
    require_multihead_inputs(mha, x, key_padding_mask)
    masks = (attn_mask, key_padding_mask)
    hidden = None if masks == (None, None) else mha.hidden_keys(x.shape[1], *masks)
    q, k, v = (mha.split_heads(w(x)) for w in (mha.W_query, mha.W_key, mha.W_value))
    p = mha.dropout.p if mha.training else 0.0
    if hidden is None:  # the fused kernel builds the causal mask itself
        context = F.scaled_dot_product_attention(q, k, v, dropout_p=p, is_causal=mha.causal)
    else:  # sdpa's bool mask means "may attend": the opposite of ours
        context = F.scaled_dot_product_attention(q, k, v, attn_mask=~hidden, dropout_p=p)
    return mha.out_proj(mha.merge_heads(context))  # (batch, tokens, d_out)
# --8<-- [end:multihead_sdpa]


# --8<-- [start:to_torch_multihead]
def to_torch_multihead(mha: "MultiHeadAttention") -> nn.MultiheadAttention:
    """A torch.nn.MultiheadAttention holding copies of our weights (needs d_in == d_out)."""
    require_same_width(mha)
    theirs = nn.MultiheadAttention(
        mha.d_out, mha.num_heads, dropout=mha.dropout.p, bias=True, batch_first=True
    )
    with torch.no_grad():
        weights = [mha.W_query.weight, mha.W_key.weight, mha.W_value.weight]
        theirs.in_proj_weight.copy_(torch.cat(weights))  # (3*d_out, d_in)
        biases = [w.bias if w.bias is not None else torch.zeros(mha.d_out) for w in
                  (mha.W_query, mha.W_key, mha.W_value)]
        theirs.in_proj_bias.copy_(torch.cat(biases))  # (3*d_out,)
        theirs.out_proj.weight.copy_(mha.out_proj.weight)
        theirs.out_proj.bias.copy_(mha.out_proj.bias)
    return theirs.train(mha.training)
# --8<-- [end:to_torch_multihead]
