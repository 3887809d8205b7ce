from attention_steps.corpus import TINY_TEXT
from attention_steps.mlm import train_masked

run = train_masked(TINY_TEXT)  # 250 steps of Adam on every window, seed 123, float64
print("parameters:", sum(p.numel() for p in run.model.parameters()))
for step in (1, 50, 100, 150, 200, 250):
    print(f"step {step:3}  loss {run.losses[step - 1]:.3f}")
