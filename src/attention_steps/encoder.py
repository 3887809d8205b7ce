"""The encoder block (attention and feed-forward, each with a residual and a layer norm) and the encoder."""

# --8<-- [start:imports]
import torch
from torch import nn

from attention_steps.checks import require_args, require_inputs, require_loadable
from attention_steps.checks import require_token_ids
from attention_steps.feedforward import FeedForward
from attention_steps.layernorm import LayerNorm
from attention_steps.multihead import MultiHeadAttention
from attention_steps.positional import sinusoidal_positional_encoding
# --8<-- [end:imports]


# --8<-- [start:EncoderBlock]
class EncoderBlock(nn.Module):
    """Self-attention then feed-forward, each wrapped in a residual connection and a LayerNorm."""

    def __init__(self, d_model, num_heads, d_hidden, dropout=0.0, norm_first=False, eps=1e-5):
        super().__init__()
        self.d_model, self.norm_first = d_model, norm_first
        self.attention = MultiHeadAttention(d_model, d_model, num_heads, dropout, qkv_bias=True)
        self.norm1 = LayerNorm(d_model, eps)
        self.feed_forward = FeedForward(d_model, d_hidden, dropout)
        self.norm2 = LayerNorm(d_model, eps)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, attn_mask: torch.Tensor | None = None,
                key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
        require_inputs(x, self.d_model, ranks=(3,), key_padding_mask=key_padding_mask)
        masks = dict(attn_mask=attn_mask, key_padding_mask=key_padding_mask)  # hidden keys
        if self.norm_first:  # pre-norm: normalise what enters each sub-layer
            x = x + self.dropout(self.attention(self.norm1(x), **masks))  # (b, tokens, d_model)
            return x + self.dropout(self.feed_forward(self.norm2(x)))  # (batch, tokens, d_model)
        x = self.norm1(x + self.dropout(self.attention(x, **masks)))  # post-norm: add, normalise
        return self.norm2(x + self.dropout(self.feed_forward(x)))  # (batch, tokens, d_model)
# --8<-- [end:EncoderBlock]


# --8<-- [start:Encoder]
class Encoder(nn.Module):
    """Token embeddings plus sinusoidal positions, then num_layers encoder blocks."""

    def __init__(self, vocab_size, d_model, num_heads, d_hidden, num_layers, context_length,
                 dropout=0.0, norm_first=False):
        super().__init__()
        require_args(vocab_size=vocab_size, num_layers=num_layers, context_length=context_length,
                     dropout=dropout)
        self.vocab_size, self.context_length = vocab_size, context_length
        self.embedding = nn.Embedding(vocab_size, d_model)
        positions = sinusoidal_positional_encoding(context_length, d_model)
        self.register_buffer("positions", positions)  # (context_length, d_model), not trained
        self.dropout = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(
            EncoderBlock(d_model, num_heads, d_hidden, dropout, norm_first)
            for _ in range(num_layers)
        )
        self.final_norm = LayerNorm(d_model) if norm_first else nn.Identity()

    def forward(self, token_ids: torch.Tensor,
                key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
        require_token_ids(token_ids, self.vocab_size, self.context_length,
                          key_padding_mask=key_padding_mask)  # both (batch, tokens)
        num_tokens = token_ids.shape[1]  # token_ids: (batch, tokens)
        x = self.embedding(token_ids) + self.positions[:num_tokens]  # (batch, tokens, d_model)
        x = self.dropout(x)
        for block in self.blocks:
            x = block(x, key_padding_mask=key_padding_mask)  # (batch, tokens, d_model)
        return self.final_norm(x)  # (batch, tokens, d_model)
# --8<-- [end:Encoder]


# --8<-- [start:encoder_block_from_torch]
def copy_torch_weights(pairs) -> None:
    """Copy each torch layer's weight and bias (a LayerNorm's scale and shift) into ours."""
    with torch.no_grad():
        for mine, theirs in pairs:
            if isinstance(theirs, nn.MultiheadAttention):  # one in_proj for q, k and v
                for w, weight, bias in zip((mine.W_query, mine.W_key, mine.W_value),
                                           theirs.in_proj_weight.chunk(3),  # 3 x (d, d)
                                           theirs.in_proj_bias.chunk(3)):  # 3 x (d,)
                    w.weight.copy_(weight)
                    w.bias.copy_(bias)
                mine, theirs = mine.out_proj, theirs.out_proj
            if isinstance(mine, LayerNorm):
                mine.scale.copy_(theirs.weight)
                mine.shift.copy_(theirs.bias)
            else:
                mine.weight.copy_(theirs.weight)
                mine.bias.copy_(theirs.bias)


def encoder_block_from_torch(layer: nn.TransformerEncoderLayer) -> "EncoderBlock":
    """An EncoderBlock holding copies of a torch TransformerEncoderLayer's weights.

    Our block takes (batch, tokens, d_model): compare it with a layer built with batch_first=True.
    """
    require_loadable(layer)
    attn = layer.self_attn
    block = EncoderBlock(attn.embed_dim, attn.num_heads, layer.linear1.out_features,
                         layer.dropout.p, layer.norm_first, layer.norm1.eps)
    copy_torch_weights([(block.attention, attn), (block.feed_forward.widen, layer.linear1),
                        (block.feed_forward.narrow, layer.linear2),
                        (block.norm1, layer.norm1), (block.norm2, layer.norm2)])
    return block.train(layer.training)
# --8<-- [end:encoder_block_from_torch]
