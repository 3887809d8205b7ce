import math

import torch

from attention_steps import encode_positions, inverse_frequencies

i = torch.arange(2, dtype=torch.float64)  # the pair index i = 0, 1 for d_model = 4
wrong = 10000.0 ** (-i / 4)  # the mistake: exponent i/d_model instead of 2i/d_model
print("right:", inverse_frequencies(d_model=4))
print("wrong:", wrong)
print(encode_positions(torch.arange(4), wrong))

for d_model in (4, 512):
    right_slowest = inverse_frequencies(d_model)[-1].item()
    wrong_slowest = 10000.0 ** (-(d_model // 2 - 1) / d_model)
    print(f"d_model={d_model:3}: longest wavelength {2 * math.pi / right_slowest:7.0f} positions, "
          f"with the mistake {2 * math.pi / wrong_slowest:4.0f}")
