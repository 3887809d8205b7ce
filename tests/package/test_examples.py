import numpy as np
import torch

from attention_steps import HELLO_TOKENS, JOURNEY_TOKENS, hello_embeddings, journey_embeddings


def test_one_row_per_token_and_three_dimensions():
    assert journey_embeddings().shape == (len(JOURNEY_TOKENS), 3)
    assert journey_embeddings().dtype == torch.float32
    assert hello_embeddings().shape == (len(HELLO_TOKENS), 3)
    assert hello_embeddings().dtype == np.float64


def test_each_call_returns_a_fresh_copy():
    a = journey_embeddings()
    a[0, 0] = 99.0
    assert journey_embeddings()[0, 0] != 99.0
