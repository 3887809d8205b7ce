import random

import numpy as np
import torch

from tests.random_state import restored_random_state


def test_generators_are_put_back_after_the_block():
    torch.manual_seed(11)
    np.random.seed(11)
    random.seed(11)
    expected = (torch.rand(3), np.random.rand(3), random.random())
    torch.manual_seed(11)
    np.random.seed(11)
    random.seed(11)
    with restored_random_state():
        torch.manual_seed(99)
        np.random.seed(99)
        random.seed(99)
        torch.rand(100), np.random.rand(100), random.random()
    after = (torch.rand(3), np.random.rand(3), random.random())
    assert torch.equal(after[0], expected[0])
    assert np.array_equal(after[1], expected[1])
    assert after[2] == expected[2]


def test_generators_are_put_back_after_an_error():
    torch.manual_seed(5)
    before = torch.random.get_rng_state()
    try:
        with restored_random_state():
            torch.rand(10)
            raise KeyError("boom")
    except KeyError:
        pass
    assert torch.equal(torch.random.get_rng_state(), before)


def test_default_dtype_is_put_back_after_the_block():
    with restored_random_state():
        torch.set_default_dtype(torch.float64)
        assert torch.zeros(1).dtype == torch.float64
    assert torch.get_default_dtype() == torch.float32
