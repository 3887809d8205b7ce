import numpy as np
import pytest
import torch

from attention_steps import (
    attention_scores,
    attention_weights,
    context_vectors,
    journey_embeddings,
    self_attention,
)


def reference_self_attention(x: np.ndarray) -> np.ndarray:
    """An independent float64 computation with explicit loops."""
    n = len(x)
    scores = np.array([[sum(x[i, k] * x[j, k] for k in range(x.shape[1])) for j in range(n)] for i in range(n)])
    exps = np.exp(scores)
    weights = exps / exps.sum(axis=1, keepdims=True)
    return np.array([sum(weights[i, j] * x[j] for j in range(n)) for i in range(n)])


def test_self_attention_matches_a_float64_loop_reference():
    x = journey_embeddings()
    expected = reference_self_attention(x.double().numpy())
    np.testing.assert_allclose(self_attention(x).numpy(), expected, atol=1e-6)


def test_the_book_context_vector_of_journey():
    x = journey_embeddings()
    context = self_attention(x)[1]
    np.testing.assert_allclose(context.numpy(), [0.4419, 0.6515, 0.5683], atol=5e-5)


def test_one_query_equals_its_row_of_the_matrix_version():
    x = journey_embeddings()
    one = context_vectors(attention_weights(attention_scores(x[1], x)), x)
    torch.testing.assert_close(one, self_attention(x)[1])


def test_scores_are_dot_products():
    x = journey_embeddings()
    scores = attention_scores(x, x)
    assert scores.shape == (6, 6)
    for i in range(6):
        for j in range(6):
            torch.testing.assert_close(scores[i, j], torch.dot(x[i], x[j]))


def test_batched_inputs_attend_within_each_sequence():
    x = journey_embeddings()
    batch = torch.stack([x, x.flip(0)])  # (2, 6, 3)
    out = self_attention(batch)
    assert out.shape == (2, 6, 3)
    torch.testing.assert_close(out[0], self_attention(x))
    torch.testing.assert_close(out[1], self_attention(x.flip(0)))


def test_weights_are_non_negative_and_rows_sum_to_one():
    x = journey_embeddings()
    w = attention_weights(attention_scores(x, x))
    assert (w >= 0).all()
    torch.testing.assert_close(w.sum(dim=-1), torch.ones(6))


def test_mismatched_widths_are_named():
    with pytest.raises(ValueError, match="same last dimension, got 3 and 4"):
        attention_scores(torch.zeros(2, 3), torch.zeros(2, 4))
    with pytest.raises(ValueError, match="one column per value row, got 5 columns and 6"):
        context_vectors(torch.zeros(2, 5), torch.zeros(6, 3))


@pytest.mark.parametrize(
    "bad, error, words",
    [
        (torch.zeros(2, 3, dtype=torch.int64), TypeError, "inputs|queries"),
        (torch.zeros(1, 1, 2, 3), ValueError, "dimensions"),
        (torch.zeros(0, 3), ValueError, "empty"),
        ([[0.1, 0.2]], TypeError, "torch.Tensor"),
    ],
)
def test_bad_inputs_are_named(bad, error, words):
    with pytest.raises(error, match=words):
        self_attention(bad)
