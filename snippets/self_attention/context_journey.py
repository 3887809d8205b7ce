import torch

from attention_steps import (
    JOURNEY_TOKENS,
    attention_scores,
    attention_weights,
    context_vectors,
    journey_embeddings,
)

inputs = journey_embeddings()  # (6, 3)
weights = attention_weights(attention_scores(inputs[1], inputs))  # (6,)

# The context vector of "journey": every input row, scaled by its weight, added up.
context = torch.zeros(3)  # (d_in,)
for token, weight, row in zip(JOURNEY_TOKENS, weights, inputs):
    context += weight * row
    print(f"{token:>8}  weight {weight:.4f}  running sum {context}")

print("as a matrix product:", context_vectors(weights, inputs))
