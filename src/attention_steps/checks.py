"""Input checks shared by the package: clear errors that name the argument, before torch runs."""

import numpy as np
import torch


def require_float_tensor(x, name: str, ranks: tuple[int, ...]) -> None:
    """Raise TypeError/ValueError unless `x` is a floating torch tensor of one of `ranks`."""
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if not x.is_floating_point():
        raise TypeError(f"{name} must have a floating dtype, got {x.dtype}")
    if x.dim() not in ranks:
        wanted = " or ".join(str(r) for r in ranks)
        raise ValueError(f"{name} must have {wanted} dimensions, got shape {tuple(x.shape)}")
    if x.shape[-1] == 0 or (x.dim() >= 2 and x.shape[-2] == 0):
        raise ValueError(f"{name} must not be empty, got shape {tuple(x.shape)}")


def require_float_matrix(x, name: str) -> np.ndarray:
    """Return `x` as a float64 NumPy matrix, or raise a ValueError naming `name`."""
    arr = np.asarray(x)
    if arr.dtype.kind not in "fiu" or arr.dtype == np.bool_:
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if arr.ndim != 2 or 0 in arr.shape:
        raise ValueError(f"{name} must be a non-empty (tokens, d_in) matrix, got shape {arr.shape}")
    return arr.astype(np.float64)


def require_positive_int(value, name: str) -> None:
    """Raise unless `value` is a positive int (bools are refused)."""
    require_int_in(value, name, low=1)


def require_int_in(value, name: str, low: int, high: int | None = None) -> None:
    """Raise unless `value` is an int (not a bool) with low <= value (< high, when given)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < low:
        raise ValueError(f"{name} must be {'positive' if low == 1 else f'>= {low}'}, got {value}")
    if high is not None and value >= high:
        raise ValueError(f"{name} must be in [{low}, {high}), got {value}")


def require_dropout(p) -> None:
    """Raise unless `p` is a probability in [0, 1)."""
    if isinstance(p, bool) or not isinstance(p, (int, float)):
        raise TypeError(f"dropout must be a float in [0, 1), got {type(p).__name__} {p!r}")
    if not 0.0 <= p < 1.0:
        raise ValueError(f"dropout must be in [0, 1), got {p}")


def require_inputs(x, d_in: int, ranks: tuple[int, ...], name: str = "x") -> None:
    """Raise unless `x` is a floating tensor of one of `ranks` whose last dimension is d_in."""
    require_float_tensor(x, name, ranks)
    if x.shape[-1] != d_in:
        raise ValueError(
            f"{name} must have d_in={d_in} features in its last dimension, "
            f"got shape {tuple(x.shape)}"
        )


def require_token_ids(ids, vocab_size: int, context_length: int, name: str = "token_ids") -> None:
    """Raise unless `ids` is a (batch, tokens) integer tensor of known ids that fits the context."""
    if not isinstance(ids, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(ids).__name__}")
    if ids.dtype == torch.bool or ids.is_floating_point() or ids.is_complex():
        raise TypeError(f"{name} must have an integer dtype (token ids), got {ids.dtype}")
    if ids.dim() != 2:
        raise ValueError(f"{name} must have 2 dimensions (batch, tokens), got shape {tuple(ids.shape)}")
    if 0 in ids.shape:
        raise ValueError(f"{name} must not be empty, got shape {tuple(ids.shape)}")
    if ids.shape[1] > context_length:
        raise ValueError(
            f"{name} has {ids.shape[1]} tokens, more than context_length={context_length}"
        )
    low, high = int(ids.min()), int(ids.max())
    if low < 0 or high >= vocab_size:
        bad = low if low < 0 else high
        raise ValueError(f"{name} holds id {bad}, outside the vocabulary (0..{vocab_size - 1})")


def require_mask(mask, num_tokens: int, causal: bool = False, name: str = "attn_mask") -> None:
    """Raise unless `mask` is a bool (tokens, tokens) tensor that leaves every query a key to see.

    With causal=True, the keys after each query count as hidden too.
    """
    if not isinstance(mask, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(mask).__name__}")
    if mask.dtype != torch.bool:
        raise TypeError(f"{name} must be a bool tensor (True = hidden), got {mask.dtype}")
    if tuple(mask.shape) != (num_tokens, num_tokens):
        raise ValueError(
            f"{name} must have shape (tokens, tokens) = ({num_tokens}, {num_tokens}), "
            f"got {tuple(mask.shape)}"
        )
    if causal:
        mask = mask | torch.ones(num_tokens, num_tokens, dtype=torch.bool).triu(1)
    hidden_rows = mask.all(dim=-1).nonzero().flatten().tolist()
    if hidden_rows:
        raise ValueError(f"{name} hides every key from the queries at rows {hidden_rows}")


def require_vector(v, name: str) -> None:
    """Raise unless `v` is a non-empty one-dimensional real (not bool) tensor."""
    if not isinstance(v, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(v).__name__}")
    if v.dtype == torch.bool or v.is_complex():
        raise TypeError(f"{name} must hold real numbers, got {v.dtype}")
    if v.dim() != 1 or v.numel() == 0:
        raise ValueError(f"{name} must be a non-empty vector (1 dimension), got shape {tuple(v.shape)}")
