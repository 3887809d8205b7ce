import numpy as np
import pytest
import torch
from torch import nn

from attention_steps import LayerNorm
from tests.package.reference import numpy_layer_norm


@pytest.mark.parametrize("shape", [(8,), (6, 8), (2, 6, 8)])
def test_matches_numpy_and_torch_with_any_scale_and_shift(shape):
    torch.manual_seed(3)
    ours, theirs = LayerNorm(8), nn.LayerNorm(8)
    with torch.no_grad():
        theirs.weight.uniform_(-2, 2)
        theirs.bias.uniform_(-1, 1)
        ours.scale.copy_(theirs.weight)
        ours.shift.copy_(theirs.bias)
        x = 4 * torch.randn(*shape) - 2
        expected = numpy_layer_norm(x.double().numpy(), theirs.weight.double().numpy(),
                                    theirs.bias.double().numpy())
        np.testing.assert_allclose(ours(x).numpy(), expected, atol=1e-5)
        np.testing.assert_allclose(ours(x).numpy(), theirs(x).numpy(), atol=1e-5)


def test_rows_get_mean_zero_and_variance_one_before_scale_and_shift():
    x = torch.randn(5, 16) * 10 + 3
    with torch.no_grad():
        y = LayerNorm(16)(x)
    assert torch.allclose(y.mean(-1), torch.zeros(5), atol=1e-5)
    assert torch.allclose(y.var(-1, unbiased=False), torch.ones(5), atol=1e-4)


def test_eps_keeps_a_constant_row_finite():
    with torch.no_grad():
        y = LayerNorm(4, eps=1e-5)(torch.full((1, 4), 7.0))
    assert torch.equal(y, torch.zeros(1, 4))


@pytest.mark.parametrize("make, x, error, words", [
    (lambda: LayerNorm(4), torch.randn(3, 5), ValueError, "d_in=4"),
    (lambda: LayerNorm(4), torch.ones(3, 4, dtype=torch.int32), TypeError, "floating dtype"),
    (lambda: LayerNorm(4), torch.randn(1, 2, 3, 4), ValueError, "1 or 2 or 3 dimensions"),
    (lambda: LayerNorm(0), None, ValueError, "d_model must be positive"),
    (lambda: LayerNorm(4, eps=0.0), None, ValueError, "eps must be a positive number"),
    (lambda: LayerNorm(4, eps=-1e-5), None, ValueError, "eps must be a positive number"),
])
def test_bad_input_is_named(make, x, error, words):
    with pytest.raises(error, match=words):
        make()(x)
