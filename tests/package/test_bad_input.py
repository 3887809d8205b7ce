"""Every public function and class refuses bad input with a named, valued error, before computing.

Each row: what is wrong, the call, the error type, and fragments the message must contain (the
argument's name and the offending value). The error must come from an explicit `raise` in our
package, not from inside torch, and no layer of a module may have run when it is raised.
"""

import numpy as np
import pytest
import torch
from torch import nn

import attention_steps as a
from attention_steps import by_hand

R = torch.randn
LONG = torch.long
_MODULES = {}


def module(name, *args, **kwargs):
    """One instance per configuration, built under a fixed seed, reused across rows."""
    key = (name, args, tuple(sorted(kwargs.items())))
    if key not in _MODULES:
        with torch.random.fork_rng():
            torch.manual_seed(0)
            _MODULES[key] = getattr(a, name)(*args, **kwargs)
    return _MODULES[key]


def mha(**kwargs):
    return module("MultiHeadAttention", 4, 4, 2, **kwargs)


def encoder():
    return module("Encoder", 6, 4, 2, 8, 1, 5)


ok_example = a.work_by_hand(a.hello_embeddings(), 1)
PAD_1x3 = torch.zeros(1, 3, dtype=torch.bool)
ALL_PADDED_ROW_1 = torch.tensor([[False, False, True], [True, True, True]])  # row 1: padding only
LEFT_PADDED_ROW_1 = torch.tensor([[False] * 3, [True, False, False]])  # query 0 of row 1 sees none

CASES = [
    # softmax and simple attention
    ("softmax_naive", "int scores", lambda: a.softmax_naive(torch.tensor([1, 2])), TypeError, ["scores", "torch.int64"]),
    ("softmax_stable", "bool scores", lambda: a.softmax_stable(torch.tensor([True])), TypeError, ["scores", "torch.bool"]),
    ("softmax_stable", "5-d scores", lambda: a.softmax_stable(R(1, 1, 1, 1, 2)), ValueError, ["scores", "(1, 1, 1, 1, 2)"]),
    ("softmax_stable", "empty scores", lambda: a.softmax_stable(R(3, 0)), ValueError, ["scores", "(3, 0)"]),
    ("normalize_by_sum", "a list", lambda: a.normalize_by_sum([1.0, 2.0]), TypeError, ["scores", "list"]),
    ("attention_scores", "last dims differ", lambda: a.attention_scores(R(4, 3), R(4, 5)), ValueError, ["queries and keys", "3", "5"]),
    ("attention_scores", "1-d keys", lambda: a.attention_scores(R(3), R(3)), ValueError, ["keys", "(3,)"]),
    ("attention_scores", "int queries", lambda: a.attention_scores(torch.ones(2, 3, dtype=LONG), R(2, 3)), TypeError, ["queries", "torch.int64"]),
    ("attention_weights", "int scores", lambda: a.attention_weights(torch.ones(2, 2, dtype=LONG)), TypeError, ["scores"]),
    ("context_vectors", "columns != value rows", lambda: a.context_vectors(R(4, 3), R(5, 2)), ValueError, ["weights", "3", "5"]),
    ("context_vectors", "empty values", lambda: a.context_vectors(R(2, 0), R(0, 3)), ValueError, ["weights", "(2, 0)"]),
    ("self_attention", "4-d inputs", lambda: a.self_attention(R(1, 2, 3, 4)), ValueError, ["queries", "(1, 2, 3, 4)"]),
    ("self_attention", "empty sequence", lambda: a.self_attention(R(0, 3)), ValueError, ["queries", "(0, 3)"]),
    # worked by hand (NumPy)
    ("work_by_hand", "bool embeddings", lambda: a.work_by_hand(np.ones((3, 3), dtype=bool), 0), TypeError, ["embeddings", "bool"]),
    ("work_by_hand", "1-d embeddings", lambda: a.work_by_hand(np.ones(3), 0), ValueError, ["embeddings", "(3,)"]),
    ("work_by_hand", "empty embeddings", lambda: a.work_by_hand(np.ones((0, 3)), 0), ValueError, ["embeddings", "(0, 3)"]),
    ("work_by_hand", "query_index too big", lambda: a.work_by_hand(a.hello_embeddings(), 3), ValueError, ["query_index", "[0, 3)", "3"]),
    ("work_by_hand", "negative query_index", lambda: a.work_by_hand(a.hello_embeddings(), -1), ValueError, ["query_index", "-1"]),
    ("work_by_hand", "float query_index", lambda: a.work_by_hand(a.hello_embeddings(), 1.0), TypeError, ["query_index", "1.0"]),
    ("round_then_add", "negative decimals", lambda: a.round_then_add(ok_example, -1), ValueError, ["decimals", "-1"]),
    ("round_then_add", "str decimals", lambda: a.round_then_add(ok_example, "4"), TypeError, ["decimals", "'4'"]),
    ("round_then_add", "not an example", lambda: a.round_then_add(np.ones(3), 4), TypeError, ["example", "ndarray"]),
    # trainable attention
    ("SelfAttentionParams", "d_out zero", lambda: a.SelfAttentionParams(3, 0), ValueError, ["d_out", "0"]),
    ("SelfAttentionParams", "wrong d_in", lambda: module("SelfAttentionParams", 3, 2)(R(6, 4)), ValueError, ["x", "d_in=3", "(6, 4)"]),
    ("SelfAttention", "negative d_in", lambda: a.SelfAttention(-3, 2), ValueError, ["d_in", "-3"]),
    ("SelfAttention", "float d_out", lambda: a.SelfAttention(3, 2.0), TypeError, ["d_out", "2.0"]),
    ("SelfAttention", "int inputs", lambda: module("SelfAttention", 3, 2)(torch.ones(6, 3, dtype=LONG)), TypeError, ["x", "torch.int64"]),
    ("SelfAttention", "4-d inputs", lambda: module("SelfAttention", 3, 2)(R(1, 1, 6, 3)), ValueError, ["x", "(1, 1, 6, 3)"]),
    # causal attention
    ("causal_mask", "zero tokens", lambda: a.causal_mask(0), ValueError, ["num_tokens", "0"]),
    ("causal_mask", "bool tokens", lambda: a.causal_mask(True), TypeError, ["num_tokens", "True"]),
    ("CausalAttention", "dropout 1", lambda: a.CausalAttention(3, 2, 6, 1.0), ValueError, ["dropout", "1.0"]),
    ("CausalAttention", "negative dropout", lambda: a.CausalAttention(3, 2, 6, -0.1), ValueError, ["dropout", "-0.1"]),
    ("CausalAttention", "str dropout", lambda: a.CausalAttention(3, 2, 6, "0.1"), TypeError, ["dropout", "'0.1'"]),
    ("CausalAttention", "context_length zero", lambda: a.CausalAttention(3, 2, 0), ValueError, ["context_length", "0"]),
    ("CausalAttention", "too many tokens", lambda: module("CausalAttention", 3, 2, 6)(R(1, 7, 3)), ValueError, ["7 tokens", "context_length=6"]),
    ("CausalAttention", "2-d inputs", lambda: module("CausalAttention", 3, 2, 6)(R(6, 3)), ValueError, ["x", "(6, 3)"]),
    ("CausalAttention", "empty sequence", lambda: module("CausalAttention", 3, 2, 6)(R(1, 0, 3)), ValueError, ["x", "(1, 0, 3)"]),
    # multi-head attention
    ("MultiHeadAttentionWrapper", "zero heads", lambda: a.MultiHeadAttentionWrapper(3, 2, 6, 0.0, 0), ValueError, ["num_heads", "0"]),
    ("MultiHeadAttentionWrapper", "too many tokens", lambda: module("MultiHeadAttentionWrapper", 3, 2, 6, 0.0, 2)(R(1, 9, 3)), ValueError, ["9 tokens", "context_length=6"]),
    ("MultiHeadAttention", "heads do not divide", lambda: a.MultiHeadAttention(8, 8, 3), ValueError, ["d_out=8", "num_heads=3"]),
    ("MultiHeadAttention", "zero heads", lambda: a.MultiHeadAttention(8, 8, 0), ValueError, ["num_heads", "0"]),
    ("MultiHeadAttention", "dropout 1.5", lambda: a.MultiHeadAttention(8, 8, 2, 1.5), ValueError, ["dropout", "1.5"]),
    ("MultiHeadAttention", "wrong d_in", lambda: mha()(R(1, 3, 5)), ValueError, ["x", "d_in=4", "(1, 3, 5)"]),
    ("MultiHeadAttention", "bool inputs", lambda: mha()(torch.ones(1, 3, 4, dtype=torch.bool)), TypeError, ["x", "torch.bool"]),
    ("MultiHeadAttention", "empty sequence", lambda: mha()(R(1, 0, 4)), ValueError, ["x", "(1, 0, 4)"]),
    ("MultiHeadAttention", "mask shape", lambda: mha()(R(1, 3, 4), torch.zeros(4, 4, dtype=torch.bool)), ValueError, ["attn_mask", "(3, 3)", "(4, 4)"]),
    ("MultiHeadAttention", "float mask", lambda: mha()(R(1, 3, 4), torch.zeros(3, 3)), TypeError, ["attn_mask", "torch.float32"]),
    ("MultiHeadAttention", "mask hides a row", lambda: mha()(R(1, 3, 4), torch.eye(3, dtype=torch.bool) | torch.tensor([[False], [True], [False]])), ValueError, ["attn_mask", "rows [1]"]),
    ("MultiHeadAttention", "mask + causal hide a row", lambda: mha(causal=True)(R(1, 3, 4), torch.eye(3, dtype=torch.bool)), ValueError, ["attn_mask", "rows [0]"]),
    ("MultiHeadAttention", "padding not a tensor", lambda: mha()(R(2, 3, 4), key_padding_mask=[[0, 0, 1]] * 2), TypeError, ["key_padding_mask", "list"]),
    ("MultiHeadAttention", "float padding", lambda: mha()(R(2, 3, 4), key_padding_mask=torch.zeros(2, 3)), TypeError, ["key_padding_mask", "torch.float32"]),
    ("MultiHeadAttention", "padding of another batch", lambda: mha()(R(2, 3, 4), key_padding_mask=PAD_1x3), ValueError, ["key_padding_mask", "(2, 3)", "(1, 3)"]),
    ("MultiHeadAttention", "padding of other tokens", lambda: mha()(R(2, 3, 4), key_padding_mask=torch.zeros(2, 4, dtype=torch.bool)), ValueError, ["key_padding_mask", "(2, 3)", "(2, 4)"]),
    ("MultiHeadAttention", "1-d padding", lambda: mha()(R(1, 3, 4), key_padding_mask=torch.zeros(3, dtype=torch.bool)), ValueError, ["key_padding_mask", "(1, 3)", "(3,)"]),
    ("MultiHeadAttention", "padding hides a batch row", lambda: mha()(R(2, 3, 4), key_padding_mask=ALL_PADDED_ROW_1), ValueError, ["key_padding_mask", "batch row 1"]),
    ("MultiHeadAttention", "padding + causal hide a row", lambda: mha(causal=True)(R(2, 3, 4), key_padding_mask=LEFT_PADDED_ROW_1), ValueError, ["key_padding_mask", "causal mask", "rows [0]", "batch row 1"]),
    ("MultiHeadAttention", "padding + attn_mask hide a row", lambda: mha()(R(2, 3, 4), ~torch.eye(3, dtype=torch.bool), key_padding_mask=torch.tensor([[False, True, False], [False] * 3])), ValueError, ["key_padding_mask with attn_mask", "rows [1]", "batch row 0"]),
    ("multihead_sdpa", "padding hides a batch row", lambda: a.multihead_sdpa(mha(), R(2, 3, 4), key_padding_mask=ALL_PADDED_ROW_1), ValueError, ["key_padding_mask", "batch row 1"]),
    ("multihead_sdpa", "wrong d_in", lambda: a.multihead_sdpa(mha(), R(1, 3, 2)), ValueError, ["x", "d_in=4", "(1, 3, 2)"]),
    ("multihead_sdpa", "mask shape", lambda: a.multihead_sdpa(mha(), R(1, 3, 4), torch.zeros(3, 2, dtype=torch.bool)), ValueError, ["attn_mask", "(3, 2)"]),
    ("multihead_sdpa", "not a layer", lambda: a.multihead_sdpa(nn.Linear(4, 4), R(1, 3, 4)), TypeError, ["mha", "Linear"]),
    ("to_torch_multihead", "d_in != d_out", lambda: a.to_torch_multihead(a.MultiHeadAttention(3, 4, 2)), ValueError, ["d_in=3", "d_out=4"]),
    ("to_torch_multihead", "not a layer", lambda: a.to_torch_multihead(nn.Linear(4, 4)), TypeError, ["mha", "Linear"]),
    # text to vectors
    ("split_words", "bytes", lambda: a.split_words(b"hello"), TypeError, ["text", "bytes"]),
    ("Vocabulary", "no words", lambda: a.Vocabulary(" ! "[1:1]), ValueError, ["text", "at least one word"]),
    ("Vocabulary", "None", lambda: a.Vocabulary(None), TypeError, ["text", "NoneType"]),
    ("Vocabulary", "id outside", lambda: a.Vocabulary(a.HELLO_WORLD).decode([7]), ValueError, ["token id 7", "0..5"]),
    ("inverse_frequencies", "odd d_model", lambda: a.inverse_frequencies(5), ValueError, ["d_model", "5"]),
    ("inverse_frequencies", "negative d_model", lambda: a.inverse_frequencies(-2), ValueError, ["d_model", "-2"]),
    ("encode_positions", "2-d positions", lambda: a.encode_positions(torch.zeros(2, 2), a.inverse_frequencies(4)), ValueError, ["positions", "(2, 2)"]),
    ("encode_positions", "bool positions", lambda: a.encode_positions(torch.ones(3, dtype=torch.bool), a.inverse_frequencies(4)), TypeError, ["positions", "torch.bool"]),
    ("encode_positions", "empty frequencies", lambda: a.encode_positions(torch.arange(3), torch.zeros(0)), ValueError, ["frequencies", "(0,)"]),
    ("encode_positions", "a list", lambda: a.encode_positions([0, 1], a.inverse_frequencies(4)), TypeError, ["positions", "list"]),
    ("sinusoidal_positional_encoding", "odd d_model", lambda: a.sinusoidal_positional_encoding(4, 7), ValueError, ["d_model", "7"]),
    ("sinusoidal_positional_encoding", "zero positions", lambda: a.sinusoidal_positional_encoding(0, 4), ValueError, ["num_positions", "0"]),
    ("sinusoidal_positional_encoding", "float positions", lambda: a.sinusoidal_positional_encoding(4.0, 4), TypeError, ["num_positions", "4.0"]),
    ("hello_world_embeddings", "zero d_model", lambda: a.hello_world_embeddings(0), ValueError, ["d_model", "0"]),
    ("hello_world_inputs", "odd d_model", lambda: a.hello_world_inputs(3), ValueError, ["d_model", "3"]),
    # encoder
    ("FeedForward", "zero d_hidden", lambda: a.FeedForward(4, 0), ValueError, ["d_hidden", "0"]),
    ("FeedForward", "dropout 1", lambda: a.FeedForward(4, 8, 1.0), ValueError, ["dropout", "1.0"]),
    ("FeedForward", "wrong d_model", lambda: module("FeedForward", 4, 8)(R(2, 6, 3)), ValueError, ["x", "d_in=4", "(2, 6, 3)"]),
    ("FeedForward", "int inputs", lambda: module("FeedForward", 4, 8)(torch.ones(6, 4, dtype=torch.int32)), TypeError, ["x", "torch.int32"]),
    ("LayerNorm", "zero eps", lambda: a.LayerNorm(4, eps=0.0), ValueError, ["eps", "0.0"]),
    ("LayerNorm", "negative d_model", lambda: a.LayerNorm(-4), ValueError, ["d_model", "-4"]),
    ("LayerNorm", "wrong d_model", lambda: module("LayerNorm", 4)(R(3, 5)), ValueError, ["x", "d_in=4", "(3, 5)"]),
    ("LayerNorm", "empty", lambda: module("LayerNorm", 4)(R(0, 4)), ValueError, ["x", "(0, 4)"]),
    ("EncoderBlock", "heads do not divide", lambda: a.EncoderBlock(6, 4, 8), ValueError, ["d_out=6", "num_heads=4"]),
    ("EncoderBlock", "negative d_hidden", lambda: a.EncoderBlock(4, 2, -8), ValueError, ["d_hidden", "-8"]),
    ("EncoderBlock", "dropout 1", lambda: a.EncoderBlock(4, 2, 8, dropout=1.0), ValueError, ["dropout", "1.0"]),
    ("EncoderBlock", "2-d inputs", lambda: module("EncoderBlock", 4, 2, 8)(R(6, 4)), ValueError, ["x", "(6, 4)"]),
    ("EncoderBlock", "wrong d_model", lambda: module("EncoderBlock", 4, 2, 8)(R(1, 6, 8)), ValueError, ["x", "d_in=4", "(1, 6, 8)"]),
    ("EncoderBlock", "mask shape", lambda: module("EncoderBlock", 4, 2, 8)(R(1, 6, 4), torch.zeros(5, 5, dtype=torch.bool)), ValueError, ["attn_mask", "(6, 6)", "(5, 5)"]),
    ("EncoderBlock", "float padding", lambda: module("EncoderBlock", 4, 2, 8)(R(2, 3, 4), key_padding_mask=torch.ones(2, 3)), TypeError, ["key_padding_mask", "torch.float32"]),
    ("EncoderBlock", "padding shape", lambda: module("EncoderBlock", 4, 2, 8)(R(2, 3, 4), key_padding_mask=PAD_1x3), ValueError, ["key_padding_mask", "(2, 3)", "(1, 3)"]),
    ("EncoderBlock", "padding hides a batch row", lambda: module("EncoderBlock", 4, 2, 8, norm_first=True)(R(2, 3, 4), key_padding_mask=ALL_PADDED_ROW_1), ValueError, ["key_padding_mask", "batch row 1"]),
    ("Encoder", "zero layers", lambda: a.Encoder(6, 4, 2, 8, 0, 5), ValueError, ["num_layers", "0"]),
    ("Encoder", "zero vocabulary", lambda: a.Encoder(0, 4, 2, 8, 1, 5), ValueError, ["vocab_size", "0"]),
    ("Encoder", "odd d_model", lambda: a.Encoder(6, 5, 1, 8, 1, 5), ValueError, ["d_model", "5"]),
    ("Encoder", "too many tokens", lambda: encoder()(torch.zeros(1, 6, dtype=LONG)), ValueError, ["token_ids", "6 tokens", "context_length=5"]),
    ("Encoder", "id outside", lambda: encoder()(torch.tensor([[1, 6]])), ValueError, ["token_ids", "id 6", "0..5"]),
    ("Encoder", "negative id", lambda: encoder()(torch.tensor([[-2, 1]])), ValueError, ["token_ids", "id -2"]),
    ("Encoder", "float ids", lambda: encoder()(R(1, 3)), TypeError, ["token_ids", "torch.float32"]),
    ("Encoder", "bool ids", lambda: encoder()(torch.ones(1, 3, dtype=torch.bool)), TypeError, ["token_ids", "torch.bool"]),
    ("Encoder", "1-d ids", lambda: encoder()(torch.tensor([1, 2])), ValueError, ["token_ids", "(2,)"]),
    ("Encoder", "empty sequence", lambda: encoder()(torch.zeros(1, 0, dtype=LONG)), ValueError, ["token_ids", "(1, 0)"]),
    ("Encoder", "padding shape", lambda: encoder()(torch.tensor([[1, 2, 3]]), key_padding_mask=torch.zeros(1, 2, dtype=torch.bool)), ValueError, ["key_padding_mask", "(1, 3)", "(1, 2)"]),
    ("Encoder", "int padding", lambda: encoder()(torch.tensor([[1, 2, 3]]), key_padding_mask=torch.tensor([[0, 0, 1]])), TypeError, ["key_padding_mask", "torch.int64"]),
    ("Encoder", "padding hides a batch row", lambda: encoder()(torch.tensor([[1, 2, 3], [4, 0, 0]]), key_padding_mask=ALL_PADDED_ROW_1), ValueError, ["key_padding_mask", "batch row 1"]),
    ("encoder_block_from_torch", "not a layer", lambda: a.encoder_block_from_torch(nn.Linear(4, 4)), TypeError, ["layer", "Linear"]),
    ("encoder_block_from_torch", "gelu", lambda: a.encoder_block_from_torch(nn.TransformerEncoderLayer(4, 2, 8, activation="gelu")), ValueError, ["layer", "relu", "gelu"]),
]

TAKE_NO_INPUT = {"HELLO_TOKENS", "HELLO_WORLD", "JOURNEY_TOKENS", "WorkedExample", "hello_embeddings",
                 "hello_world_ids", "journey_embeddings"}


def test_every_public_name_has_bad_input_rows():
    covered = {case[0] for case in CASES}
    missing = sorted(set(a.__all__) - covered - TAKE_NO_INPUT)
    assert not missing, f"public names without a bad-input row: {missing}"


@pytest.mark.parametrize("name, problem, call, error, fragments", CASES,
                         ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_bad_input_is_refused_by_name_and_value_before_computing(name, problem, call, error, fragments, no_layer_runs):
    with pytest.raises((TypeError, ValueError)) as caught:
        call()
    assert caught.type is error, f"{name} with {problem}: {caught.type.__name__}: {caught.value}"
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{name} with {problem}: {fragment!r} not in {message!r}"
    raised_at = caught.traceback[-1]
    assert "src/attention_steps/" in str(raised_at.path).replace("\\", "/"), (
        f"{name} with {problem}: raised from {raised_at.path}, not by our checks: {message}"
    )
    assert "raise" in str(raised_at.statement), f"raised implicitly at {raised_at.path}:{raised_at.lineno}"
    assert not no_layer_runs, f"{name} with {problem}: layers ran before the error: {no_layer_runs}"
