import torch

from attention_steps import hello_world_embeddings, sinusoidal_positional_encoding

embeddings = hello_world_embeddings(d_model=4)  # (6, 4), the lookup above
positions = sinusoidal_positional_encoding(num_positions=6, d_model=4)  # (6, 4)
x = embeddings + positions  # (6, 4): the encoder's input matrix
print(x)
print("hello at positions 0 and 3 now differs:", not torch.equal(x[0], x[3]))
