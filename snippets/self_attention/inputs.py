from attention_steps import JOURNEY_TOKENS, journey_embeddings

inputs = journey_embeddings()  # (tokens, d_in) = (6, 3)
print(inputs.shape)
for token, row in zip(JOURNEY_TOKENS, inputs):
    print(f"{token:>8}  {row}")
