import torch
from torch import nn

from attention_steps import encoder_block_from_torch

torch.manual_seed(123)
x = torch.randn(2, 6, 16)  # (batch, tokens, d_model)
for norm_first in (False, True):
    theirs = nn.TransformerEncoderLayer(
        d_model=16, nhead=4, dim_feedforward=64, dropout=0.0,
        activation="relu", batch_first=True, norm_first=norm_first,
    )
    ours = encoder_block_from_torch(theirs)  # an EncoderBlock with the same weights
    with torch.no_grad():
        difference = (ours(x) - theirs(x)).abs().max()
    print(f"norm_first={norm_first!s:5}: largest |difference| vs TransformerEncoderLayer below 1e-6: {bool(difference < 1e-6)}")
