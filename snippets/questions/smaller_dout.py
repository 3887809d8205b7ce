import torch

from attention_steps import SelfAttentionParams, journey_embeddings

# Cost: one head of width d_out on a sequence of 1024 tokens whose vectors have d_in = 768.
d_in, tokens = 768, 1024
for d_out in (768, 256, 64):
    params = 3 * d_in * d_out  # W_query, W_key, W_value
    scores = tokens * tokens * d_out  # multiply-adds of Q K^T
    print(f"d_out={d_out:3}  parameters {params:>9,}  score multiply-adds {scores:>13,}")

# What a narrow head keeps: its score matrix Q K^T has rank at most d_out.
inputs = journey_embeddings().double()  # (6, 3)
for d_out in (1, 2, 3):
    torch.manual_seed(123)
    sa = SelfAttentionParams(d_in=3, d_out=d_out).double()
    with torch.no_grad():
        scores = (inputs @ sa.W_query) @ (inputs @ sa.W_key).T  # (6, 6)
    print(f"d_out={d_out}: scores {tuple(scores.shape)}, rank {int(torch.linalg.matrix_rank(scores))}")
