import torch
from torch import nn

from attention_steps import HELLO_WORLD, Vocabulary

vocab = Vocabulary(HELLO_WORLD)
ids = torch.tensor(vocab.encode(HELLO_WORLD))  # (6,)
torch.manual_seed(123)
embedding = nn.Embedding(num_embeddings=len(vocab), embedding_dim=4)

with torch.no_grad():
    vectors = embedding(ids)  # (6, 4): one row of the table per token
    one_hot = nn.functional.one_hot(ids, num_classes=len(vocab)).float()  # (6, 6)
    print(embedding.weight.shape)
    print(vectors)
    print("hello, twice, gets the same row:", torch.equal(vectors[0], vectors[3]))
    print("same as one_hot @ weight:", torch.equal(vectors, one_hot @ embedding.weight))
