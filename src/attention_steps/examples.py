"""The worked examples the chapters share: tokens and their small embeddings."""

# --8<-- [start:imports]
import numpy as np
import torch
from torch import nn

from attention_steps.checks import require_positive_int
from attention_steps.positional import sinusoidal_positional_encoding
from attention_steps.tokenizer import Vocabulary
# --8<-- [end:imports]

# --8<-- [start:journey]
JOURNEY_TOKENS = ("Your", "journey", "starts", "with", "one", "step")


def journey_embeddings() -> torch.Tensor:
    """The six-token sentence as a (6, 3) float32 tensor, one row per token."""
    return torch.tensor(
        [
            [0.43, 0.15, 0.89],  # Your
            [0.55, 0.87, 0.66],  # journey
            [0.57, 0.85, 0.64],  # starts
            [0.22, 0.58, 0.33],  # with
            [0.77, 0.25, 0.10],  # one
            [0.05, 0.80, 0.55],  # step
        ]
    )  # (tokens, d_in) = (6, 3)
# --8<-- [end:journey]


# --8<-- [start:hello]
HELLO_TOKENS = ("Hello", "shiny", "sun!")


def hello_embeddings() -> np.ndarray:
    """The three-token sentence as a (3, 3) float64 array, for working by hand."""
    return np.array(
        [
            [0.34, 0.22, 0.54],  # Hello
            [0.53, 0.34, 0.98],  # shiny
            [0.29, 0.54, 0.93],  # sun!
        ],
        dtype=np.float64,
    )  # (tokens, d_in) = (3, 3)
# --8<-- [end:hello]


# --8<-- [start:hello_world]
HELLO_WORLD = "Hello World! Hello attention."


def hello_world_ids() -> torch.Tensor:
    """The ids of HELLO_WORLD's six tokens in the vocabulary built from it, shape (6,)."""
    return torch.tensor(Vocabulary(HELLO_WORLD).encode(HELLO_WORLD))  # (tokens,)


def hello_world_embeddings(d_model: int = 4) -> torch.Tensor:
    """HELLO_WORLD's token embeddings from nn.Embedding under seed 123, shape (6, d_model)."""
    require_positive_int(d_model, "d_model")
    with torch.random.fork_rng():  # leaves the caller's random state untouched
        torch.manual_seed(123)
        embedding = nn.Embedding(len(Vocabulary(HELLO_WORLD)), d_model)
    with torch.no_grad():
        return embedding(hello_world_ids())  # (tokens, d_model)


def hello_world_inputs(d_model: int = 4) -> torch.Tensor:
    """The encoder's input: embeddings plus sinusoidal positions, shape (6, d_model)."""
    positions = sinusoidal_positional_encoding(len(hello_world_ids()), d_model)  # (6, d_model)
    return hello_world_embeddings(d_model) + positions  # (tokens, d_model)
# --8<-- [end:hello_world]
