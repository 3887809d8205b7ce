import numpy as np
import pytest
import torch

from attention_steps import SelfAttention, SelfAttentionParams, journey_embeddings
from tests.package.reference import numpy_attention


def test_raw_parameters_follow_the_book_seed_and_creation_order():
    torch.manual_seed(123)
    wq, wk, wv = (torch.rand(3, 2).double().numpy() for _ in range(3))
    torch.manual_seed(123)
    sa = SelfAttentionParams(3, 2)
    x = journey_embeddings()
    with torch.no_grad():
        out = sa(x).double().numpy()
    np.testing.assert_allclose(out, numpy_attention(x.double().numpy(), wq, wk, wv), atol=1e-6)
    np.testing.assert_allclose(out[1], [0.3061, 0.8210], atol=5e-5)


def test_linear_version_matches_the_reference_with_its_own_weights():
    torch.manual_seed(789)
    sa = SelfAttention(3, 2)
    x = journey_embeddings()
    w = [m.weight.detach().double().numpy().T for m in (sa.W_query, sa.W_key, sa.W_value)]
    with torch.no_grad():
        np.testing.assert_allclose(sa(x).numpy(), numpy_attention(x.double().numpy(), *w), atol=1e-6)
        np.testing.assert_allclose(sa(x)[0].numpy(), [-0.0739, 0.0713], atol=5e-5)


def test_batched_input_is_each_sequence_on_its_own():
    torch.manual_seed(0)
    sa = SelfAttention(3, 4, qkv_bias=True)
    x = torch.randn(2, 5, 3)
    with torch.no_grad():
        torch.testing.assert_close(sa(x)[1], sa(x[1]))


@pytest.mark.parametrize("cls", [SelfAttention, SelfAttentionParams])
@pytest.mark.parametrize(
    "args, error, words",
    [((0, 2), ValueError, "d_in must be positive, got 0"),
     ((3, -1), ValueError, "d_out must be positive, got -1"),
     ((3.0, 2), TypeError, "d_in must be an int")],
)
def test_bad_sizes_are_named(cls, args, error, words):
    with pytest.raises(error, match=words):
        cls(*args)


@pytest.mark.parametrize("cls", [SelfAttention, SelfAttentionParams])
@pytest.mark.parametrize(
    "x, error, words",
    [(torch.zeros(6, 4), ValueError, "d_in=3"),
     (torch.zeros(6), ValueError, "2 or 3 dimensions"),
     (torch.zeros(6, 3, dtype=torch.int32), TypeError, "floating dtype")],
)
def test_bad_inputs_are_named(cls, x, error, words):
    with pytest.raises(error, match=words) as info:
        cls(3, 2)(x)
    assert "x " in str(info.value)
