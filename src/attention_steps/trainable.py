"""Self-attention with trainable query, key and value projections, scaled by sqrt(d_k)."""

# --8<-- [start:imports]
import torch
from torch import nn

from attention_steps.checks import require_args, require_inputs
# --8<-- [end:imports]


# --8<-- [start:SelfAttentionParams]
class SelfAttentionParams(nn.Module):
    """Trainable self-attention from three raw (d_in, d_out) weight matrices."""

    def __init__(self, d_in: int, d_out: int):
        super().__init__()
        require_args(d_in=d_in, d_out=d_out)
        self.d_in = d_in
        self.W_query = nn.Parameter(torch.rand(d_in, d_out))
        self.W_key = nn.Parameter(torch.rand(d_in, d_out))
        self.W_value = nn.Parameter(torch.rand(d_in, d_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        require_inputs(x, self.d_in, ranks=(2, 3))
        queries = x @ self.W_query  # (..., tokens, d_out)
        keys = x @ self.W_key  # (..., tokens, d_out)
        values = x @ self.W_value  # (..., tokens, d_out)
        scores = queries @ keys.transpose(-2, -1)  # (..., tokens, tokens)
        weights = torch.softmax(scores / keys.shape[-1] ** 0.5, dim=-1)  # (..., tokens, tokens)
        return weights @ values  # (..., tokens, d_out)
# --8<-- [end:SelfAttentionParams]


# --8<-- [start:SelfAttention]
class SelfAttention(nn.Module):
    """Trainable self-attention whose projections are nn.Linear layers."""

    def __init__(self, d_in: int, d_out: int, qkv_bias: bool = False):
        super().__init__()
        require_args(d_in=d_in, d_out=d_out)
        self.d_in = d_in
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        require_inputs(x, self.d_in, ranks=(2, 3))
        queries = self.W_query(x)  # (..., tokens, d_out)
        keys = self.W_key(x)  # (..., tokens, d_out)
        values = self.W_value(x)  # (..., tokens, d_out)
        scores = queries @ keys.transpose(-2, -1)  # (..., tokens, tokens)
        weights = torch.softmax(scores / keys.shape[-1] ** 0.5, dim=-1)  # (..., tokens, tokens)
        return weights @ values  # (..., tokens, d_out)
# --8<-- [end:SelfAttention]
