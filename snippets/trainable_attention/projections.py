import torch

from attention_steps import SelfAttentionParams, journey_embeddings

inputs = journey_embeddings()  # (6, 3)
torch.manual_seed(123)
sa = SelfAttentionParams(d_in=3, d_out=2)  # creates W_query, W_key, W_value in that order

with torch.no_grad():
    print("W_query =", sa.W_query)
    x_2 = inputs[1]  # "journey", (3,)
    print("query of 'journey':", x_2 @ sa.W_query)  # (2,)
    print("key of 'journey':  ", x_2 @ sa.W_key)  # (2,)
    print("value of 'journey':", x_2 @ sa.W_value)  # (2,)
    keys = inputs @ sa.W_key  # (6, 2)
    values = inputs @ sa.W_value  # (6, 2)
    print("keys:", tuple(keys.shape), " values:", tuple(values.shape))
