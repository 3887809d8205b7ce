import random

import torch

from attention_steps.corpus import TINY_TEXT
from attention_steps.mlm import MASK, hide, split_corpus, vocabulary, windows

train_lines, held_out = split_corpus(TINY_TEXT)  # the sixth line (index 5) is kept apart, never trained on
print(f"training lines: {len(train_lines)}, characters: {sum(len(l) for l in train_lines)}")
print(f"held-out line: {held_out[0]!r}")
chars = vocabulary(train_lines)
print(f"vocabulary: {len(chars)} tokens, the last one {MASK!r} hides a character")

ids = windows(train_lines, chars, width=16)  # every stretch of 16 characters
print("windows:", tuple(ids.shape))  # (windows, 16)
no_padding = torch.zeros_like(ids[:2], dtype=torch.bool)  # full windows: nothing padded
inputs, hidden = hide(ids[:2], no_padding, 0.15, random.Random(123), chars.index(MASK))
for row in range(2):
    original = "".join(chars[i] for i in ids[row].tolist())
    shown = "".join(chars[i] for i in inputs[row].tolist())
    answer = "".join(chars[i] for i in ids[row][hidden[row]].tolist())
    print(f"{original!r} -> {shown!r}  predict {answer!r}")
