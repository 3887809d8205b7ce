import torch

query = torch.tensor([1.0, 0.0])
keys = torch.tensor([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0]])  # k, its opposite, and a right angle
print("q · k         ", keys @ query)
print("(q · k)^2     ", (keys @ query) ** 2)
print("softmax of each:")
print("  q · k       ", torch.softmax(keys @ query, dim=-1))
print("  (q · k)^2   ", torch.softmax((keys @ query) ** 2, dim=-1))

# Squaring each entry first: q² · k² forgets the sign of every coordinate.
query = torch.tensor([1.0, 1.0])
keys = torch.tensor([[1.0, 1.0], [1.0, -1.0], [-1.0, -1.0]])
print("q · k         ", keys @ query)
print("q² · k²       ", keys**2 @ query**2)
