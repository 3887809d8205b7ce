"""Independent NumPy computations the package tests compare against."""

import numpy as np


def numpy_attention(x, wq, wk, wv, causal=False):
    """Independent float64 reference: explicit softmax of scaled scores, optional causal mask."""
    q, k, v = x @ wq, x @ wk, x @ wv
    s = q @ k.T / np.sqrt(k.shape[-1])
    if causal:
        s = np.where(np.triu(np.ones_like(s, dtype=bool), 1), -np.inf, s)
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)) @ v
