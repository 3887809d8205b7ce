import torch

from attention_steps import EncoderBlock, hello_world_inputs

x = hello_world_inputs().unsqueeze(0)  # (1, 6, 4)
torch.manual_seed(123)
block = EncoderBlock(d_model=4, num_heads=2, d_hidden=16)

with torch.no_grad():
    y = block(x)  # (1, 6, 4)
print(y.shape)
print(y[0])
print("row variances:", y[0].var(dim=-1, unbiased=False))
print("parameters:", sum(p.numel() for p in block.parameters()))
