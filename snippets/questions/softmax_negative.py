import torch

from attention_steps import normalize_by_sum, softmax_stable

for scores in (torch.tensor([2.0, 1.0, 0.5]), torch.tensor([2.0, -1.0, -0.5]),
               torch.tensor([1.0, -1.5, 0.5])):
    print("scores            ", scores)
    print("  divide by sum   ", normalize_by_sum(scores))
    print("  softmax         ", softmax_stable(scores))
