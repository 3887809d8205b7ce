import numpy as np
import pytest
import torch

from attention_steps import CausalAttention, causal_mask, journey_embeddings
from tests.package.reference import numpy_attention


def test_mask_hides_exactly_the_future():
    mask = causal_mask(5)
    for i in range(5):
        for j in range(5):
            assert bool(mask[i, j]) == (j > i)


def test_matches_an_independent_masked_reference_and_the_book():
    torch.manual_seed(123)
    ca = CausalAttention(3, 2, context_length=6)
    x = journey_embeddings()
    w = [m.weight.detach().double().numpy().T for m in (ca.W_query, ca.W_key, ca.W_value)]
    with torch.no_grad():
        out = ca(torch.stack((x, x)))
    ref = numpy_attention(x.double().numpy(), *w, causal=True)
    np.testing.assert_allclose(out[0].numpy(), ref, atol=1e-6)
    np.testing.assert_allclose(out[1].numpy(), ref, atol=1e-6)
    np.testing.assert_allclose(out[0, 0].numpy(), [-0.4519, 0.2216], atol=5e-5)


def test_a_token_is_not_changed_by_later_tokens():
    torch.manual_seed(1)
    ca = CausalAttention(4, 3, context_length=8)
    x = torch.randn(1, 8, 4)
    y = x.clone()
    y[0, 5:] = torch.randn(3, 4)  # change only the future of token 4
    with torch.no_grad():
        torch.testing.assert_close(ca(x)[0, :5], ca(y)[0, :5])
        assert not torch.allclose(ca(x)[0, 5:], ca(y)[0, 5:])


def _dropped_weights(p, seed):
    """The attention weights before and after CausalAttention's dropout, in training mode."""
    torch.manual_seed(seed)
    ca = CausalAttention(8, 8, context_length=64, dropout=p).train()
    seen = {}
    ca.dropout.register_forward_hook(lambda m, i, o: seen.update(before=i[0], after=o))
    with torch.no_grad():
        ca(torch.randn(16, 64, 8))
    return seen["before"], seen["after"]


@pytest.mark.parametrize("p", [0.1, 0.5])
def test_dropout_structure_not_one_platform_pattern(p):
    before, after = _dropped_weights(p, seed=3)
    visible = before > 0  # the causal zeros stay zero either way
    dropped = visible & (after == 0)
    share = dropped.sum().item() / visible.sum().item()
    assert abs(share - p) < 0.02, share
    kept = visible & (after != 0)
    torch.testing.assert_close(after[kept], before[kept] / (1 - p))


def test_dropout_is_off_in_eval_mode():
    torch.manual_seed(0)
    ca = CausalAttention(3, 2, context_length=6, dropout=0.5)
    x = torch.randn(2, 6, 3)
    with torch.no_grad():
        torch.testing.assert_close(ca.eval()(x), ca.eval()(x))
        ca.dropout.p = 0.0
        expected = ca(x)
        ca.dropout.p = 0.5
        torch.testing.assert_close(ca.eval()(x), expected)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(d_in=3, d_out=2, context_length=0), ValueError, "context_length must be positive"),
        (dict(d_in=3, d_out=2, context_length=6, dropout=1.0), ValueError, r"dropout must be in \[0, 1\), got 1.0"),
        (dict(d_in=3, d_out=2, context_length=6, dropout=-0.1), ValueError, "dropout must be in"),
        (dict(d_in=3, d_out=2, context_length=6, dropout="0.1"), TypeError, "dropout must be a float"),
        (dict(d_in=True, d_out=2, context_length=6), TypeError, "d_in must be an int"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, words):
    with pytest.raises(error, match=words):
        CausalAttention(**kwargs)


@pytest.mark.parametrize(
    "x, error, words",
    [
        (torch.zeros(1, 7, 3), ValueError, "7 tokens, more than context_length=6"),
        (torch.zeros(6, 3), ValueError, "must have 3 dimensions"),
        (torch.zeros(1, 6, 4), ValueError, "d_in=3"),
        (torch.zeros(1, 6, 3, dtype=torch.long), TypeError, "floating dtype"),
    ],
)
def test_bad_inputs_are_named(x, error, words):
    with pytest.raises(error, match=words):
        CausalAttention(3, 2, context_length=6)(x)
