import torch

# float64: a sum of 512 products then prints the same digits on every processor.
torch.set_default_dtype(torch.float64)

# One query and six keys with entries of mean 0 and variance 1, in d_k = 512 dimensions.
torch.manual_seed(1)
d_k = 512
q = torch.randn(d_k)  # (d_k,)
keys = torch.randn(6, d_k)  # (6, d_k)
scores = keys @ q  # (6,)
print("scores                 ", scores)
print("softmax(scores)        ", torch.softmax(scores, dim=-1))
print("softmax(scores/sqrt(d))", torch.softmax(scores / d_k**0.5, dim=-1))
