"""Save and restore every random generator (and torch's default dtype) a test may touch, so test
order cannot change a number."""

import contextlib
import random

import numpy as np
import torch


@contextlib.contextmanager
def restored_random_state():
    """Run the block, then put Python's, NumPy's and torch's generators back as they were, and
    torch's default dtype (a page may set float64 for the whole example)."""
    python_state, numpy_state = random.getstate(), np.random.get_state()
    torch_state, dtype = torch.random.get_rng_state(), torch.get_default_dtype()
    try:
        yield
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)
        torch.random.set_rng_state(torch_state)
        torch.set_default_dtype(dtype)
