"""Properties that hold for every shape and seed, not only the worked examples (hypothesis).

The examples are derandomized (tests/conftest.py): the same ones run on every machine.
"""

import numpy as np
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

import attention_steps as a

seeds = st.integers(min_value=0, max_value=2**31 - 1)
sizes = st.integers(min_value=1, max_value=7)


def _randn(seed, *shape, dtype=torch.float32):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


@given(seed=seeds, batch=st.integers(0, 2), queries=sizes, keys=sizes, scale=st.sampled_from([0.1, 1.0, 30.0]))
def test_attention_weights_are_non_negative_and_each_row_sums_to_one(seed, batch, queries, keys, scale):
    shape = (queries, keys) if batch == 0 else (batch, queries, keys)
    weights = a.attention_weights(scale * _randn(seed, *shape))
    assert bool((weights >= 0).all())
    assert torch.allclose(weights.sum(-1), torch.ones(shape[:-1]), atol=1e-5)


@given(seed=seeds, tokens=sizes)
def test_causal_weights_are_zero_above_the_diagonal(seed, tokens):
    scores = _randn(seed, tokens, tokens) * 5
    weights = a.attention_weights(scores.masked_fill(a.causal_mask(tokens), -torch.inf))
    assert bool((weights.triu(1) == 0).all())
    assert torch.allclose(weights.sum(-1), torch.ones(tokens), atol=1e-5)


@given(seed=seeds, tokens=sizes, d=sizes, heads=st.integers(1, 3))
def test_causal_layers_never_look_at_the_future(seed, tokens, d, heads):
    torch.manual_seed(seed)
    layers = [a.CausalAttention(d, 2, context_length=8),
              a.MultiHeadAttention(d, 2 * heads, heads, causal=True)]
    x = _randn(seed, 1, tokens, d)
    cut = tokens // 2
    changed = x.clone()
    changed[:, cut:] = _randn(seed + 1, 1, tokens - cut, d)
    with torch.no_grad():
        for layer in layers:
            assert torch.allclose(layer(x)[:, :cut], layer(changed)[:, :cut], atol=1e-6)


@given(seed=seeds, tokens=st.integers(2, 7), d=sizes, heads=st.integers(1, 3), norm_first=st.booleans())
def test_without_a_mask_attention_is_permutation_equivariant(seed, tokens, d, heads, norm_first):
    torch.manual_seed(seed)
    perm = torch.randperm(tokens)
    x = _randn(seed, 1, tokens, 2 * d)
    layers = [a.self_attention, a.SelfAttention(2 * d, 3), a.MultiHeadAttention(2 * d, 2 * heads, heads),
              a.EncoderBlock(2 * d, 2, 8, norm_first=norm_first)]
    with torch.no_grad():
        for layer in layers:
            assert torch.allclose(layer(x[:, perm]), layer(x)[:, perm], atol=1e-5), layer


@given(seed=seeds, batch=st.integers(1, 3), tokens=sizes, head_dim=st.integers(1, 4), heads=st.integers(1, 4),
       causal=st.booleans(), masked=st.booleans())
def test_multihead_equals_torch_multihead_attention_with_copied_weights(seed, batch, tokens, head_dim, heads,
                                                                        causal, masked):
    torch.manual_seed(seed)
    d = head_dim * heads
    ours = a.MultiHeadAttention(d, d, heads, causal=causal, qkv_bias=True)
    theirs = a.to_torch_multihead(ours)
    x = _randn(seed, batch, tokens, d)
    mask = None
    if masked:  # hide a random set of keys, but never a query's own key
        mask = (torch.rand(tokens, tokens) < 0.4) & ~torch.eye(tokens, dtype=torch.bool)
    hidden = ours.hidden_keys(tokens, mask)
    with torch.no_grad():
        expected, _ = theirs(x, x, x, attn_mask=hidden, need_weights=False)
        np.testing.assert_allclose(ours(x, mask).numpy(), expected.numpy(), atol=1e-5)
        np.testing.assert_allclose(a.multihead_sdpa(ours, x, mask).numpy(), expected.numpy(), atol=1e-5)


@given(seed=seeds, batch=st.integers(1, 3), tokens=sizes, head_dim=st.integers(1, 4), heads=st.integers(1, 4),
       d_hidden=st.integers(1, 16), norm_first=st.booleans(), training=st.booleans())
def test_encoder_block_equals_torch_transformer_encoder_layer(seed, batch, tokens, head_dim, heads, d_hidden,
                                                              norm_first, training):
    torch.manual_seed(seed)
    d = head_dim * heads
    theirs = nn.TransformerEncoderLayer(d, heads, d_hidden, dropout=0.0, activation="relu",
                                        batch_first=True, norm_first=norm_first).train(training)
    with torch.no_grad():
        for norm in (theirs.norm1, theirs.norm2):
            norm.weight.uniform_(0.5, 1.5)
            norm.bias.uniform_(-0.5, 0.5)
    ours = a.encoder_block_from_torch(theirs)
    x = _randn(seed, batch, tokens, d)
    with torch.no_grad():
        np.testing.assert_allclose(ours(x).numpy(), theirs(x).numpy(), atol=1e-4)


FLOAT_TOLERANCE = 1e-4  # largest |float32 - float64| allowed for inputs of unit scale


@given(seed=seeds, tokens=sizes, heads=st.integers(1, 3), norm_first=st.booleans())
def test_float32_and_float64_agree(seed, tokens, heads, norm_first):
    torch.manual_seed(seed)
    d = 4 * heads
    layers = [a.MultiHeadAttention(d, d, heads, causal=True), a.EncoderBlock(d, heads, 16, norm_first=norm_first),
              a.FeedForward(d, 16), a.LayerNorm(d)]
    x = _randn(seed, 2, tokens, d, dtype=torch.float64)
    with torch.no_grad():
        for layer in layers:
            high = layer.double()(x)
            low = layer.float()(x.float())
            assert (high - low.double()).abs().max() < FLOAT_TOLERANCE, layer
    assert torch.allclose(a.softmax_stable(x.float()).double(), a.softmax_stable(x), atol=1e-6)
