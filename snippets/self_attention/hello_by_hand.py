from attention_steps import HELLO_TOKENS, hello_embeddings, work_by_hand

step = work_by_hand(hello_embeddings(), query_index=1)  # the query is "shiny"

print("1. scores: multiply coordinate by coordinate, then add")
for token, terms, score in zip(HELLO_TOKENS, step.products, step.scores):
    print(f"   shiny·{token:<6} = {terms[0]:.4f} + {terms[1]:.4f} + {terms[2]:.4f} = {score:.4f}")

print("2. exponentials and their sum")
for token, score, e in zip(HELLO_TOKENS, step.scores, step.exponentials):
    print(f"   exp({score:.4f}) = {e:.4f}   ({token})")
print(f"   sum = {step.total:.4f}")

print("3. weights: each exponential divided by the sum")
for token, e, w in zip(HELLO_TOKENS, step.exponentials, step.weights):
    print(f"   {e:.4f} / {step.total:.4f} = {w:.4f}   ({token})")

print("4. weighted embeddings: weight times embedding")
for token, w, row in zip(HELLO_TOKENS, step.weights, step.weighted):
    print(f"   {w:.4f} × {token:<6} = [{row[0]:.4f}, {row[1]:.4f}, {row[2]:.4f}]")

c = step.context
print(f"5. context vector of 'shiny' = [{c[0]:.4f}, {c[1]:.4f}, {c[2]:.4f}]")
