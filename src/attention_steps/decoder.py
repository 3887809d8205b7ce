"""A decoder block: causal self-attention, cross-attention to the encoder, feed-forward."""

# --8<-- [start:imports]
import torch
from torch import nn

from attention_steps.checks import require_inputs, require_inputs_and_memory, require_loadable
from attention_steps.encoder import copy_torch_weights
from attention_steps.feedforward import FeedForward
from attention_steps.layernorm import LayerNorm
from attention_steps.multihead import MultiHeadAttention
# --8<-- [end:imports]


# --8<-- [start:CrossAttention]
class CrossAttention(MultiHeadAttention):
    """Multi-head attention whose queries come from x and whose keys and values come from memory."""

    def forward(self, x: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        require_inputs_and_memory(x, memory, self.d_in)  # (batch, tokens | sources, d_in)
        queries = self.split_heads(self.W_query(x))  # (batch, heads, tokens, head_dim)
        keys = self.split_heads(self.W_key(memory))  # (batch, heads, sources, head_dim)
        values = self.split_heads(self.W_value(memory))  # (batch, heads, sources, head_dim)
        scores = queries @ keys.transpose(2, 3)  # (batch, heads, tokens, sources)
        weights = torch.softmax(scores / self.head_dim**0.5, dim=-1)  # no mask: all sources
        context = self.merge_heads(self.dropout(weights) @ values)  # (batch, tokens, d_out)
        return self.out_proj(context)  # (batch, tokens, d_out)
# --8<-- [end:CrossAttention]


# --8<-- [start:DecoderBlock]
class DecoderBlock(nn.Module):
    """Causal self-attention, cross-attention and feed-forward, each followed by add & norm."""

    def __init__(self, d_model, num_heads, d_hidden, dropout=0.0, eps=1e-5):
        super().__init__()
        self.d_model = d_model
        self.self_attention = MultiHeadAttention(d_model, d_model, num_heads, dropout,
                                                 causal=True, qkv_bias=True)
        self.norm1 = LayerNorm(d_model, eps)
        self.cross_attention = CrossAttention(d_model, d_model, num_heads, dropout, qkv_bias=True)
        self.norm2 = LayerNorm(d_model, eps)
        self.feed_forward = FeedForward(d_model, d_hidden, dropout)
        self.norm3 = LayerNorm(d_model, eps)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        require_inputs(x, self.d_model, ranks=(3,))  # x: (batch, tokens, d_model)
        # Each add & norm adds a sub-layer's output to that sub-layer's own input.
        x = self.norm1(x + self.dropout(self.self_attention(x)))  # (batch, tokens, d_model)
        x = self.norm2(x + self.dropout(self.cross_attention(x, memory)))  # (b, tokens, d)
        return self.norm3(x + self.dropout(self.feed_forward(x)))  # (batch, tokens, d_model)
# --8<-- [end:DecoderBlock]


# --8<-- [start:decoder_block_from_torch]
def decoder_block_from_torch(layer: nn.TransformerDecoderLayer) -> DecoderBlock:
    """A DecoderBlock holding copies of a torch TransformerDecoderLayer's weights (post-norm,
    ReLU, batch_first=True)."""
    require_loadable(layer, nn.TransformerDecoderLayer, post_norm=True)
    attn = layer.self_attn
    block = DecoderBlock(attn.embed_dim, attn.num_heads, layer.linear1.out_features,
                         layer.dropout.p, layer.norm1.eps)
    copy_torch_weights([(block.self_attention, attn), (block.cross_attention, layer.multihead_attn),
                        (block.feed_forward.widen, layer.linear1),
                        (block.feed_forward.narrow, layer.linear2), (block.norm1, layer.norm1),
                        (block.norm2, layer.norm2), (block.norm3, layer.norm3)])
    return block.train(layer.training)
# --8<-- [end:decoder_block_from_torch]
