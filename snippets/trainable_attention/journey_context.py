import torch

from attention_steps import SelfAttentionParams, journey_embeddings

inputs = journey_embeddings()  # (6, 3)
torch.manual_seed(123)
sa = SelfAttentionParams(d_in=3, d_out=2)

with torch.no_grad():
    query_2 = inputs[1] @ sa.W_query  # (2,)
    keys = inputs @ sa.W_key  # (6, 2)
    values = inputs @ sa.W_value  # (6, 2)

    print(f"score of 'journey' with itself: {query_2 @ keys[1]:.4f}")
    scores_2 = query_2 @ keys.T  # (6,)
    print("all its scores:", scores_2)

    d_k = keys.shape[-1]
    weights_2 = torch.softmax(scores_2 / d_k**0.5, dim=-1)  # (6,)
    print(f"weights, scores divided by sqrt({d_k}):", weights_2)
    print("context vector of 'journey':", weights_2 @ values)  # (2,)
