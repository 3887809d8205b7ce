import torch

from attention_steps import SelfAttention, causal_mask, journey_embeddings

inputs = journey_embeddings()  # (6, 3)
torch.manual_seed(789)
sa = SelfAttention(d_in=3, d_out=2)

with torch.no_grad():
    queries, keys = sa.W_query(inputs), sa.W_key(inputs)  # (6, 2) each
    scores = queries @ keys.T / keys.shape[-1] ** 0.5  # (6, 6), scaled

    # Softmax first, then zero the future and renormalise every row.
    weights = torch.softmax(scores, dim=-1)  # (6, 6)
    zeroed = weights * ~causal_mask(6)  # (6, 6)
    renormalised = zeroed / zeroed.sum(dim=-1, keepdim=True)  # (6, 6)
    print(renormalised)

    # -inf before softmax gives the same weights in one step.
    direct = torch.softmax(scores.masked_fill(causal_mask(6), -torch.inf), dim=-1)
    print("the same to 1e-6:", torch.allclose(renormalised, direct, atol=1e-6))
