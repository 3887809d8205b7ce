import torch

from attention_steps import hello_world_embeddings, sinusoidal_positional_encoding

d_model = 4
tokens = hello_world_embeddings(d_model).double()  # (6, 4): what each word is
positions = sinusoidal_positional_encoding(6, d_model).double()  # (6, 4): where it stands

added = tokens + positions  # (6, 4): the width stays d_model
concatenated = torch.cat([tokens, positions], dim=-1)  # (6, 8): the width doubles
print("added:", tuple(added.shape), " concatenated:", tuple(concatenated.shape))

# Every layer after it grows with the width: a query projection to d_out = 4 needs
d_out = 4
print(f"W_query parameters: added {d_model * d_out}, concatenated {2 * d_model * d_out}")

# A projection of the concatenation is a sum: [x, p] W = x W_top + p W_bottom.
torch.manual_seed(123)
W = torch.randn(2 * d_model, d_out, dtype=torch.float64)  # (8, 4)
W_top, W_bottom = W[:d_model], W[d_model:]  # (4, 4) each
difference = (concatenated @ W - (tokens @ W_top + positions @ W_bottom)).abs().max()
print("concatenate then project = project each, then add:", bool(difference < 1e-12))
# Adding is the case W_top = W_bottom: one matrix, half the parameters.
print("added @ W_top = tokens @ W_top + positions @ W_top:",
      bool(((added @ W_top) - (tokens @ W_top + positions @ W_top)).abs().max() < 1e-12))
