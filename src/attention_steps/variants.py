"""The same multi-head attention written four more ways, each built from a MultiHeadAttention.

Every variant copies the weights of the MultiHeadAttention it is built from, so all of them
compute the same function and can be timed and compared against each other (the performance
page). Building one leaves torch's random generator as it was.
"""

# --8<-- [start:imports]
import copy

import torch
from torch import nn
from torch.nn import functional as F

from attention_steps.checks import require_causal, require_inputs, require_instance
from attention_steps.multihead import MultiHeadAttention, MultiHeadAttentionWrapper
# --8<-- [end:imports]


# --8<-- [start:shared]
def _qkv_biases(mha: MultiHeadAttention) -> list[torch.Tensor] | None:
    """The biases of W_query, W_key and W_value, or None when the layer has none."""
    layers = (mha.W_query, mha.W_key, mha.W_value)
    return None if mha.W_query.bias is None else [w.bias for w in layers]


class _FromMultiHead(nn.Module):
    """What every variant shares: the sizes, mask, dropout and out_proj of one MultiHeadAttention."""

    def __init__(self, mha: MultiHeadAttention):
        require_instance(mha, MultiHeadAttention, "mha")
        super().__init__()
        self.d_in, self.d_out, self.num_heads = mha.d_in, mha.d_out, mha.num_heads
        self.head_dim, self.causal = mha.head_dim, mha.causal
        self.out_proj = copy.deepcopy(mha.out_proj)  # its own copy of the weights
        self.dropout = nn.Dropout(mha.dropout.p)
        self.train(mha.training)

    # The same head layout and mask as MultiHeadAttention, not a second copy of them.
    split_heads = MultiHeadAttention.split_heads
    merge_heads = MultiHeadAttention.merge_heads
    hidden_keys = MultiHeadAttention.hidden_keys
# --8<-- [end:shared]


# --8<-- [start:WrapperAttention]
class WrapperAttention(_FromMultiHead):
    """MultiHeadAttentionWrapper holding a causal MultiHeadAttention's per-head weights, then its out_proj."""

    def __init__(self, mha: MultiHeadAttention, context_length: int):
        super().__init__(mha)
        require_causal(mha, context_length)
        with torch.random.fork_rng(devices=[]):  # the heads' own initial weights are overwritten
            self.heads = MultiHeadAttentionWrapper(
                mha.d_in, mha.head_dim, context_length, mha.dropout.p, mha.num_heads,
                qkv_bias=mha.W_query.bias is not None,
            )
        with torch.no_grad():
            for h, head in enumerate(self.heads.heads):
                rows = slice(h * mha.head_dim, (h + 1) * mha.head_dim)  # head h's block of rows
                for mine, theirs in ((head.W_query, mha.W_query), (head.W_key, mha.W_key),
                                     (head.W_value, mha.W_value)):
                    mine.weight.copy_(theirs.weight[rows])  # (head_dim, d_in)
                    if theirs.bias is not None:
                        mine.bias.copy_(theirs.bias[rows])  # (head_dim,)
        self.heads.train(mha.training)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        context = self.heads(x)  # (batch, tokens, heads*head_dim) = (batch, tokens, d_out)
        return self.out_proj(context)  # (batch, tokens, d_out)
# --8<-- [end:WrapperAttention]


# --8<-- [start:CombinedQKVAttention]
class CombinedQKVAttention(_FromMultiHead):
    """Multi-head attention with one (d_in -> 3*d_out) projection for queries, keys and values."""

    def __init__(self, mha: MultiHeadAttention):
        super().__init__(mha)
        biases = _qkv_biases(mha)
        self.qkv = nn.utils.skip_init(nn.Linear, self.d_in, 3 * self.d_out, bias=biases is not None)
        with torch.no_grad():
            self.qkv.weight.copy_(torch.cat([mha.W_query.weight, mha.W_key.weight,
                                             mha.W_value.weight]))  # (3*d_out, d_in)
            if biases is not None:
                self.qkv.bias.copy_(torch.cat(biases))  # (3*d_out,)

    def project(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Queries, keys and values from one matrix product, each (batch, heads, tokens, head_dim)."""
        require_inputs(x, self.d_in, ranks=(3,))
        batch, num_tokens, _ = x.shape
        qkv = self.qkv(x)  # (batch, tokens, 3*d_out)
        qkv = qkv.view(batch, num_tokens, 3, self.num_heads, self.head_dim)  # (b, t, 3, heads, hd)
        queries, keys, values = qkv.permute(2, 0, 3, 1, 4)  # each (batch, heads, tokens, head_dim)
        return queries, keys, values

    def attend(self, queries, keys, values) -> torch.Tensor:
        """Scaled dot-product attention, written out: the (tokens, tokens) weights are built."""
        scores = queries @ keys.transpose(2, 3)  # (batch, heads, tokens, tokens)
        hidden = self.hidden_keys(queries.shape[2])  # (tokens, tokens) or None
        if hidden is not None:
            scores = scores.masked_fill(hidden, -torch.inf)
        weights = torch.softmax(scores / self.head_dim**0.5, dim=-1)  # (b, heads, tokens, tokens)
        return self.dropout(weights) @ values  # (batch, heads, tokens, head_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        context = self.attend(*self.project(x))  # (batch, heads, tokens, head_dim)
        return self.out_proj(self.merge_heads(context))  # (batch, tokens, d_out)
# --8<-- [end:CombinedQKVAttention]


# --8<-- [start:SDPAAttention]
class SDPAAttention(CombinedQKVAttention):
    """The combined projection, then torch's fused scaled_dot_product_attention."""

    def attend(self, queries, keys, values) -> torch.Tensor:
        """One fused kernel: softmax(QK^T/sqrt(hd))V without storing the (tokens, tokens) weights."""
        p = self.dropout.p if self.training else 0.0
        return F.scaled_dot_product_attention(  # (batch, heads, tokens, head_dim)
            queries, keys, values, dropout_p=p, is_causal=self.causal
        )
# --8<-- [end:SDPAAttention]


# --8<-- [start:EinsumAttention]
class EinsumAttention(_FromMultiHead):
    """Multi-head attention written with torch.einsum: heads are an index, not a view/transpose."""

    def __init__(self, mha: MultiHeadAttention):
        super().__init__(mha)
        shape = (self.num_heads, self.head_dim, self.d_in)
        layers = (mha.W_query, mha.W_key, mha.W_value)
        # Row block h of each weight is head h's projection: (d_out, d_in) -> (heads, head_dim, d_in).
        self.W_qkv = nn.ParameterList(w.weight.detach().reshape(shape).clone() for w in layers)
        biases = _qkv_biases(mha)
        self.b_qkv = None if biases is None else nn.ParameterList(
            b.detach().reshape(self.num_heads, 1, self.head_dim).clone() for b in biases
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        require_inputs(x, self.d_in, ranks=(3,))
        q, k, v = (torch.einsum("bnd,hed->bhne", x, w) for w in self.W_qkv)  # (b, heads, tokens, hd)
        if self.b_qkv is not None:
            q, k, v = (t + b for t, b in zip((q, k, v), self.b_qkv))  # b: (heads, 1, head_dim)
        scores = torch.einsum("bhqe,bhke->bhqk", q, k)  # (batch, heads, tokens, tokens)
        hidden = self.hidden_keys(x.shape[1])  # (tokens, tokens) or None
        if hidden is not None:
            scores = scores.masked_fill(hidden, -torch.inf)
        weights = self.dropout(torch.softmax(scores / self.head_dim**0.5, dim=-1))  # (b,h,t,t)
        context = torch.einsum("bhqk,bhke->bhqe", weights, v)  # (batch, heads, tokens, head_dim)
        w_out = self.out_proj.weight.view(self.d_out, self.num_heads, self.head_dim)  # (o, h, e)
        return torch.einsum("bhne,ohe->bno", context, w_out) + self.out_proj.bias  # (b, t, d_out)
# --8<-- [end:EinsumAttention]
