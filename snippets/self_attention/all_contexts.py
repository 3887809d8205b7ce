import torch

from attention_steps import journey_embeddings, self_attention

inputs = journey_embeddings()  # (6, 3)
contexts = self_attention(inputs)  # (6, 3): scores, weights, weighted sums
print(contexts)

# Row 2 is the context vector of "journey" computed one query at a time before.
one_query = torch.softmax(inputs[1] @ inputs.T, dim=-1) @ inputs  # (3,)
print("row 2 again, one query at a time:", one_query)
print("the same to 1e-6:", torch.allclose(contexts[1], one_query, atol=1e-6))
