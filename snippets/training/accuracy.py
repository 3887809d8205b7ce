from attention_steps.corpus import TINY_TEXT
from attention_steps.mlm import accuracy, most_frequent_baseline, split_corpus, train_masked

run = train_masked(TINY_TEXT)
train_lines, held_out = split_corpus(TINY_TEXT)
guess, right, total = most_frequent_baseline(train_lines, held_out)
print(f"baseline, always {guess!r}:       {right}/{total} = {right / total:.3f}")
for name, lines, model in (("untrained, held-out line", held_out, run.untrained),
                           ("trained, held-out line", held_out, run.model),
                           ("trained, training lines", train_lines, run.model)):
    right, total = accuracy(run, lines, model)  # each character hidden alone, in turn
    print(f"{name:24}  {right}/{total} = {right / total:.3f}")
