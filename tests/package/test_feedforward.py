import numpy as np
import pytest
import torch

from attention_steps import FeedForward


def _numpy(ff, x):
    w1, b1 = ff.widen.weight.detach().double().numpy(), ff.widen.bias.detach().double().numpy()
    w2, b2 = ff.narrow.weight.detach().double().numpy(), ff.narrow.bias.detach().double().numpy()
    return np.maximum(x @ w1.T + b1, 0.0) @ w2.T + b2


@pytest.mark.parametrize("shape", [(6, 4), (2, 5, 4)])
def test_matches_two_matrix_products_with_relu_between(shape):
    torch.manual_seed(0)
    ff = FeedForward(4, 16)
    x = torch.randn(*shape)
    with torch.no_grad():
        np.testing.assert_allclose(ff(x).numpy(), _numpy(ff, x.double().numpy()), atol=1e-5)


def test_widens_then_narrows_and_counts_its_parameters():
    ff = FeedForward(4, 16)
    assert ff.widen.weight.shape == (16, 4) and ff.narrow.weight.shape == (4, 16)
    assert sum(p.numel() for p in ff.parameters()) == 4 * 16 + 16 + 16 * 4 + 4


def test_each_token_is_transformed_alone():
    torch.manual_seed(1)
    ff = FeedForward(4, 8)
    x = torch.randn(1, 5, 4)
    with torch.no_grad():
        whole = ff(x)
        x[0, 3] = 100.0
        changed = ff(x)
    assert torch.equal(whole[0, :3], changed[0, :3]) and torch.equal(whole[0, 4:], changed[0, 4:])


@pytest.mark.parametrize("make, x, error, words", [
    (lambda: FeedForward(4, 16), torch.randn(6, 3), ValueError, "d_in=4"),
    (lambda: FeedForward(4, 16), torch.randn(4), ValueError, "2 or 3 dimensions"),
    (lambda: FeedForward(4, 16), torch.ones(6, 4, dtype=torch.long), TypeError, "floating dtype"),
    (lambda: FeedForward(4, 0), None, ValueError, "d_hidden must be positive"),
    (lambda: FeedForward(-4, 8), None, ValueError, "d_model must be positive"),
    (lambda: FeedForward(4, 8, dropout=1.0), None, ValueError, "dropout must be in"),
])
def test_bad_input_is_named(make, x, error, words):
    with pytest.raises(error, match=words):
        make()(x)
