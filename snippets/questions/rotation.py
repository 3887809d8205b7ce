import math

import torch

from attention_steps import inverse_frequencies

d_model, k = 4, 3
w = inverse_frequencies(d_model)  # (2,) float64: one frequency per (sin, cos) pair


def pe(p: int) -> torch.Tensor:
    """PE(p) in float64: sin(p w_i), cos(p w_i) for each pair i."""
    angles = p * w  # (2,)
    return torch.stack((angles.sin(), angles.cos()), dim=-1).flatten()  # (4,)


def rotation(k: int) -> torch.Tensor:
    """M_k: one 2x2 rotation block per pair, by the angle k w_i; it does not depend on p."""
    M = torch.zeros(d_model, d_model, dtype=torch.float64)
    for i, angle in enumerate((k * w).tolist()):
        c, s = math.cos(angle), math.sin(angle)
        M[2 * i : 2 * i + 2, 2 * i : 2 * i + 2] = torch.tensor([[c, s], [-s, c]], dtype=torch.float64)
    return M


M = rotation(k)
print(f"M_{k} =")
for row in M.tolist():
    print("  [" + ", ".join(f"{v:7.4f}" for v in row) + "]")
for p in (0, 1, 10, 37):
    error = (pe(p + k) - M @ pe(p)).abs().max()
    print(f"p={p:2}: PE({p + k}) = M_{k} PE({p}), largest |difference| below 1e-12: {bool(error < 1e-12)}")
# So the dot product of two positions depends only on how far apart they are:
for p in (0, 10, 37):
    print(f"PE({p}) . PE({p + k}) = {float(pe(p) @ pe(p + k)):.6f}")
