"""Attention, step by step: the code behind every number on the site."""

from attention_steps.by_hand import WorkedExample, round_then_add, work_by_hand
from attention_steps.causal import CausalAttention, causal_mask
from attention_steps.examples import (
    HELLO_TOKENS,
    JOURNEY_TOKENS,
    hello_embeddings,
    journey_embeddings,
)
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
from attention_steps.softmax import normalize_by_sum, softmax_naive, softmax_stable
from attention_steps.trainable import SelfAttention, SelfAttentionParams

__all__ = [
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
