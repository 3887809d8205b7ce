import random

import pytest
import torch

from attention_steps.corpus import TINY_TEXT
from attention_steps.mlm import (
    MASK,
    MaskedCharModel,
    accuracy,
    attention_maps,
    encode,
    fill_in,
    hide,
    most_frequent_baseline,
    one_blank_at_a_time,
    split_corpus,
    train_masked,
    vocabulary,
    windows,
)

TEXT = "abc abd\nabc acd\nbcd abc\ndab cab\nabd bcd\ncab abc\nacd dab\n"  # line 5 is held out


def test_the_held_out_line_is_never_in_the_training_lines():
    train, held = split_corpus(TINY_TEXT)
    assert held == [TINY_TEXT.splitlines()[5]] and held[0] not in train
    assert len(train) + 1 == len(TINY_TEXT.splitlines())
    chars = vocabulary(train)
    assert chars[-1] == MASK and MASK not in TINY_TEXT and chars[:-1] == sorted(set(" ".join(train)))


def test_encode_pads_with_zero_and_marks_the_padding():
    chars = vocabulary(["ab", "b"])  # ' ', 'a', 'b', MASK
    ids, padding = encode(["ab", "b", "xb"], chars)
    assert ids.tolist() == [[1, 2], [2, 0], [3, 2]]  # 'x' is unknown: it becomes MASK (id 3)
    assert padding.tolist() == [[False, False], [False, True], [False, False]]


def test_windows_are_every_stretch_of_the_joined_lines():
    chars = vocabulary(["abc", "cd"])
    w = windows(["abc", "cd"], chars, width=3)
    assert ["".join(chars[i] for i in row) for row in w.tolist()] == ["abc", "bc ", "c c", " cd"]


def test_hide_masks_about_the_rate_of_each_lines_real_characters_only():
    ids, padding = encode(["abcdefghij", "abcd"], vocabulary(["abcdefghij"]))
    inputs, hidden = hide(ids, padding, 0.3, random.Random(0), mask_id=11)
    assert hidden.sum(dim=1).tolist() == [3, 1]
    assert not (hidden & padding).any(), "padding is never a target"
    assert torch.equal(inputs[hidden], torch.full((4,), 11))
    assert torch.equal(inputs[~hidden], ids[~hidden])


def test_the_model_is_the_packages_encoder_and_a_linear_head():
    torch.manual_seed(0)
    model = MaskedCharModel(7, d_model=8, num_heads=2, d_hidden=16)
    ids = torch.tensor([[1, 2, 3, 0]])
    padding = torch.tensor([[False, False, False, True]])
    with torch.no_grad():
        logits = model(ids, padding)
        assert logits.shape == (1, 4, 7)
        expected = model.to_logits(model.encoder(ids, key_padding_mask=padding))
        assert torch.equal(logits, expected)


def test_training_is_seeded_cached_and_lowers_the_loss():
    run = train_masked(TEXT, steps=30, width=4)
    assert train_masked(TEXT, steps=30, width=4) is run, "the same arguments reuse the run"
    train_masked.cache_clear()
    again = train_masked(TEXT, steps=30, width=4)
    assert again is not run and again.losses == run.losses, "the same numbers from scratch"
    assert len(run.losses) == 30 and run.losses[-1] < run.losses[0]
    assert run.model.encoder.embedding.weight.dtype == torch.float64
    assert not torch.equal(run.model.to_logits.weight, run.untrained.to_logits.weight)


def test_training_leaves_the_callers_generator_alone():
    train_masked.cache_clear()
    state = torch.random.get_rng_state()
    train_masked(TEXT, steps=2, width=4)
    assert torch.equal(state, torch.random.get_rng_state())


def test_accuracy_hides_each_character_alone_and_the_baseline_counts_the_commonest():
    run = train_masked(TEXT, steps=30, width=4)
    truth, scores = one_blank_at_a_time(run, "abc abd")  # windows of 4, as in training
    assert scores.shape == (7, len(run.chars))
    right, total = accuracy(run, ["abc abd"])
    assert total == 7 and right == int((scores.argmax(-1) == truth).sum())
    assert most_frequent_baseline(["aab", "b"], ["bbx"]) == ("a", 0, 3)  # a and b tie: sorted first


def test_fill_in_returns_k_probabilities_in_decreasing_order():
    run = train_masked(TEXT, steps=30, width=4)
    top = fill_in(run, "ab_", k=3)
    assert len(top) == 3 and all(c in run.chars for c, _ in top)
    probs = [p for _, p in top]
    assert probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1 + 1e-12


def test_attention_maps_are_one_softmax_row_per_query_and_head():
    run = train_masked(TEXT, steps=30, width=4)
    maps = attention_maps(run.model, "abc", run.chars)
    assert maps.shape == (4, 3, 3)
    torch.testing.assert_close(maps.sum(-1), torch.ones(4, 3, dtype=maps.dtype))


@pytest.mark.parametrize("call, error, fragments", [
    (lambda: split_corpus("one line"), ValueError, ["text", "2 lines"]),
    (lambda: split_corpus("a\n\nb"), ValueError, ["none empty"]),
    (lambda: split_corpus("a\nb", held_out=2), ValueError, ["held_out", "2"]),
    (lambda: train_masked(TEXT, steps=0), ValueError, ["steps", "0"]),
    (lambda: fill_in(train_masked(TEXT, steps=2, width=4), "abc", 3), ValueError, ["blank", "0"]),
    (lambda: fill_in(train_masked(TEXT, steps=2, width=4), "a__", 3), ValueError, ["blank", "2"]),
    (lambda: fill_in(train_masked(TEXT, steps=2, width=4), "a_", 0), ValueError, ["k", "0"]),
    (lambda: fill_in(train_masked(TEXT, steps=2, width=4), b"a_", 1), TypeError, ["text", "bytes"]),
    (lambda: MaskedCharModel(0), ValueError, ["vocab_size", "0"]),
    (lambda: MaskedCharModel(5)(torch.zeros(1, 3)), TypeError, ["ids", "torch.float32"]),
    (lambda: MaskedCharModel(5)(torch.zeros(1, 3, dtype=torch.long), torch.ones(1, 3, dtype=torch.bool)),
     ValueError, ["key_padding_mask", "batch row 0"]),
], ids=["one line", "empty line", "held_out outside", "zero steps", "no blank", "two blanks",
        "k zero", "bytes", "zero vocabulary", "float ids", "all padding"])
def test_bad_input_is_named(call, error, fragments):
    with pytest.raises(error) as caught:
        call()
    for fragment in fragments:
        assert fragment in str(caught.value)
