"""Attention, step by step: the code behind every number on the site."""

from attention_steps.by_hand import WorkedExample, round_then_add, work_by_hand
from attention_steps.causal import CausalAttention, causal_mask
from attention_steps.encoder import Encoder, EncoderBlock, encoder_block_from_torch
from attention_steps.examples import (
    HELLO_TOKENS,
    HELLO_WORLD,
    JOURNEY_TOKENS,
    hello_embeddings,
    hello_world_embeddings,
    hello_world_ids,
    hello_world_inputs,
    journey_embeddings,
)
from attention_steps.feedforward import FeedForward
from attention_steps.layernorm import LayerNorm
from attention_steps.multihead import (
    MultiHeadAttention,
    MultiHeadAttentionWrapper,
    multihead_sdpa,
    to_torch_multihead,
)
from attention_steps.simple_attention import (
    attention_scores,
    attention_weights,
    context_vectors,
    self_attention,
)
from attention_steps.positional import (
    encode_positions,
    inverse_frequencies,
    sinusoidal_positional_encoding,
)
from attention_steps.softmax import normalize_by_sum, softmax_naive, softmax_stable
from attention_steps.tokenizer import Vocabulary, split_words
from attention_steps.trainable import SelfAttention, SelfAttentionParams

__all__ = [
    "Encoder",
    "EncoderBlock",
    "FeedForward",
    "HELLO_WORLD",
    "LayerNorm",
    "Vocabulary",
    "encode_positions",
    "encoder_block_from_torch",
    "hello_world_embeddings",
    "hello_world_ids",
    "hello_world_inputs",
    "inverse_frequencies",
    "sinusoidal_positional_encoding",
    "split_words",
    "CausalAttention",
    "MultiHeadAttention",
    "MultiHeadAttentionWrapper",
    "SelfAttention",
    "SelfAttentionParams",
    "causal_mask",
    "multihead_sdpa",
    "to_torch_multihead",
    "HELLO_TOKENS",
    "JOURNEY_TOKENS",
    "WorkedExample",
    "attention_scores",
    "attention_weights",
    "context_vectors",
    "hello_embeddings",
    "journey_embeddings",
    "normalize_by_sum",
    "round_then_add",
    "self_attention",
    "softmax_naive",
    "softmax_stable",
    "work_by_hand",
]
