import torch

from attention_steps import MultiHeadAttention, causal_mask, journey_embeddings

batch = torch.stack((journey_embeddings(), journey_embeddings()))  # (2, 6, 3)
torch.manual_seed(123)
mha = MultiHeadAttention(d_in=3, d_out=4, num_heads=2, causal=True)

with torch.no_grad():
    queries = mha.W_query(batch)
    print("queries               ", tuple(queries.shape))
    print("split into heads      ", tuple(queries.view(2, 6, 2, 2).shape))
    q = mha.split_heads(queries)
    k = mha.split_heads(mha.W_key(batch))
    v = mha.split_heads(mha.W_value(batch))
    print("heads first           ", tuple(q.shape))
    scores = (q @ k.transpose(2, 3)).masked_fill(causal_mask(6), -torch.inf)
    weights = torch.softmax(scores / mha.head_dim**0.5, dim=-1)
    print("scores and weights    ", tuple(weights.shape))
    context = (weights @ v).transpose(1, 2)
    print("context, tokens first ", tuple(context.shape))
    merged = context.reshape(2, 6, 4)
    print("heads merged          ", tuple(merged.shape))
    out = mha.out_proj(merged)
    print("output projection     ", tuple(out.shape))
    print("same as mha(batch):", torch.allclose(out, mha(batch), atol=1e-6))
