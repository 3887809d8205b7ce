"""Three ways to turn scores into weights that sum to 1."""

# --8<-- [start:imports]
import torch

from attention_steps.checks import require_float_tensor
# --8<-- [end:imports]


# --8<-- [start:softmax_naive]
def softmax_naive(scores: torch.Tensor) -> torch.Tensor:
    """Softmax over the last dimension as textbooks write it: exp, then divide by the sum."""
    require_float_tensor(scores, "scores", ranks=(1, 2, 3, 4))
    exps = torch.exp(scores)  # (..., tokens)
    return exps / exps.sum(dim=-1, keepdim=True)  # (..., tokens)
# --8<-- [end:softmax_naive]


# --8<-- [start:softmax_stable]
def softmax_stable(scores: torch.Tensor) -> torch.Tensor:
    """Softmax over the last dimension that cannot overflow: subtract the row maximum first.

    ```python
    import torch
    from attention_steps import softmax_stable

    weights = softmax_stable(torch.tensor([1000.0, 1001.0]))
    assert torch.allclose(weights, torch.tensor([0.2689, 0.7311]), atol=1e-4)
    ```
    """
    require_float_tensor(scores, "scores", ranks=(1, 2, 3, 4))
    shifted = scores - scores.amax(dim=-1, keepdim=True)  # (..., tokens), every entry <= 0
    exps = torch.exp(shifted)  # (..., tokens), every entry in (0, 1]
    return exps / exps.sum(dim=-1, keepdim=True)  # (..., tokens)
# --8<-- [end:softmax_stable]


# --8<-- [start:normalize_by_sum]
def normalize_by_sum(scores: torch.Tensor) -> torch.Tensor:
    """Divide each score by the sum of its row: the result sums to 1 but is no softmax."""
    require_float_tensor(scores, "scores", ranks=(1, 2, 3, 4))
    return scores / scores.sum(dim=-1, keepdim=True)  # (..., tokens)
# --8<-- [end:normalize_by_sum]
