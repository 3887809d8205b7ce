import torch

from attention_steps import SelfAttention, causal_mask, journey_embeddings

inputs = journey_embeddings()  # (6, 3)
torch.manual_seed(789)
sa = SelfAttention(d_in=3, d_out=2)

with torch.no_grad():
    queries, keys = sa.W_query(inputs), sa.W_key(inputs)  # (6, 2) each
    scores = queries @ keys.T  # (6, 6)
    masked = scores.masked_fill(causal_mask(6), -torch.inf)  # (6, 6)
    print(masked)
    weights = torch.softmax(masked / keys.shape[-1] ** 0.5, dim=-1)  # (6, 6)
    print(weights)
