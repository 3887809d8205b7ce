import numpy as np
import pytest
import torch
from torch import nn

from attention_steps import (
    CausalAttention,
    MultiHeadAttention,
    MultiHeadAttentionWrapper,
    causal_mask,
    journey_embeddings,
    multihead_sdpa,
    to_torch_multihead,
)
from tests.package.reference import numpy_attention


def _batch():
    x = journey_embeddings()
    return torch.stack((x, x))  # (2, 6, 3)


def test_parameters_are_created_in_the_documented_order():
    names = [n for n, _ in MultiHeadAttention(3, 4, 2).named_parameters()]
    assert names == ["W_query.weight", "W_key.weight", "W_value.weight", "out_proj.weight", "out_proj.bias"]


def test_book_numbers_with_causal_heads():
    torch.manual_seed(123)
    mha = MultiHeadAttention(3, 2, num_heads=2, causal=True)
    with torch.no_grad():
        out = mha(_batch())
    assert out.shape == (2, 6, 2)
    np.testing.assert_allclose(out[0, 0].numpy(), [0.3190, 0.4858], atol=5e-5)


def test_each_head_is_an_independent_attention_over_its_slice():
    torch.manual_seed(5)
    mha = MultiHeadAttention(4, 6, num_heads=3, causal=True)
    x = torch.randn(1, 7, 4)
    heads = []
    for h in range(3):
        rows = slice(2 * h, 2 * h + 2)
        w = [m.weight[rows].detach().double().numpy().T for m in (mha.W_query, mha.W_key, mha.W_value)]
        heads.append(numpy_attention(x[0].double().numpy(), *w, causal=True))
    concat = np.concatenate(heads, axis=-1)
    expected = concat @ mha.out_proj.weight.detach().double().numpy().T + mha.out_proj.bias.detach().numpy()
    with torch.no_grad():
        np.testing.assert_allclose(mha(x)[0].numpy(), expected, atol=1e-5)


@pytest.mark.parametrize("causal", [True, False])
def test_equals_torch_multiheadattention_and_sdpa(causal):
    torch.manual_seed(123)
    ours = MultiHeadAttention(12, 12, num_heads=3, causal=causal, qkv_bias=True)
    theirs = to_torch_multihead(ours)
    assert isinstance(theirs, nn.MultiheadAttention)
    x = torch.randn(2, 9, 12)
    mask = causal_mask(9) if causal else None
    with torch.no_grad():
        expected = ours(x)
        got, _ = theirs(x, x, x, attn_mask=mask, need_weights=False)
        torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-5)
        torch.testing.assert_close(multihead_sdpa(ours, x), expected, atol=1e-5, rtol=1e-5)


def test_causal_works_for_any_number_of_tokens():
    torch.manual_seed(0)
    mha = MultiHeadAttention(3, 4, 2, causal=True)
    for n in (1, 6, 50):
        with torch.no_grad():
            assert mha(torch.randn(1, n, 3)).shape == (1, n, 4)


def test_wrapper_concatenates_causal_heads_in_creation_order():
    torch.manual_seed(123)
    wrapper = MultiHeadAttentionWrapper(3, 2, 6, 0.0, num_heads=2)
    torch.manual_seed(123)
    first = CausalAttention(3, 2, 6)
    with torch.no_grad():
        out = wrapper(_batch())
        assert out.shape == (2, 6, 4)
        torch.testing.assert_close(out[..., :2], first(_batch()))


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(d_in=8, d_out=8, num_heads=3), ValueError, "d_out=8 is not divisible by num_heads=3"),
        (dict(d_in=8, d_out=8, num_heads=0), ValueError, "num_heads must be positive, got 0"),
        (dict(d_in=0, d_out=8, num_heads=2), ValueError, "d_in must be positive, got 0"),
        (dict(d_in=8, d_out=8, num_heads=2, dropout=1.5), ValueError, "dropout must be in"),
        (dict(d_in=8, d_out=8, num_heads=2.0), TypeError, "num_heads must be an int"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, words):
    with pytest.raises(error, match=words):
        MultiHeadAttention(**kwargs)


@pytest.mark.parametrize(
    "x, error, words",
    [
        (torch.zeros(6, 8), ValueError, "must have 3 dimensions"),
        (torch.zeros(1, 6, 5), ValueError, "d_in=8"),
        (torch.zeros(1, 6, 8, dtype=torch.int64), TypeError, "floating dtype"),
        (torch.zeros(1, 0, 8), ValueError, "empty"),
    ],
)
def test_bad_inputs_are_named(x, error, words):
    with pytest.raises(error, match=words):
        MultiHeadAttention(8, 8, 2)(x)


def test_torch_copy_needs_equal_widths():
    with pytest.raises(ValueError, match="needs d_in == d_out, got d_in=3, d_out=4"):
        to_torch_multihead(MultiHeadAttention(3, 4, 2))


def test_wrapper_rejects_more_tokens_than_its_context():
    with pytest.raises(ValueError, match="more than context_length=6"):
        MultiHeadAttentionWrapper(3, 2, 6, 0.0, num_heads=2)(torch.zeros(1, 7, 3))


PADDING = torch.tensor([[False] * 7, [False] * 4 + [True] * 3, [False] * 2 + [True] * 5])  # (3, 7)


@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("with_attn_mask", [False, True])
def test_key_padding_mask_equals_torch_multiheadattention_on_the_real_tokens(causal, with_attn_mask):
    torch.manual_seed(11)
    ours = MultiHeadAttention(12, 12, num_heads=3, causal=causal, qkv_bias=True)
    theirs = to_torch_multihead(ours)
    x = torch.randn(3, 7, 12)
    attn_mask = torch.zeros(7, 7, dtype=torch.bool)
    attn_mask[:, 1] = with_attn_mask  # every query also loses key 1: the masks combine
    torch_mask = causal_mask(7) | attn_mask if causal else attn_mask
    with torch.no_grad():
        got = ours(x, attn_mask if with_attn_mask else None, key_padding_mask=PADDING)
        expected, _ = theirs(x, x, x, attn_mask=torch_mask, key_padding_mask=PADDING, need_weights=False)
        fused = multihead_sdpa(ours, x, attn_mask if with_attn_mask else None, key_padding_mask=PADDING)
    real = ~PADDING  # (batch, tokens): compare the real tokens' outputs
    torch.testing.assert_close(got[real], expected[real], atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(fused[real], got[real], atol=1e-5, rtol=1e-5)


def test_padding_hides_exactly_the_padded_keys_of_each_row():
    torch.manual_seed(3)
    mha = MultiHeadAttention(4, 4, 2)
    hidden = mha.hidden_keys(7, key_padding_mask=PADDING)  # (batch, 1, 1, tokens): every query
    assert hidden.shape == (3, 1, 1, 7)
    assert torch.equal(hidden[:, 0, 0], PADDING)
    both = MultiHeadAttention(4, 4, 2, causal=True).hidden_keys(7, key_padding_mask=PADDING)
    assert torch.equal(both[:, 0], causal_mask(7) | PADDING[:, None, :])
    assert mha.hidden_keys(7) is None, "no mask, nothing hidden"


@pytest.mark.parametrize("causal", [False, True])
def test_real_tokens_do_not_depend_on_what_stands_in_the_padding(causal):
    torch.manual_seed(5)
    mha = MultiHeadAttention(6, 6, num_heads=2, causal=causal)
    x = torch.randn(3, 7, 6)
    other = torch.where(PADDING[..., None], 100 * torch.randn(3, 7, 6), x)  # new padding only
    with torch.no_grad():
        a, b = mha(x, key_padding_mask=PADDING), mha(other, key_padding_mask=PADDING)
        assert torch.equal(a[~PADDING], b[~PADDING])
        alone = mha(x[1:2, :4])  # the second sentence without its padding
        torch.testing.assert_close(a[1, :4], alone[0], atol=1e-6, rtol=1e-6)


def test_left_padding_with_the_causal_mask_is_refused_by_batch_row():
    mha = MultiHeadAttention(4, 4, 2, causal=True)
    left = torch.tensor([[False, False, False], [True, False, False]])
    with pytest.raises(ValueError, match=r"causal mask hides every key from the queries at rows \[0\] of batch row 1"):
        mha(torch.randn(2, 3, 4), key_padding_mask=left)
