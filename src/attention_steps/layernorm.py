"""Layer normalisation: each token's vector to mean 0 and variance 1, then a learned scale and shift."""

# --8<-- [start:imports]
import torch
from torch import nn

from attention_steps.checks import require_args, require_inputs
# --8<-- [end:imports]


# --8<-- [start:LayerNorm]
class LayerNorm(nn.Module):
    """Normalises the last dimension, then multiplies by `scale` and adds `shift` (both learned)."""

    def __init__(self, d_model, eps=1e-5):
        super().__init__()
        require_args(d_model=d_model, eps=eps)
        self.d_model, self.eps = d_model, float(eps)
        self.scale = nn.Parameter(torch.ones(d_model))  # (d_model,)
        self.shift = nn.Parameter(torch.zeros(d_model))  # (d_model,)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        require_inputs(x, self.d_model, ranks=(1, 2, 3))
        mean = x.mean(dim=-1, keepdim=True)  # (..., 1)
        var = x.var(dim=-1, keepdim=True, unbiased=False)  # (..., 1)
        normed = (x - mean) / torch.sqrt(var + self.eps)  # (..., d_model)
        return self.scale * normed + self.shift  # (..., d_model)
# --8<-- [end:LayerNorm]
