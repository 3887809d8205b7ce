import torch


p = 0.5
torch.manual_seed(123)
dropout = torch.nn.Dropout(p)  # a new module is in training mode: it drops
dropped = dropout(torch.ones(6, 6))  # (6, 6)
print(dropped)
print(f"zeroed: {int((dropped == 0).sum())} of 36; survivors are 1 / (1 - {p}) =", dropped.max().item())

# On a large tensor the share of zeros is close to p and the mean stays close to 1.
torch.manual_seed(123)
big = dropout(torch.ones(1000, 1000))
print(f"share of zeros: {(big == 0).float().mean():.4f}   mean: {big.mean():.4f}")

# In evaluation mode dropout does nothing.
print("eval mode changes nothing:", torch.equal(dropout.eval()(torch.ones(3)), torch.ones(3)))
