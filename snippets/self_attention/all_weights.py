from attention_steps import attention_scores, attention_weights, journey_embeddings

inputs = journey_embeddings()  # (6, 3)
weights = attention_weights(attention_scores(inputs, inputs))  # (6, 6)
print(weights)
print("row sums:", weights.sum(dim=-1))
