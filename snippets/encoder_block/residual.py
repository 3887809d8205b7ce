import torch

from attention_steps import LayerNorm, MultiHeadAttention, hello_world_inputs

x = hello_world_inputs().unsqueeze(0)  # (1, 6, 4): a batch of one sentence
torch.manual_seed(123)
attention = MultiHeadAttention(d_in=4, d_out=4, num_heads=2, qkv_bias=True)
norm = LayerNorm(d_model=4)

with torch.no_grad():
    a = attention(x)  # (1, 6, 4)
    added = x + a  # the residual connection: the input goes around the sub-layer
    h = norm(added)  # (1, 6, 4)
print("attention output, row 0:", a[0, 0])
print("x + attention,    row 0:", added[0, 0])
print("after LayerNorm,  row 0:", h[0, 0])
print(f"row 0 before: mean {added[0, 0].mean():.4f}, variance {added[0, 0].var(unbiased=False):.4f}")
print(f"row 0 after:  mean {h[0, 0].mean():.4f}, variance {h[0, 0].var(unbiased=False):.4f}")
