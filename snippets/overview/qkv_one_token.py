import torch

from attention_steps import JOURNEY_TOKENS, SelfAttentionParams, journey_embeddings


def show(vector: torch.Tensor, decimals: int = 4) -> str:
    return "[" + ", ".join(f"{v:.{decimals}f}" for v in vector.tolist()) + "]"


inputs = journey_embeddings()  # (6, 3): "Your journey starts with one step"
torch.manual_seed(123)  # the trainable-attention chapter's weights
sa = SelfAttentionParams(d_in=3, d_out=2)

with torch.no_grad():
    x = inputs[1]  # "journey", (3,)
    query, key, value = x @ sa.W_query, x @ sa.W_key, x @ sa.W_value  # (2,) each
    keys, values = inputs @ sa.W_key, inputs @ sa.W_value  # (6, 2) each
    weights = torch.softmax(query @ keys.T / keys.shape[-1] ** 0.5, dim=-1)  # (6,)
    print(f"x of {JOURNEY_TOKENS[1]!r}: {show(x, 2)}")
    print(f"query: {show(query)}  what it looks for")
    print(f"key:   {show(key)}  what it offers to the other queries")
    print(f"value: {show(value)}  what it passes on")
    for token, w in zip(JOURNEY_TOKENS, weights.tolist()):
        print(f"  weight on {token!r:10} {w:.4f}")
    print(f"context vector: {show(weights @ values)}")
