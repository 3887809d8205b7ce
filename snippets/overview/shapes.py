import torch

from attention_steps import HELLO_WORLD, Encoder, Vocabulary

vocab = Vocabulary(HELLO_WORLD)
torch.manual_seed(123)  # the encoder chapter's encoder: d_model=4, 2 heads, 2 blocks
encoder = Encoder(vocab_size=len(vocab), d_model=4, num_heads=2, d_hidden=16,
                  num_layers=2, context_length=16)
block, mha = encoder.blocks[0], encoder.blocks[0].attention

steps = []
with torch.no_grad():
    ids = torch.tensor([vocab.encode(HELLO_WORLD)])
    steps.append(("token ids", ids))
    x = encoder.embedding(ids)
    steps.append(("token embeddings", x))
    x = x + encoder.positions[: ids.shape[1]]
    steps.append(("+ positional encoding", x))
    queries = mha.W_query(x)
    steps.append(("queries (keys, values alike)", queries))
    q = mha.split_heads(queries)
    steps.append(("split into heads", q))
    k, v = mha.split_heads(mha.W_key(x)), mha.split_heads(mha.W_value(x))
    weights = torch.softmax(q @ k.transpose(2, 3) / mha.head_dim**0.5, dim=-1)
    steps.append(("attention weights", weights))
    steps.append(("context, per head", weights @ v))
    attended = mha.out_proj(mha.merge_heads(weights @ v))
    steps.append(("heads merged, out_proj", attended))
    x = block.norm1(x + attended)
    steps.append(("add & norm", x))
    hidden = block.feed_forward.widen(x)
    steps.append(("feed-forward, widened", hidden))
    x = block.norm2(x + block.feed_forward(x))
    steps.append(("add & norm: block output", x))
    out = encoder(ids)
    steps.append(("encoder output (2 blocks)", out))
    block_output = block(encoder.embedding(ids) + encoder.positions[:6])  # in one call

for name, tensor in steps:
    print(f"{name:29} {tuple(tensor.shape)}")
print("the steps above equal the block's own forward:", torch.allclose(x, block_output))
