import torch
from torch import nn

from attention_steps import MultiHeadAttention, causal_mask, multihead_sdpa, to_torch_multihead

torch.manual_seed(123)
ours = MultiHeadAttention(d_in=12, d_out=12, num_heads=3, causal=True)
theirs = to_torch_multihead(ours)  # torch.nn.MultiheadAttention with our weights copied in
x = torch.randn(2, 6, 12)  # (batch, tokens, d_in)

with torch.no_grad():
    expected = ours(x)  # (2, 6, 12)
    torch_mha, _ = theirs(x, x, x, attn_mask=causal_mask(6), need_weights=False)
    sdpa = multihead_sdpa(ours, x)

print(isinstance(theirs, nn.MultiheadAttention), tuple(torch_mha.shape))
# The last digits of a float32 rounding error depend on the processor: print the bound it keeps.
for name, other in (("torch.nn.MultiheadAttention", torch_mha), ("F.scaled_dot_product_attention", sdpa)):
    difference = (expected - other).abs().max()
    print(f"largest |difference| vs {name:30} below 1e-6: {bool(difference < 1e-6)}")
