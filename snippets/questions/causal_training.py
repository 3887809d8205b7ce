import math

from attention_steps.charmodel import causal_loss, generate, train
from attention_steps.corpus import TINY_TEXT

# What a model that knows nothing pays: the same probability for every character of the corpus.
num_chars = len(set(TINY_TEXT))
print(f"guessing among {num_chars} characters  ln {num_chars} = {math.log(num_chars):.3f}")
for mask in ("causal", "none"):
    run = train(TINY_TEXT, mask=mask)  # 150 steps of Adam, seed 123, the same for both
    print(f"mask={mask!r}")
    print(f"  training loss              {run.losses[0]:.3f} -> {run.losses[-1]:.3f}")
    print(f"  loss seeing only the past  {causal_loss(run, TINY_TEXT):.3f}")
    print(f"  gradient norm              {run.grad_norms[0]:.3f} -> {run.grad_norms[-1]:.3f}")
    print(f"  sample: {generate(run, 'la luna ', 40)!r}")
