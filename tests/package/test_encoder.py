import numpy as np
import pytest
import torch
from torch import nn

from attention_steps import (
    HELLO_WORLD,
    Encoder,
    EncoderBlock,
    Vocabulary,
    encoder_block_from_torch,
    hello_world_embeddings,
    hello_world_inputs,
    sinusoidal_positional_encoding,
)


def _torch_layer(d_model=16, nhead=4, d_hidden=64, norm_first=False, **kwargs):
    options = dict(dropout=0.0, activation="relu", batch_first=True, norm_first=norm_first)
    options.update(kwargs)
    return nn.TransformerEncoderLayer(d_model, nhead, d_hidden, **options)


@pytest.mark.parametrize("norm_first", [False, True])
@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("d_model, nhead, d_hidden, tokens", [(16, 4, 64, 6), (12, 3, 20, 1), (8, 1, 8, 9)])
def test_matches_torch_transformer_encoder_layer(norm_first, training, d_model, nhead, d_hidden, tokens):
    torch.manual_seed(7)
    theirs = _torch_layer(d_model, nhead, d_hidden, norm_first).train(training)
    with torch.no_grad():  # non-trivial norms, so a swapped scale and shift would show
        for norm in (theirs.norm1, theirs.norm2):
            norm.weight.uniform_(0.5, 1.5)
            norm.bias.uniform_(-0.5, 0.5)
    ours = encoder_block_from_torch(theirs)
    assert ours.training == training and ours.norm_first == norm_first
    x = torch.randn(3, tokens, d_model)
    with torch.no_grad():
        np.testing.assert_allclose(ours(x).numpy(), theirs(x).numpy(), atol=1e-5)


def test_the_loaded_block_copies_rather_than_shares_weights():
    theirs = _torch_layer()
    ours = encoder_block_from_torch(theirs)
    with torch.no_grad():
        ours.feed_forward.widen.weight.zero_()
    assert theirs.linear1.weight.abs().sum() > 0


def test_post_norm_block_is_written_as_add_then_normalise():
    torch.manual_seed(2)
    block = EncoderBlock(8, 2, 32)
    x = torch.randn(2, 5, 8)
    with torch.no_grad():
        h = block.norm1(x + block.attention(x))
        expected = block.norm2(h + block.feed_forward(h))
        assert torch.equal(block(x), expected)
        rows = block(x)
    assert torch.allclose(rows.mean(-1), torch.zeros(2, 5), atol=1e-5)
    assert torch.allclose(rows.var(-1, unbiased=False), torch.ones(2, 5), atol=1e-3)


def test_pre_norm_block_keeps_the_residual_path_unnormalised():
    torch.manual_seed(2)
    block = EncoderBlock(8, 2, 32, norm_first=True)
    x = torch.randn(2, 5, 8)
    with torch.no_grad():
        h = x + block.attention(block.norm1(x))
        assert torch.equal(block(x), h + block.feed_forward(block.norm2(h)))


def test_dropout_is_active_in_training_only():
    torch.manual_seed(4)
    block = EncoderBlock(8, 2, 32, dropout=0.5)
    x = torch.randn(1, 6, 8)
    with torch.no_grad():
        assert not torch.equal(block(x), block(x))
        block.eval()
        assert torch.equal(block(x), block(x))


@pytest.mark.parametrize("layer, error, words", [
    (nn.Linear(4, 4), TypeError, "TransformerEncoderLayer"),
    (_torch_layer(activation="gelu"), ValueError, "activation='relu'"),
    (_torch_layer(bias=False), ValueError, "must have biases"),
])
def test_layers_we_cannot_load_are_refused(layer, error, words):
    with pytest.raises(error, match=words):
        encoder_block_from_torch(layer)


@pytest.mark.parametrize("make, x, error, words", [
    (lambda: EncoderBlock(8, 3, 16), None, ValueError, "not divisible by num_heads=3"),
    (lambda: EncoderBlock(8, 2, 0), None, ValueError, "d_hidden must be positive"),
    (lambda: EncoderBlock(8, 2, 16, dropout=-0.1), None, ValueError, "dropout must be in"),
    (lambda: EncoderBlock(8, 2, 16), torch.randn(5, 8), ValueError, "3 dimensions"),
    (lambda: EncoderBlock(8, 2, 16), torch.randn(1, 5, 6), ValueError, "d_in=8"),
    (lambda: EncoderBlock(8, 2, 16), torch.randn(1, 0, 8), ValueError, "must not be empty"),
])
def test_bad_block_input_is_named(make, x, error, words):
    with pytest.raises(error, match=words):
        make()(x)


def test_encoder_is_embedding_plus_positions_then_the_blocks():
    torch.manual_seed(9)
    encoder = Encoder(vocab_size=10, d_model=8, num_heads=2, d_hidden=16, num_layers=3, context_length=12)
    ids = torch.tensor([[1, 4, 4, 9, 0], [2, 3, 5, 7, 8]])
    with torch.no_grad():
        x = encoder.embedding(ids) + sinusoidal_positional_encoding(5, 8)
        for block in encoder.blocks:
            x = block(x)
        assert torch.equal(encoder(ids), x)
    assert "positions" in dict(encoder.named_buffers())
    assert "positions" not in dict(encoder.named_parameters())


def test_pre_norm_encoder_normalises_its_output():
    torch.manual_seed(9)
    encoder = Encoder(10, 8, 2, 16, num_layers=2, context_length=8, norm_first=True)
    with torch.no_grad():
        out = encoder(torch.tensor([[1, 2, 3]]))
    assert torch.allclose(out.var(-1, unbiased=False), torch.ones(1, 3), atol=1e-3)


def test_hello_world_inputs_are_the_embeddings_plus_positions_and_leave_the_rng_alone():
    torch.manual_seed(0)
    before = torch.random.get_rng_state()
    x = hello_world_inputs()
    assert torch.equal(torch.random.get_rng_state(), before)
    assert torch.equal(x, hello_world_embeddings() + sinusoidal_positional_encoding(6, 4))
    vocab = Vocabulary(HELLO_WORLD)
    torch.manual_seed(123)
    embedding = nn.Embedding(len(vocab), 4)
    with torch.no_grad():
        assert torch.equal(hello_world_embeddings(), embedding(torch.tensor(vocab.encode(HELLO_WORLD))))


@pytest.mark.parametrize("ids, error, words", [
    (torch.tensor([[4, 5, 9]]), ValueError, "holds id 9, outside the vocabulary"),
    (torch.tensor([[4, -1]]), ValueError, "holds id -1, outside the vocabulary"),
    (torch.zeros(1, 17, dtype=torch.long), ValueError, "17 tokens, more than context_length=16"),
    (torch.rand(1, 6), TypeError, "integer dtype"),
    (torch.ones(1, 6, dtype=torch.bool), TypeError, "integer dtype"),
    (torch.tensor([4, 5, 1]), ValueError, "2 dimensions"),
    (torch.zeros(1, 0, dtype=torch.long), ValueError, "must not be empty"),
    ([[4, 5]], TypeError, "must be a torch.Tensor"),
])
def test_bad_token_ids_are_named(ids, error, words):
    torch.manual_seed(0)
    encoder = Encoder(6, 4, 2, 16, num_layers=1, context_length=16)
    with pytest.raises(error, match=words):
        encoder(ids)


PAD = torch.tensor([[False] * 6, [False] * 3 + [True] * 3])  # (batch, tokens): sentence 2 is shorter


@pytest.mark.parametrize("norm_first", [False, True])
def test_key_padding_mask_equals_torch_src_key_padding_mask_on_the_real_tokens(norm_first):
    torch.manual_seed(7)
    theirs = _torch_layer(16, 4, 32, norm_first).eval()
    ours = encoder_block_from_torch(theirs)
    x = torch.randn(2, 6, 16)
    with torch.no_grad():
        expected = theirs(x, src_key_padding_mask=PAD)
        got = ours(x, key_padding_mask=PAD)
    torch.testing.assert_close(got[~PAD], expected[~PAD], atol=1e-5, rtol=1e-5)


def test_block_combines_the_padding_with_an_attention_mask():
    torch.manual_seed(8)
    theirs = _torch_layer(8, 2, 16).eval()
    ours = encoder_block_from_torch(theirs)
    x = torch.randn(2, 6, 8)
    future = torch.triu(torch.ones(6, 6, dtype=torch.bool), 1)
    with torch.no_grad():
        expected = theirs(x, src_mask=future, src_key_padding_mask=PAD)
        got = ours(x, future, key_padding_mask=PAD)
    torch.testing.assert_close(got[~PAD], expected[~PAD], atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("norm_first", [False, True])
def test_encoder_real_tokens_ignore_the_padding_ids_and_match_the_sentence_alone(norm_first):
    torch.manual_seed(9)
    encoder = Encoder(10, 8, 2, 16, num_layers=2, context_length=8, norm_first=norm_first).eval()
    ids = torch.tensor([[1, 4, 4, 9, 0, 3], [2, 3, 5, 0, 0, 0]])
    other = ids.clone()
    other[1, 3:] = torch.tensor([7, 8, 9])  # other ids in the padded positions
    with torch.no_grad():
        a, b = encoder(ids, key_padding_mask=PAD), encoder(other, key_padding_mask=PAD)
        assert torch.equal(a[~PAD], b[~PAD])
        torch.testing.assert_close(a[1, :3], encoder(ids[1:, :3])[0], atol=1e-6, rtol=1e-6)
        torch.testing.assert_close(a[0], encoder(ids[:1])[0], atol=1e-6, rtol=1e-6)
        unmasked = encoder(other)  # without the mask the padding leaks into the real tokens
    assert not torch.allclose(unmasked[1, :3], a[1, :3], atol=1e-3)


def test_encoder_matches_torch_transformer_encoder_with_padding():
    torch.manual_seed(10)
    layer = _torch_layer(8, 2, 16).eval()
    stack = nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False).eval()
    encoder = Encoder(10, 8, 2, 16, num_layers=2, context_length=8).eval()
    for block, theirs in zip(encoder.blocks, stack.layers):
        block.load_state_dict(encoder_block_from_torch(theirs).state_dict())
    ids = torch.tensor([[1, 4, 4, 9, 0, 3], [2, 3, 5, 0, 0, 0]])
    with torch.no_grad():
        x = encoder.embedding(ids) + encoder.positions[:6]
        expected = stack(x, src_key_padding_mask=PAD)
        got = encoder(ids, key_padding_mask=PAD)
    torch.testing.assert_close(got[~PAD], expected[~PAD], atol=1e-5, rtol=1e-5)
