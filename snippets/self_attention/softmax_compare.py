import torch

from attention_steps import (
    attention_scores,
    journey_embeddings,
    normalize_by_sum,
    softmax_naive,
    softmax_stable,
)

inputs = journey_embeddings()  # (6, 3)
scores = attention_scores(inputs[1], inputs)  # (6,), the query "journey"

for name, normalize in [
    ("divide by sum", normalize_by_sum),
    ("naive softmax", softmax_naive),
    ("stable softmax", softmax_stable),
]:
    weights = normalize(scores)  # (6,)
    print(f"{name:>14}  {weights}  sum {weights.sum():.4f}")

print("torch.softmax  ", torch.softmax(scores, dim=-1))
print("naive and stable agree to 1e-6:", torch.allclose(softmax_naive(scores), softmax_stable(scores), atol=1e-6))
