"""Every variant of attention_steps.variants computes MultiHeadAttention's function, and refuses bad input."""

import pytest
import torch
from torch import nn

from attention_steps import MultiHeadAttention
from attention_steps.variants import (
    CombinedQKVAttention,
    EinsumAttention,
    SDPAAttention,
    WrapperAttention,
)
from tests.random_state import restored_random_state

TOKENS = 7
BUILDERS = {
    "WrapperAttention": lambda mha: WrapperAttention(mha, context_length=TOKENS),
    "CombinedQKVAttention": CombinedQKVAttention,
    "EinsumAttention": EinsumAttention,
    "SDPAAttention": SDPAAttention,
}
CASES = [
    (name, causal, bias)
    for name in BUILDERS
    for causal in (True, False)
    for bias in (True, False)
    if causal or name != "WrapperAttention"  # the wrapper's heads are always causal
]


def _layer(causal, bias, seed=3, d_in=12, d_out=16, heads=4):
    with restored_random_state():
        torch.manual_seed(seed)
        return MultiHeadAttention(d_in, d_out, heads, causal=causal, qkv_bias=bias).eval()


def _inputs(seed=4, d_in=12):
    with restored_random_state():
        torch.manual_seed(seed)
        return torch.randn(3, TOKENS, d_in)  # (batch, tokens, d_in)


@pytest.mark.parametrize("name, causal, bias", CASES)
def test_variant_computes_the_same_output_as_multiheadattention(name, causal, bias):
    mha = _layer(causal, bias)
    variant = BUILDERS[name](mha).eval()
    x = _inputs()
    with torch.no_grad():
        torch.testing.assert_close(variant(x), mha(x), atol=1e-5, rtol=0)


@pytest.mark.parametrize("name, causal, bias", CASES)
def test_variant_has_the_same_gradient_with_respect_to_its_input(name, causal, bias):
    mha = _layer(causal, bias)
    variant = BUILDERS[name](mha).eval()
    grads = []
    for layer in (mha, variant):
        x = _inputs().requires_grad_()
        (layer(x) ** 2).sum().backward()
        grads.append(x.grad)
    torch.testing.assert_close(grads[1], grads[0], atol=1e-5, rtol=0)


@pytest.mark.parametrize("name", BUILDERS)
def test_variant_holds_the_same_number_of_weights_as_copies(name):
    mha = _layer(causal=True, bias=True)
    variant = BUILDERS[name](mha)
    count = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    assert count(variant) == count(mha)
    with torch.no_grad():
        for p in variant.parameters():
            p.add_(1.0)  # the variant's weights are its own: mha is untouched
        torch.testing.assert_close(mha(_inputs()), _layer(causal=True, bias=True)(_inputs()))


@pytest.mark.parametrize("name", BUILDERS)
def test_building_a_variant_leaves_the_generator_as_it_was(name):
    mha = _layer(causal=True, bias=False)
    with restored_random_state():
        before = torch.random.get_rng_state()
        BUILDERS[name](mha)
        assert torch.equal(torch.random.get_rng_state(), before)


@pytest.mark.parametrize("name", ["CombinedQKVAttention", "EinsumAttention", "SDPAAttention"])
def test_the_mask_really_hides_the_future(name):
    mha = _layer(causal=True, bias=False)
    variant = BUILDERS[name](mha).eval()
    x = _inputs()
    changed = x.clone()
    changed[:, -1] += 1.0  # only the last token changes
    with torch.no_grad():
        torch.testing.assert_close(variant(changed)[:, :-1], variant(x)[:, :-1])
        assert not torch.allclose(variant(changed)[:, -1], variant(x)[:, -1])


def test_sdpa_variant_applies_dropout_only_in_training():
    mha = MultiHeadAttention(8, 8, 2, dropout=0.5, causal=True)
    variant = SDPAAttention(mha)
    assert variant.training
    x = _inputs(d_in=8)
    with restored_random_state(), torch.no_grad():
        torch.manual_seed(0)
        assert not torch.allclose(variant(x), mha.eval()(x))
        torch.testing.assert_close(variant.eval()(x), mha.eval()(x), atol=1e-5, rtol=0)


BAD = [
    ("not a layer", lambda: CombinedQKVAttention(nn.Linear(4, 4)), TypeError, ["mha", "Linear"]),
    ("not a layer", lambda: EinsumAttention(nn.MultiheadAttention(4, 2)), TypeError, ["mha", "MultiheadAttention"]),
    ("not a layer", lambda: WrapperAttention(None, 4), TypeError, ["mha", "NoneType"]),
    ("wrapper, not causal", lambda: WrapperAttention(_layer(False, False), 4), ValueError, ["mha", "causal=True"]),
    ("wrapper, zero context", lambda: WrapperAttention(_layer(True, False), 0), ValueError, ["context_length", "0"]),
    ("wrapper, float context", lambda: WrapperAttention(_layer(True, False), 4.0), TypeError, ["context_length", "4.0"]),
    ("wrapper, too many tokens", lambda: WrapperAttention(_layer(True, False), 4)(_inputs()), ValueError, ["7 tokens", "context_length=4"]),
    ("wrapper, wrong d_in", lambda: WrapperAttention(_layer(True, False), 9)(_inputs(d_in=5)), ValueError, ["x", "d_in=12", "(3, 7, 5)"]),
    ("combined, wrong d_in", lambda: CombinedQKVAttention(_layer(True, False))(_inputs(d_in=5)), ValueError, ["x", "d_in=12", "(3, 7, 5)"]),
    ("sdpa, 2-d input", lambda: SDPAAttention(_layer(True, False))(torch.zeros(7, 12)), ValueError, ["x", "(7, 12)"]),
    ("sdpa, int input", lambda: SDPAAttention(_layer(True, False))(torch.zeros(1, 7, 12, dtype=torch.long)), TypeError, ["x", "torch.int64"]),
    ("einsum, empty input", lambda: EinsumAttention(_layer(False, True))(torch.zeros(1, 0, 12)), ValueError, ["x", "(1, 0, 12)"]),
    ("einsum, a list", lambda: EinsumAttention(_layer(False, True))([[1.0] * 12]), TypeError, ["x", "list"]),
]


@pytest.mark.parametrize("problem, call, error, fragments", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_by_name_before_computing(problem, call, error, fragments, no_layer_runs):
    with pytest.raises((TypeError, ValueError)) as caught:
        call()
    assert caught.type is error, f"{problem}: {caught.type.__name__}: {caught.value}"
    for fragment in fragments:
        assert fragment in str(caught.value), f"{problem}: {fragment!r} not in {caught.value}"
    assert "src/attention_steps/" in str(caught.traceback[-1].path).replace("\\", "/")
    assert not no_layer_runs, f"{problem}: layers ran before the error: {no_layer_runs}"
