import pytest
import torch

from attention_steps.charmodel import (
    CharModel,
    causal_loss,
    char_ids,
    generate,
    hidden_keys,
    train,
    windows,
)

TEXT = "abcab cabca bcabc " * 4


def test_hidden_keys_hide_the_future_the_past_or_nothing():
    causal, lower = hidden_keys("causal", 4), hidden_keys("lower", 4)
    for i in range(4):
        for j in range(4):
            assert bool(causal[i, j]) == (j > i)  # a key after the query is hidden
            assert bool(lower[i, j]) == (j < i)  # a key before the query is hidden
    assert hidden_keys("none", 4) is None


def test_windows_pair_each_character_with_its_neighbour():
    chars, ids = char_ids("abcdefgh")
    assert chars == list("abcdefgh")
    ahead, after = windows(ids, 3, shift=1)
    back, before = windows(ids, 3, shift=-1)
    assert torch.equal(ahead, back)
    assert torch.equal(after[:, :-1], ahead[:, 1:])  # the target is the input, one step on
    assert torch.equal(before[:, 1:], back[:, :-1])  # ... or one step back
    assert ahead.tolist()[0] == [1, 2, 3] and after.tolist()[0] == [2, 3, 4]


def test_a_causal_model_position_never_sees_later_characters():
    torch.manual_seed(0)
    model = CharModel(5, 8, 2, 6)
    ids = torch.tensor([[0, 1, 2, 3, 4, 0]])
    changed = ids.clone()
    changed[0, 4:] = torch.tensor([2, 2])
    with torch.no_grad():
        a, b = model(ids, hidden_keys("causal", 6)), model(changed, hidden_keys("causal", 6))
        c, d = model(ids), model(changed)
    assert torch.equal(a[:, :4], b[:, :4])  # the first four positions do not see the change
    assert not torch.allclose(c[:, :4], d[:, :4])  # without a mask they do


def test_training_lowers_the_loss_and_only_the_unmasked_model_cheats():
    honest = train(TEXT, mask="causal", steps=40, context_length=6, d_model=16)
    cheat = train(TEXT, mask="none", steps=40, context_length=6, d_model=16)
    assert len(honest.losses) == len(honest.grad_norms) == 40
    assert honest.losses[-1] < honest.losses[0] and cheat.losses[-1] < cheat.losses[0]
    assert cheat.losses[-1] < honest.losses[-1]  # it can copy the answer ...
    assert causal_loss(cheat, TEXT) > causal_loss(honest, TEXT)  # ... and fails without it
    assert causal_loss(honest, TEXT) == pytest.approx(honest.losses[-1], abs=0.2)


def test_generation_is_seeded_and_extends_the_prompt():
    run = train(TEXT, steps=5, context_length=6, d_model=8)
    first, second = generate(run, "ab", 10, seed=3), generate(run, "ab", 10, seed=3)
    assert first == second and first.startswith("ab") and len(first) == 12
    assert set(first) <= set(TEXT)


@pytest.mark.parametrize("call, error, fragments", [
    (lambda: hidden_keys("upper", 3), ValueError, ["mask", "'upper'"]),
    (lambda: train("ab" * 20, mask="future"), ValueError, ["mask", "'future'"]),
    (lambda: train("ab" * 20, steps=0), ValueError, ["steps", "0"]),
    (lambda: train("a"), ValueError, ["text", "2 characters"]),
    (lambda: windows(torch.arange(10), 3, shift=0), ValueError, ["shift", "0"]),
    (lambda: windows(torch.arange(10), 3, shift=2), ValueError, ["shift", "2"]),
    (lambda: CharModel(0, 8, 2, 6), ValueError, ["vocab_size", "0"]),
    (lambda: CharModel(5, 8, 2, 6)(torch.zeros(1, 7, dtype=torch.long)), ValueError, ["ids", "7 tokens", "context_length=6"]),
    (lambda: CharModel(5, 8, 2, 6)(torch.zeros(1, 3)), TypeError, ["ids", "torch.float32"]),
    (lambda: generate(train("ab" * 20, steps=1, context_length=4), "xyz", 3), ValueError, ["prompt", "'x'"]),
    (lambda: generate(train("ab" * 20, steps=1, context_length=4), "ab", 0), ValueError, ["length", "0"]),
], ids=["unknown mask", "train unknown mask", "zero steps", "short text", "shift 0", "shift 2",
        "zero vocabulary", "too many tokens", "float ids", "unknown prompt characters", "zero length"])
def test_bad_input_is_named(call, error, fragments):
    with pytest.raises(error) as caught:
        call()
    for fragment in fragments:
        assert fragment in str(caught.value)
