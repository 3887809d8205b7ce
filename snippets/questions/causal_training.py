from attention_steps.charmodel import causal_loss, generate, train
from attention_steps.corpus import TINY_TEXT

for mask in ("causal", "none"):
    run = train(TINY_TEXT, mask=mask)  # 150 steps of Adam, seed 123, the same for both
    print(f"mask={mask!r}")
    print(f"  training loss              {run.losses[0]:.3f} -> {run.losses[-1]:.3f}")
    print(f"  loss seeing only the past  {causal_loss(run, TINY_TEXT):.3f}")
    print(f"  gradient norm              {run.grad_norms[0]:.3f} -> {run.grad_norms[-1]:.3f}")
    print(f"  sample: {generate(run, 'la luna ', 40)!r}")
