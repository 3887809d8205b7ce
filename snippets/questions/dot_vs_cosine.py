import torch
from torch.nn import functional as F

from attention_steps import JOURNEY_TOKENS, attention_scores, journey_embeddings

x = journey_embeddings()  # (6, 3)
dots = attention_scores(x, x)  # (6, 6): q · k
unit = F.normalize(x, dim=-1)  # every row scaled to length 1
cosines = unit @ unit.T  # (6, 6): cos(q, k)

print("length of each token:", x.norm(dim=-1))
for i, token in enumerate(JOURNEY_TOKENS):
    best = int(dots[i].argmax())
    if best != i:  # another token scores higher than the token itself
        print(f"{token!r}: with itself {dots[i, i]:.4f}, with {JOURNEY_TOKENS[best]!r} {dots[i, best]:.4f}")
        print(f"  cosine with itself {cosines[i, i]:.4f}, with {JOURNEY_TOKENS[best]!r} {cosines[i, best]:.4f}")
