"""The three-token example worked step by step in float64 NumPy, every intermediate kept."""

# --8<-- [start:imports]
from dataclasses import dataclass

import numpy as np

from attention_steps.checks import require_embeddings_and_index, require_example_and_decimals
# --8<-- [end:imports]


# --8<-- [start:work_by_hand]
@dataclass(frozen=True)
class WorkedExample:
    """Every intermediate of one query's attention, as a reader would write it down."""

    embeddings: np.ndarray  # (tokens, d_in): the inputs, float64
    products: np.ndarray  # (tokens, d_in): query[k] * embedding[j, k], before adding
    scores: np.ndarray  # (tokens,): dot product of the query with each token
    exponentials: np.ndarray  # (tokens,): exp of each score
    total: float  # sum of the exponentials
    weights: np.ndarray  # (tokens,): exponential / total
    weighted: np.ndarray  # (tokens, d_in): weight[j] * embedding[j]
    context: np.ndarray  # (d_in,): sum of the weighted rows


def work_by_hand(embeddings: np.ndarray, query_index: int) -> WorkedExample:
    """Attention of one token over all tokens, keeping every step for display."""
    require_embeddings_and_index(embeddings, query_index)
    x = np.array(embeddings, dtype=np.float64)  # (tokens, d_in), a float64 copy
    query = x[query_index]  # (d_in,)
    products = x * query  # (tokens, d_in)
    scores = products.sum(axis=1)  # (tokens,)
    exponentials = np.exp(scores)  # (tokens,)
    total = float(exponentials.sum())
    weights = exponentials / total  # (tokens,)
    weighted = weights[:, None] * x  # (tokens, d_in)
    context = weighted.sum(axis=0)  # (d_in,)
    return WorkedExample(x, products, scores, exponentials, total, weights, weighted, context)
# --8<-- [end:work_by_hand]


# --8<-- [start:round_then_add]
def round_then_add(example: "WorkedExample", decimals: int) -> np.ndarray:
    """The context vector a reader gets who rounds every step to `decimals` places."""
    require_example_and_decimals(example, decimals)
    scores = example.products.round(decimals).sum(axis=1).round(decimals)  # (tokens,)
    exponentials = np.exp(scores).round(decimals)  # (tokens,)
    weights = (exponentials / exponentials.sum()).round(decimals)  # (tokens,)
    weighted = (weights[:, None] * example.embeddings).round(decimals)  # (tokens, d_in)
    return weighted.sum(axis=0).round(decimals)  # (d_in,)
# --8<-- [end:round_then_add]
