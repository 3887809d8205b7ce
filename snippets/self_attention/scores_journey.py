import torch

from attention_steps import JOURNEY_TOKENS, attention_scores, journey_embeddings

inputs = journey_embeddings()  # (6, 3)
query = inputs[1]  # "journey", (3,)

# One score, coordinate by coordinate: multiply, then add.
products = query * inputs[0]  # (3,)
print("journey × Your, term by term:", products)
print(f"their sum:      {products.sum():.4f}")
print(f"torch.dot:      {torch.dot(query, inputs[0]):.4f}")

# Every score of the query "journey" at once.
scores = attention_scores(query, inputs)  # (6,)
for token, score in zip(JOURNEY_TOKENS, scores):
    print(f"{token:>8}  {score:.4f}")
