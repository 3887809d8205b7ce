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


def numpy_layer_norm(x, scale, shift, eps=1e-5):
    """Independent float64 reference: (x - mean) / sqrt(biased variance + eps) * scale + shift."""
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * scale + shift


def paper_positional_encoding(num_positions, d_model):
    """Independent float64 loop over the formula: PE(pos, 2i) = sin, PE(pos, 2i+1) = cos."""
    import math

    table = np.zeros((num_positions, d_model))
    for pos in range(num_positions):
        for i in range(d_model // 2):
            angle = pos / 10000 ** (2 * i / d_model)
            table[pos, 2 * i] = math.sin(angle)
            table[pos, 2 * i + 1] = math.cos(angle)
    return table
