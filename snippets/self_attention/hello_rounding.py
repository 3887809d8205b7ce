from attention_steps import hello_embeddings, round_then_add, work_by_hand

step = work_by_hand(hello_embeddings(), query_index=1)  # the query is "shiny"
exact = step.context  # (3,), float64 all the way
rounded = round_then_add(step, decimals=4)  # (3,), every step rounded to 4 places

print("full precision, shown to 8 places:", [f"{v:.8f}" for v in exact])
print("full precision, rounded at the end:", [f"{v:.4f}" for v in exact])
print("rounded at every step:             ", [f"{v:.4f}" for v in rounded])
first = step.weighted[:, 0]  # (3,): the three terms of the first coordinate
print("first coordinate, exact terms:  ", " + ".join(f"{t:.8f}" for t in first))
print("first coordinate, rounded terms:", " + ".join(f"{t:.4f}" for t in first.round(4)),
      f"= {first.round(4).sum():.4f}")
