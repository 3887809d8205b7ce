from attention_steps.charmodel import causal_loss, train
from attention_steps.corpus import TINY_TEXT

# Hide the lower-left half: every character sees itself and the characters after it.
for shift, task in ((1, "next character"), (-1, "previous character")):
    run = train(TINY_TEXT, mask="lower", shift=shift)
    print(f"mask='lower', predicting the {task}")
    print(f"  training loss                 {run.losses[-1]:.3f}")
    print(f"  loss seeing only the past     {causal_loss(run, TINY_TEXT, shift, mask='causal'):.3f}")
    print(f"  loss seeing only the future   {causal_loss(run, TINY_TEXT, shift, mask='lower'):.3f}")
