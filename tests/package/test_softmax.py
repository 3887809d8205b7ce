import pytest
import torch

from attention_steps import normalize_by_sum, softmax_naive, softmax_stable

SOFTMAXES = [softmax_naive, softmax_stable]


@pytest.mark.parametrize("softmax", SOFTMAXES)
def test_matches_torch_softmax_on_random_rows(softmax):
    gen = torch.Generator().manual_seed(7)
    scores = torch.randn(4, 5, 6, generator=gen)  # (batch, queries, keys)
    torch.testing.assert_close(softmax(scores), torch.softmax(scores, dim=-1))


@pytest.mark.parametrize("normalize", [softmax_naive, softmax_stable, normalize_by_sum])
def test_rows_sum_to_one(normalize):
    scores = torch.tensor([[0.5, 1.0, 2.0], [3.0, 1.0, 4.0]])
    torch.testing.assert_close(normalize(scores).sum(dim=-1), torch.ones(2))


def test_stable_softmax_survives_scores_that_overflow_exp():
    big = torch.tensor([1000.0, 1001.0, 1002.0])
    assert torch.isnan(softmax_naive(big)).all()
    expected = torch.softmax(torch.tensor([0.0, 1.0, 2.0]), dim=-1)
    torch.testing.assert_close(softmax_stable(big), expected)


def test_stable_softmax_ignores_a_constant_shift():
    scores = torch.tensor([0.2, -1.3, 0.7])
    torch.testing.assert_close(softmax_stable(scores), softmax_stable(scores + 50.0))


def test_normalize_by_sum_is_plain_division_and_not_a_softmax():
    scores = torch.tensor([1.0, 3.0])
    torch.testing.assert_close(normalize_by_sum(scores), torch.tensor([0.25, 0.75]))
    assert not torch.allclose(normalize_by_sum(scores), softmax_stable(scores))


def test_normalize_by_sum_gives_negative_weights_for_negative_scores():
    weights = normalize_by_sum(torch.tensor([-1.0, 2.0]))
    assert (weights < 0).any()
    assert (softmax_stable(torch.tensor([-1.0, 2.0])) > 0).all()


@pytest.mark.parametrize("f", [softmax_naive, softmax_stable, normalize_by_sum])
@pytest.mark.parametrize(
    "bad, error, words",
    [
        ([0.1, 0.2], TypeError, "torch.Tensor"),
        (torch.tensor([1, 2]), TypeError, "floating dtype"),
        (torch.tensor(1.0), ValueError, "dimensions"),
        (torch.zeros(2, 0), ValueError, "empty"),
    ],
)
def test_bad_input_is_named(f, bad, error, words):
    with pytest.raises(error, match=words) as info:
        f(bad)
    assert "scores" in str(info.value)
