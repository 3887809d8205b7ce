import torch

from attention_steps import CausalAttention, journey_embeddings

inputs = journey_embeddings()  # (6, 3)
batch = torch.stack((inputs, inputs))  # (2, 6, 3): two copies of the sentence
print("batch:", tuple(batch.shape))

torch.manual_seed(123)
ca = CausalAttention(d_in=3, d_out=2, context_length=6, dropout=0.0)
with torch.no_grad():
    keys = ca.W_key(batch)  # (2, 6, 2)
    scores = ca.W_query(batch) @ keys.transpose(1, 2)  # (2, 6, 6)
    print("keys:", tuple(keys.shape), " scores:", tuple(scores.shape))
    context = ca(batch)  # (2, 6, 2)
print("context vectors:", tuple(context.shape))
print(context[0])
