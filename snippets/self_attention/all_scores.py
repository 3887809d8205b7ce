from attention_steps import attention_scores, journey_embeddings

inputs = journey_embeddings()  # (6, 3)
scores = attention_scores(inputs, inputs)  # (6, 6) = inputs @ inputs.T
print(scores)
print("row 2 is the query 'journey':", scores[1])
print("symmetric:", bool((scores == scores.T).all()))
