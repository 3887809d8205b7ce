import numpy as np
import pytest
import torch

from attention_steps import encode_positions, inverse_frequencies, sinusoidal_positional_encoding
from tests.package.reference import paper_positional_encoding


@pytest.mark.parametrize("num_positions, d_model", [(1, 2), (4, 4), (7, 6), (50, 64), (3, 512)])
def test_matches_the_formula_computed_in_a_plain_loop(num_positions, d_model):
    pe = sinusoidal_positional_encoding(num_positions, d_model)
    assert pe.shape == (num_positions, d_model)
    assert pe.dtype == torch.float32
    np.testing.assert_allclose(pe.numpy(), paper_positional_encoding(num_positions, d_model), atol=1e-7)


def test_the_worked_table_for_four_positions_and_four_dimensions():
    pe = sinusoidal_positional_encoding(4, 4)
    np.testing.assert_allclose(pe[0].numpy(), [0.0, 1.0, 0.0, 1.0])
    np.testing.assert_allclose(pe[1].numpy(), [0.8415, 0.5403, 0.0100, 0.9999], atol=5e-5)
    np.testing.assert_allclose(pe[3].numpy(), [0.1411, -0.9900, 0.0300, 0.9996], atol=5e-5)


def test_frequencies_use_2i_over_d_model():
    np.testing.assert_allclose(inverse_frequencies(4).numpy(), [1.0, 0.01])
    np.testing.assert_allclose(inverse_frequencies(8).numpy(), [1.0, 0.1, 0.01, 0.001])


def test_encode_positions_with_the_right_frequencies_is_the_table():
    table = encode_positions(torch.arange(9), inverse_frequencies(6))
    assert torch.equal(table, sinusoidal_positional_encoding(9, 6))


def test_dot_product_of_two_positions_depends_only_on_their_distance():
    pe = sinusoidal_positional_encoding(60, 32).double()
    dots = pe @ pe.T
    for offset in range(0, 10):
        diagonal = torch.diagonal(dots, offset)
        assert torch.allclose(diagonal, diagonal[0].expand_as(diagonal), atol=1e-5)
    assert torch.allclose(torch.diagonal(dots), torch.full((60,), 16.0, dtype=torch.float64))
    neighbours = dots[0, :5]
    assert bool((neighbours[1:] < neighbours[:-1]).all()), "nearby positions get less similar"


def test_every_position_gets_a_different_vector():
    pe = sinusoidal_positional_encoding(200, 16)
    distances = torch.cdist(pe, pe) + torch.eye(200)
    assert distances.min() > 1e-3


@pytest.mark.parametrize(
    "num_positions, d_model, error, words",
    [
        (4, 5, ValueError, "d_model must be even"),
        (4, 0, ValueError, "d_model must be positive"),
        (0, 4, ValueError, "num_positions must be positive"),
        (-3, 4, ValueError, "num_positions must be positive"),
        (4.0, 4, TypeError, "num_positions must be an int"),
        (4, True, TypeError, "d_model must be an int"),
    ],
)
def test_bad_sizes_are_named(num_positions, d_model, error, words):
    with pytest.raises(error, match=words):
        sinusoidal_positional_encoding(num_positions, d_model)
