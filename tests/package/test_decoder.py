import numpy as np
import pytest
import torch
from torch import nn

from attention_steps import causal_mask
from attention_steps.decoder import CrossAttention, DecoderBlock, decoder_block_from_torch


@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("d_model, nhead, d_hidden, tokens, sources", [(16, 4, 64, 5, 7), (12, 3, 20, 1, 2), (8, 1, 8, 6, 1)])
def test_matches_torch_transformer_decoder_layer(training, d_model, nhead, d_hidden, tokens, sources):
    torch.manual_seed(3)
    theirs = nn.TransformerDecoderLayer(d_model, nhead, d_hidden, dropout=0.0, batch_first=True).train(training)
    with torch.no_grad():  # non-trivial norms, so a swapped scale and shift would show
        for norm in (theirs.norm1, theirs.norm2, theirs.norm3):
            norm.weight.uniform_(0.5, 1.5)
            norm.bias.uniform_(-0.5, 0.5)
    ours = decoder_block_from_torch(theirs)
    assert ours.training == training
    x, memory = torch.randn(2, tokens, d_model), torch.randn(2, sources, d_model)
    with torch.no_grad():
        expected = theirs(x, memory, tgt_mask=causal_mask(tokens))
        np.testing.assert_allclose(ours(x, memory).numpy(), expected.numpy(), atol=1e-5)


def test_cross_attention_matches_torch_with_other_keys_and_values():
    torch.manual_seed(5)
    ours = CrossAttention(8, 8, 2, qkv_bias=True)
    theirs = nn.MultiheadAttention(8, 2, batch_first=True)
    with torch.no_grad():
        theirs.in_proj_weight.copy_(torch.cat([ours.W_query.weight, ours.W_key.weight, ours.W_value.weight]))
        theirs.in_proj_bias.copy_(torch.cat([ours.W_query.bias, ours.W_key.bias, ours.W_value.bias]))
        theirs.out_proj.load_state_dict(ours.out_proj.state_dict())
        x, memory = torch.randn(3, 4, 8), torch.randn(3, 9, 8)
        expected, _ = theirs(x, memory, memory, need_weights=False)
        np.testing.assert_allclose(ours(x, memory).numpy(), expected.numpy(), atol=1e-6)


def test_a_decoder_position_never_sees_later_target_tokens():
    torch.manual_seed(1)
    block = DecoderBlock(8, 2, 16)
    x, memory = torch.randn(1, 6, 8), torch.randn(1, 3, 8)
    changed = x.clone()
    changed[:, 4:] += 1.0
    with torch.no_grad():
        assert torch.allclose(block(x, memory)[:, :4], block(changed, memory)[:, :4], atol=1e-6)
        assert not torch.allclose(block(x, memory)[:, 4:], block(changed, memory)[:, 4:])


@pytest.mark.parametrize("call, error, fragments", [
    (lambda: CrossAttention(8, 8, 2)(torch.randn(1, 3, 8), torch.randn(1, 3, 6)), ValueError, ["memory", "d_in=8", "(1, 3, 6)"]),
    (lambda: CrossAttention(8, 8, 2)(torch.randn(2, 3, 8), torch.randn(1, 3, 8)), ValueError, ["memory", "batch size", "(1, 3, 8)"]),
    (lambda: CrossAttention(8, 8, 2)(torch.randn(1, 3, 8), torch.ones(1, 3, 8, dtype=torch.long)), TypeError, ["memory", "torch.int64"]),
    (lambda: DecoderBlock(6, 4, 8), ValueError, ["d_out=6", "num_heads=4"]),
    (lambda: DecoderBlock(8, 2, 16)(torch.randn(3, 8), torch.randn(1, 3, 8)), ValueError, ["x", "(3, 8)"]),
    (lambda: decoder_block_from_torch(nn.TransformerEncoderLayer(8, 2, 16)), TypeError, ["layer", "TransformerDecoderLayer", "TransformerEncoderLayer"]),
    (lambda: decoder_block_from_torch(nn.TransformerDecoderLayer(8, 2, 16, norm_first=True)), ValueError, ["norm_first"]),
    (lambda: decoder_block_from_torch(nn.TransformerDecoderLayer(8, 2, 16, activation="gelu")), ValueError, ["relu", "gelu"]),
], ids=["memory width", "memory batch", "int memory", "heads do not divide", "2-d x", "encoder layer", "pre-norm", "gelu"])
def test_bad_input_is_named(call, error, fragments):
    with pytest.raises(error) as caught:
        call()
    for fragment in fragments:
        assert fragment in str(caught.value)
