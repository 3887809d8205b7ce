import torch

from attention_steps import HELLO_WORLD, Encoder, Vocabulary

vocab = Vocabulary(HELLO_WORLD)
ids = torch.tensor([vocab.encode(HELLO_WORLD)])  # (1, 6): a batch of one sentence
torch.manual_seed(123)
encoder = Encoder(vocab_size=len(vocab), d_model=4, num_heads=2, d_hidden=16,
                  num_layers=2, context_length=16)

with torch.no_grad():
    out = encoder(ids)  # (1, 6, 4)
print(ids)
print(out.shape)
print(out[0])
print("parameters:", sum(p.numel() for p in encoder.parameters()))
