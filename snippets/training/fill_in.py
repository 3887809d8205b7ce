from attention_steps.corpus import TINY_TEXT
from attention_steps.mlm import fill_in, train_masked

run = train_masked(TINY_TEXT)
for text in ("un p_z mira", "el b_rco", "mira el m_r", "la lu_a"):  # '_' marks the blank
    guesses = ", ".join(f"{c!r} {p:.3f}" for c, p in fill_in(run, text, k=3))
    print(f"{text:12} {guesses}")
