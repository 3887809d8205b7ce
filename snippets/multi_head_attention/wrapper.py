import torch

from attention_steps import MultiHeadAttentionWrapper, journey_embeddings

batch = torch.stack((journey_embeddings(), journey_embeddings()))  # (2, 6, 3)
torch.manual_seed(123)
mha = MultiHeadAttentionWrapper(d_in=3, d_out=2, context_length=6, dropout=0.0, num_heads=2)
with torch.no_grad():
    out = mha(batch)  # (2, 6, 2 heads * 2)
print(out.shape)
print(out[0])
