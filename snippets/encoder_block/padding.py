import torch

from attention_steps import HELLO_WORLD, Encoder, Vocabulary

vocab = Vocabulary(HELLO_WORLD)
sentences = ["Hello World! Hello attention.", "Hello attention."]  # 6 and 3 tokens
encoded = [vocab.encode(s) for s in sentences]
width = max(len(e) for e in encoded)
ids = torch.tensor([e + [0] * (width - len(e)) for e in encoded])  # (2, 6): padded with id 0
lengths = torch.tensor([len(e) for e in encoded])  # (2,)
padding = torch.arange(width) >= lengths[:, None]  # (2, 6): True where a key is padding
torch.manual_seed(123)
encoder = Encoder(vocab_size=len(vocab), d_model=4, num_heads=2, d_hidden=16,
                  num_layers=2, context_length=16)

with torch.no_grad():
    out = encoder(ids, key_padding_mask=padding)  # (2, 6, 4)
    other = ids.masked_fill(padding, 5)  # other ids in the padded places
    out_other = encoder(other, key_padding_mask=padding)  # (2, 6, 4)
    alone = encoder(ids[1:, :3])  # (1, 3, 4): the short sentence by itself, no padding
    unmasked = encoder(other)  # (2, 6, 4): the padding left visible
print(ids)
print(padding)
print(out[1, :3])  # the short sentence's three real tokens
real = ~padding
print("real tokens unchanged when the padding changes:", torch.equal(out[real], out_other[real]))
print("short sentence as when run alone (difference below 1e-6):",
      bool((out[1, :3] - alone[0]).abs().max() < 1e-6))
print("without the mask, its tokens change:", bool((unmasked[1, :3] - out[1, :3]).abs().max() > 1e-3))
