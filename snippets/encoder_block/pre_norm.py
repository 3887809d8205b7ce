import torch

from attention_steps import EncoderBlock, hello_world_inputs

x = hello_world_inputs().unsqueeze(0)  # (1, 6, 4)
torch.manual_seed(123)
post = EncoderBlock(d_model=4, num_heads=2, d_hidden=16)
torch.manual_seed(123)
pre = EncoderBlock(d_model=4, num_heads=2, d_hidden=16, norm_first=True)

with torch.no_grad():
    for name, block in (("post-norm", post), ("pre-norm", pre)):
        y = block(x)  # (1, 6, 4)
        print(f"{name:9} row variances:", y[0].var(dim=-1, unbiased=False))
