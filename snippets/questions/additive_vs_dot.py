import torch

from attention_steps import JOURNEY_TOKENS, SelfAttentionParams, journey_embeddings

inputs = journey_embeddings().double()  # (6, 3)
torch.manual_seed(123)  # the trainable-attention chapter's layer
sa = SelfAttentionParams(d_in=3, d_out=2).double()
with torch.no_grad():
    queries, keys = inputs @ sa.W_query, inputs @ sa.W_key  # (6, 2) each
d = keys.shape[-1]

# Dot product (scaled): one multiplication per dimension for each (query, key) pair.
dot = torch.softmax(queries[1] @ keys.T / d**0.5, dim=-1)  # (6,): the weights of "journey"

# Additive (Bahdanau): a small network scores each pair: v . tanh(W1 q + W2 k).
h = 2  # its hidden width
generator = torch.Generator().manual_seed(123)
W1, W2 = (torch.rand(h, d, generator=generator, dtype=torch.float64) for _ in range(2))
v = torch.rand(h, generator=generator, dtype=torch.float64)
hidden = torch.tanh(queries[1] @ W1.T + keys @ W2.T)  # (6, h): one vector per pair
additive = torch.softmax(hidden @ v, dim=-1)  # (6,)

for token, a, b in zip(JOURNEY_TOKENS, dot.tolist(), additive.tolist()):
    print(f"{token:8} dot {a:.4f}   additive {b:.4f}")
print(f"largest weight: dot on {JOURNEY_TOKENS[int(dot.argmax())]!r}, "
      f"additive on {JOURNEY_TOKENS[int(additive.argmax())]!r}")
print(f"extra parameters: dot 0, additive {W1.numel() + W2.numel() + v.numel()}")

# The cost of the scores for n tokens, query width d and additive hidden width h:
n, d, h = 1024, 64, 64
print(f"dot:      {n * n * d:,} multiply-adds in one matrix product, an (n, n) result")
print(f"additive: {n * n * h:,} multiply-adds and {n * n * h:,} tanh, through an (n, n, h) tensor")
