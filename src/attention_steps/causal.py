"""Causal self-attention: each token sees itself and the tokens before it, never after."""

# --8<-- [start:imports]
import torch
from torch import nn

from attention_steps.checks import require_args, require_inputs, require_positive_int
# --8<-- [end:imports]


# --8<-- [start:causal_mask]
def causal_mask(num_tokens: int) -> torch.Tensor:
    """A (num_tokens, num_tokens) bool mask, True above the diagonal: the future to hide."""
    require_positive_int(num_tokens, "num_tokens")
    return torch.triu(torch.ones(num_tokens, num_tokens, dtype=torch.bool), diagonal=1)
# --8<-- [end:causal_mask]


# --8<-- [start:CausalAttention]
class CausalAttention(nn.Module):
    """Single-head causal self-attention with dropout on the attention weights."""

    def __init__(self, d_in, d_out, context_length, dropout=0.0, qkv_bias=False):
        super().__init__()
        require_args(d_in=d_in, d_out=d_out, context_length=context_length, dropout=dropout)
        self.d_in, self.context_length = d_in, context_length
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", causal_mask(context_length), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        require_inputs(x, self.d_in, ranks=(3,), context_length=self.context_length)
        batch, num_tokens, _ = x.shape  # (batch, tokens, d_in)
        queries = self.W_query(x)  # (batch, tokens, d_out)
        keys = self.W_key(x)  # (batch, tokens, d_out)
        values = self.W_value(x)  # (batch, tokens, d_out)
        scores = queries @ keys.transpose(1, 2)  # (batch, tokens, tokens)
        future = self.mask[:num_tokens, :num_tokens]  # (tokens, tokens)
        scores = scores.masked_fill(future, -torch.inf)  # (batch, tokens, tokens)
        weights = torch.softmax(scores / keys.shape[-1] ** 0.5, dim=-1)  # (batch, tokens, tokens)
        weights = self.dropout(weights)  # (batch, tokens, tokens)
        return weights @ values  # (batch, tokens, d_out)
# --8<-- [end:CausalAttention]
