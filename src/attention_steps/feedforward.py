"""The position-wise feed-forward network: widen, ReLU, narrow."""

# --8<-- [start:imports]
import torch
from torch import nn

from attention_steps.checks import require_args, require_inputs
# --8<-- [end:imports]


# --8<-- [start:FeedForward]
class FeedForward(nn.Module):
    """Linear(d_model, d_hidden), ReLU, Linear(d_hidden, d_model), applied to each token alone."""

    def __init__(self, d_model, d_hidden, dropout=0.0):
        super().__init__()
        require_args(d_model=d_model, d_hidden=d_hidden, dropout=dropout)
        self.d_model = d_model
        self.widen = nn.Linear(d_model, d_hidden)
        self.dropout = nn.Dropout(dropout)
        self.narrow = nn.Linear(d_hidden, d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        require_inputs(x, self.d_model, ranks=(2, 3))
        hidden = torch.relu(self.widen(x))  # (..., tokens, d_hidden)
        return self.narrow(self.dropout(hidden))  # (..., tokens, d_model)
# --8<-- [end:FeedForward]
