import torch

from attention_steps import SelfAttention, causal_mask, journey_embeddings

inputs = journey_embeddings()  # (6, 3)
torch.manual_seed(789)
sa = SelfAttention(d_in=3, d_out=2)
with torch.no_grad():
    scores = sa.W_query(inputs) @ sa.W_key(inputs).T  # (6, 6)
    weights = torch.softmax(scores.masked_fill(causal_mask(6), -torch.inf) / 2**0.5, dim=-1)

torch.manual_seed(123)
dropped = torch.nn.Dropout(0.5)(weights)  # (6, 6), training mode
print(dropped)
print("row sums after dropout:", dropped.sum(dim=-1))
