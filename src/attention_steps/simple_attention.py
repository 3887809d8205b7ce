"""Self-attention without trainable weights: scores, weights, context vectors."""

# --8<-- [start:imports]
import torch

from attention_steps.checks import require_queries_and_keys, require_weights_and_values
from attention_steps.softmax import softmax_stable
# --8<-- [end:imports]


# --8<-- [start:attention_scores]
def attention_scores(queries: torch.Tensor, keys: torch.Tensor) -> torch.Tensor:
    """Dot product of every query with every key: entry [i, j] is queries[i] · keys[j]."""
    require_queries_and_keys(queries, keys)
    return queries @ keys.transpose(-2, -1)  # (..., queries, keys)
# --8<-- [end:attention_scores]


# --8<-- [start:attention_weights]
def attention_weights(scores: torch.Tensor) -> torch.Tensor:
    """Softmax of each row of scores: non-negative weights that sum to 1 per query."""
    return softmax_stable(scores)  # (..., queries, keys)
# --8<-- [end:attention_weights]


# --8<-- [start:context_vectors]
def context_vectors(weights: torch.Tensor, values: torch.Tensor) -> torch.Tensor:
    """Each query's weighted sum of the value rows: weights @ values."""
    require_weights_and_values(weights, values)
    return weights @ values  # (..., queries, d)
# --8<-- [end:context_vectors]


# --8<-- [start:self_attention]
def self_attention(inputs: torch.Tensor) -> torch.Tensor:
    """Every token attends to every token, inputs serving as queries, keys and values."""
    scores = attention_scores(inputs, inputs)  # (..., tokens, tokens)
    weights = attention_weights(scores)  # (..., tokens, tokens)
    return context_vectors(weights, inputs)  # (..., tokens, d_in)
# --8<-- [end:self_attention]
