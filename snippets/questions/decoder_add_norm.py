import torch
from torch import nn

from attention_steps import causal_mask
from attention_steps.decoder import decoder_block_from_torch

torch.manual_seed(123)
theirs = nn.TransformerDecoderLayer(d_model=16, nhead=4, dim_feedforward=64, dropout=0.0,
                                    batch_first=True)
block = decoder_block_from_torch(theirs)
x = torch.randn(1, 5, 16)  # (batch, tokens, d_model): the decoder's input
memory = torch.randn(1, 7, 16)  # (batch, sources, d_model): the encoder's output

with torch.no_grad():
    expected = theirs(x, memory, tgt_mask=causal_mask(5))
    h1 = block.norm1(x + block.self_attention(x))  # add & norm 1: x + SelfAttention(x)
    h2 = block.norm2(h1 + block.cross_attention(h1, memory))  # 2: h1 + CrossAttention(h1)
    out = block.norm3(h2 + block.feed_forward(h2))  # 3: h2 + FeedForward(h2), then a norm
    wrong = block.norm2(x + block.cross_attention(h1, memory))  # adding x instead of h1
    wrong = block.norm3(wrong + block.feed_forward(wrong))

print(f"h1 + ..., h2 + ...: same as TransformerDecoderLayer below 1e-6: {bool((out - expected).abs().max() < 1e-6)}")
print(f"x + ... in step 2:  largest |difference| {(wrong - expected).abs().max():.4f}")
print("norms in the block:", [name for name, m in block.named_children() if "norm" in name])
