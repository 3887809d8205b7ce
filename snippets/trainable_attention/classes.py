import torch

from attention_steps import SelfAttention, SelfAttentionParams, journey_embeddings

inputs = journey_embeddings()  # (6, 3)

torch.manual_seed(123)
sa_params = SelfAttentionParams(d_in=3, d_out=2)
torch.manual_seed(789)
sa_linear = SelfAttention(d_in=3, d_out=2)

with torch.no_grad():
    print("raw parameters, seed 123:\n", sa_params(inputs))
    print("nn.Linear, seed 789:\n", sa_linear(inputs))

    # nn.Linear stores its weight as (d_out, d_in) and computes x @ weight.T:
    # copying the transposed weights makes the two modules the same function.
    sa_params.W_query.copy_(sa_linear.W_query.weight.T)
    sa_params.W_key.copy_(sa_linear.W_key.weight.T)
    sa_params.W_value.copy_(sa_linear.W_value.weight.T)
    print("after copying, the same to 1e-6:", torch.allclose(sa_params(inputs), sa_linear(inputs), atol=1e-6))
