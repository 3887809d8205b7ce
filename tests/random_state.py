"""Save and restore every random generator a test may touch, so test order cannot change a number."""

import contextlib
import random

import numpy as np
import torch


@contextlib.contextmanager
def restored_random_state():
    """Run the block, then put Python's, NumPy's and torch's generators back as they were."""
    python_state, numpy_state = random.getstate(), np.random.get_state()
    torch_state = torch.random.get_rng_state()
    try:
        yield
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)
        torch.random.set_rng_state(torch_state)
