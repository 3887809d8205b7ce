import torch

from attention_steps import JOURNEY_TOKENS, attention_scores, attention_weights

one_hot = torch.eye(6)  # (tokens, vocabulary): a 1 in each token's own column
scores = attention_scores(one_hot, one_hot)  # (6, 6)
weights = attention_weights(scores)  # (6, 6)
print("scores (every pair of different tokens scores 0):")
print(scores)
print(f"weights of {JOURNEY_TOKENS[1]!r}:", weights[1])
others = weights[1][torch.arange(6) != 1]
print("distinct weights it gives the other tokens:", others.unique())
