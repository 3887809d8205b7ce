import torch

from attention_steps import softmax_naive, softmax_stable

print(torch.exp(torch.tensor([88.0, 89.0])))  # float32 overflows just above 88.7

big = torch.tensor([1000.0, 1001.0, 1002.0])
print("naive: ", softmax_naive(big))
print("stable:", softmax_stable(big))
print("stable, shifted by -1002:", softmax_stable(big - 1002.0))
