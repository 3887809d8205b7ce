import numpy as np
import pytest
import torch

from attention_steps import (
    hello_embeddings,
    round_then_add,
    self_attention,
    work_by_hand,
)


def test_every_step_agrees_with_the_torch_version():
    x = hello_embeddings()
    step = work_by_hand(x, query_index=1)
    expected = self_attention(torch.from_numpy(x))[1].numpy()  # float64 torch
    np.testing.assert_allclose(step.context, expected, rtol=1e-12)
    np.testing.assert_allclose(step.scores, x @ x[1], rtol=1e-12)
    np.testing.assert_allclose(step.exponentials.sum(), step.total)
    np.testing.assert_allclose(step.weights.sum(), 1.0)
    np.testing.assert_allclose(step.weighted.sum(axis=0), step.context)


def test_rounding_every_step_moves_the_fourth_decimal_here():
    step = work_by_hand(hello_embeddings(), query_index=1)
    rounded = round_then_add(step, decimals=4)
    assert rounded[0] == pytest.approx(0.3989)
    assert round(step.context[0], 4) == pytest.approx(0.3990)


def test_rounding_with_many_decimals_changes_nothing_visible():
    step = work_by_hand(hello_embeddings(), query_index=0)
    np.testing.assert_allclose(round_then_add(step, decimals=12), step.context, atol=1e-11)


@pytest.mark.parametrize(
    "embeddings, index, error, words",
    [
        (np.zeros((3, 3)), 3, ValueError, r"query_index must be in \[0, 3\), got 3"),
        (np.zeros(3), 0, ValueError, "embeddings must be a non-empty"),
        (np.zeros((0, 3)), 0, ValueError, "embeddings must be a non-empty"),
        (np.array([["a", "b"]]), 0, TypeError, "embeddings must hold numbers"),
    ],
)
def test_bad_input_is_named(embeddings, index, error, words):
    with pytest.raises(error, match=words):
        work_by_hand(embeddings, index)


def test_negative_decimals_are_refused():
    step = work_by_hand(hello_embeddings(), query_index=1)
    with pytest.raises(ValueError, match="decimals must be >= 0, got -1"):
        round_then_add(step, decimals=-1)
