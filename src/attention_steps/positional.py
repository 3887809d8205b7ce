"""Sinusoidal positional encoding: a fixed vector for each position, added to the embeddings."""

# --8<-- [start:imports]
import torch

from attention_steps.checks import require_even_d_model, require_positive_int, require_vectors
# --8<-- [end:imports]


# --8<-- [start:inverse_frequencies]
def inverse_frequencies(d_model: int, base: float = 10000.0) -> torch.Tensor:
    """The d_model/2 angular frequencies 1 / base^(2i/d_model), for i = 0, 1, ..."""
    require_even_d_model(d_model)
    two_i = torch.arange(0, d_model, 2, dtype=torch.float64)  # (d_model/2,): 0, 2, 4, ...
    return base ** (-two_i / d_model)  # (d_model/2,)
# --8<-- [end:inverse_frequencies]


# --8<-- [start:encode_positions]
def encode_positions(positions: torch.Tensor, frequencies: torch.Tensor) -> torch.Tensor:
    """sin(pos * w_i) in the even columns and cos(pos * w_i) in the odd ones, as float32."""
    require_vectors(positions=positions, frequencies=frequencies)
    angles = positions.double()[:, None] * frequencies[None, :]  # (positions, d_model/2)
    table = torch.stack((angles.sin(), angles.cos()), dim=-1)  # (positions, d_model/2, 2)
    return table.flatten(1).float()  # (positions, d_model): sin, cos, sin, cos, ...
# --8<-- [end:encode_positions]


# --8<-- [start:sinusoidal_positional_encoding]
def sinusoidal_positional_encoding(num_positions: int, d_model: int) -> torch.Tensor:
    """The (num_positions, d_model) table of "Attention Is All You Need", section 3.5."""
    require_positive_int(num_positions, "num_positions")
    frequencies = inverse_frequencies(d_model)  # (d_model/2,)
    positions = torch.arange(num_positions)  # (num_positions,)
    return encode_positions(positions, frequencies)  # (num_positions, d_model)
# --8<-- [end:sinusoidal_positional_encoding]
