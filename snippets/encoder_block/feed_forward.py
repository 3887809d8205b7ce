import torch

from attention_steps import FeedForward, hello_world_inputs

x = hello_world_inputs()  # (6, 4): "hello world ! hello attention ."
torch.manual_seed(123)
ff = FeedForward(d_model=4, d_hidden=16)

with torch.no_grad():
    hidden = torch.relu(ff.widen(x))  # (6, 16)
    out = ff(x)  # (6, 4)
    print("hidden", tuple(hidden.shape), "zeros after ReLU:", int((hidden == 0).sum()), "of", hidden.numel())
    print(out)
    print("token 2 alone gives the same row:", torch.allclose(ff(x[2:3]), out[2:3]))
print("parameters:", sum(p.numel() for p in ff.parameters()))
