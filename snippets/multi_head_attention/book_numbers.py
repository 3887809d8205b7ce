import torch

from attention_steps import MultiHeadAttention, journey_embeddings

batch = torch.stack((journey_embeddings(), journey_embeddings()))  # (2, 6, 3)
torch.manual_seed(123)
mha = MultiHeadAttention(d_in=3, d_out=2, num_heads=2, causal=True)
with torch.no_grad():
    out = mha(batch)  # (2, 6, 2)
print(out.shape)
print(out[0])
