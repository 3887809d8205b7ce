import torch

# Queries and keys with independent entries of mean 0 and variance 1, as at initialisation.
torch.manual_seed(0)
print(" d_k  std(q·k)  top weight unscaled  top weight scaled")
for d_k in (2, 8, 32, 128, 512):
    q = torch.randn(2000, 1, d_k)  # (samples, 1, d_k)
    k = torch.randn(2000, 6, d_k)  # (samples, 6 keys, d_k)
    scores = (q @ k.transpose(1, 2)).squeeze(1)  # (samples, 6)
    unscaled = torch.softmax(scores, dim=-1).amax(dim=-1).mean()
    scaled = torch.softmax(scores / d_k**0.5, dim=-1).amax(dim=-1).mean()
    print(f"{d_k:4d}  {scores.std():8.2f}  {unscaled:19.4f}  {scaled:17.4f}")
