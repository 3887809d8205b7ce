"""Which torch kernels each way of writing attention runs: named by torch's profiler, not timed."""

import torch
from torch.profiler import profile

from attention_steps import MultiHeadAttention, causal_mask, to_torch_multihead
from attention_steps.variants import EinsumAttention, SDPAAttention

torch.manual_seed(123)
mha = MultiHeadAttention(64, 64, num_heads=4, causal=True).eval()
theirs = to_torch_multihead(mha).eval()
x = torch.randn(2, 16, 64)  # (batch, tokens, width)
mask = causal_mask(16)  # (tokens, tokens), True = hidden


def torch_layer(t):
    return theirs(t, t, t, attn_mask=mask, need_weights=False, is_causal=True)[0]


def torch_layer_without_fastpath(t):
    torch.backends.mha.set_fastpath_enabled(False)
    try:
        return torch_layer(t)
    finally:
        torch.backends.mha.set_fastpath_enabled(True)


layers = {
    "MultiHeadAttention": mha,
    "EinsumAttention": EinsumAttention(mha).eval(),
    "SDPAAttention": SDPAAttention(mha).eval(),
    "nn.MultiheadAttention": torch_layer,
    "nn.MultiheadAttention fastpath=False": torch_layer_without_fastpath,
}
# The kernels that tell the ways apart: attention written out, or fused into one kernel.
WATCH = ["bmm", "softmax", "_masked_softmax", "_softmax_backward_data",
         "_native_multi_head_attention", "_scaled_dot_product_flash_attention_for_cpu",
         "_scaled_dot_product_flash_attention_for_cpu_backward"]

for title, gradients in (("forward, no gradients:", False), ("forward and backward:", True)):
    print(title)
    for name, layer in layers.items():
        with torch.set_grad_enabled(gradients), profile() as prof:
            out = layer(x)  # (batch, tokens, width)
            if gradients:
                out.sum().backward()
        ran = {event.key.removeprefix("aten::") for event in prof.key_averages()}
        names = [k.removeprefix("_scaled_dot_product_") for k in WATCH if k in ran]
        print(f"  {name:<38}{', '.join(names)}")

weights = torch.Size([8, 12, 1024, 1024])  # (batch, heads, tokens, tokens) at the large shape
print(f"attention weights {tuple(weights)} in float32: {weights.numel() * 4 / 2**20:.0f} MiB")
