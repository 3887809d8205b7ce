"""An encoder that learns: hide some characters of the corpus and train the encoder to restore them."""

# --8<-- [start:imports]
import random
from dataclasses import dataclass, field
from functools import cache

import torch
from torch import nn
from torch.nn import functional as F

from attention_steps.checks import require_args, require_blank, require_lines, require_token_ids
from attention_steps.encoder import Encoder
# --8<-- [end:imports]

# --8<-- [start:data]
MASK = "_"  # the token that hides a character, like BERT's [MASK]


def split_corpus(text: str, held_out: int = 5) -> tuple[list[str], list[str]]:
    """The corpus' lines for training, and the line at index `held_out` kept apart to test on."""
    lines = text.splitlines()
    require_lines(lines, held_out)
    return lines[:held_out] + lines[held_out + 1 :], [lines[held_out]]


def vocabulary(lines: list[str]) -> list[str]:
    """The sorted characters of the training lines (and the space that joins them), then MASK:
    the model's tokens."""
    return sorted(set(" ".join(lines))) + [MASK]


def encode(lines: list[str], chars: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """The lines as a (lines, tokens) tensor of ids padded with 0, and the padding mask
    (True where a position is padding). A character the vocabulary lacks becomes MASK."""
    index = {c: i for i, c in enumerate(chars)}
    width = max(len(line) for line in lines)
    ids = [[index.get(c, index[MASK]) for c in line] + [0] * (width - len(line)) for line in lines]
    lengths = torch.tensor([len(line) for line in lines])  # (lines,)
    return torch.tensor(ids), torch.arange(width) >= lengths[:, None]  # (lines, tokens) each
# --8<-- [end:data]


# --8<-- [start:hide]
def hide(ids: torch.Tensor, padding: torch.Tensor, rate: float, rng: random.Random, mask_id: int):
    """Replace about `rate` of each line's real characters (at least one) by MASK; return the
    new ids and the (lines, tokens) bool tensor of the hidden positions, the ones to predict."""
    rows = [[False] * ids.shape[1] for _ in range(ids.shape[0])]  # filled as lists: faster
    for row, length in enumerate((~padding).sum(dim=1).tolist()):
        for i in rng.sample(range(length), max(1, round(rate * length))):  # Python's generator
            rows[row][i] = True
    hidden = torch.tensor(rows)  # (lines, tokens)
    return ids.masked_fill(hidden, mask_id), hidden
# --8<-- [end:hide]


# --8<-- [start:MaskedCharModel]
class MaskedCharModel(nn.Module):
    """The package's Encoder and a linear layer that turns each output vector into
    scores (logits) over the characters."""

    def __init__(self, vocab_size, d_model=32, num_heads=4, d_hidden=64, num_layers=1,
                 context_length=64):
        super().__init__()
        require_args(vocab_size=vocab_size, context_length=context_length)
        self.encoder = Encoder(vocab_size, d_model, num_heads, d_hidden, num_layers, context_length)
        self.to_logits = nn.Linear(d_model, vocab_size)

    def forward(self, ids: torch.Tensor, padding: torch.Tensor | None = None) -> torch.Tensor:
        require_token_ids(ids, self.encoder.vocab_size, self.encoder.context_length, name="ids",
                          key_padding_mask=padding)
        x = self.encoder(ids, key_padding_mask=padding)  # (lines, tokens, d_model)
        return self.to_logits(x)  # (lines, tokens, vocab_size)
# --8<-- [end:MaskedCharModel]


# --8<-- [start:train]
@dataclass
class MaskedRun:
    """A trained model, the same model before training, its characters, the width of the
    windows it learned from, and the loss at each step."""

    model: MaskedCharModel
    untrained: MaskedCharModel
    chars: list[str]
    width: int
    losses: list[float] = field(default_factory=list)


def new_model(vocab_size: int, seed: int) -> MaskedCharModel:
    """A MaskedCharModel whose weights are drawn in float64 (float32 draws differ by CPU)."""
    torch.manual_seed(seed)
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        return MaskedCharModel(vocab_size).double()  # .double(): the positions table too
    finally:
        torch.set_default_dtype(default)


def windows(lines: list[str], chars: list[str], width: int) -> torch.Tensor:
    """Every stretch of `width` characters of the lines joined by spaces, as ids (windows, width):
    the model sees a character at many positions, so it cannot learn a line by heart."""
    text = " ".join(lines)
    ids, _ = encode([text], chars)  # (1, characters)
    return ids[0].unfold(0, width, 1)  # (windows, width)


@cache  # the same arguments give the same run: train once, reuse it in the same process
def train_masked(text: str, steps: int = 250, rate: float = 0.15, lr: float = 5e-3,
                 width: int = 16, seed: int = 123) -> MaskedRun:
    """Train a MaskedCharModel on the training lines of `text` with full-batch Adam: at each
    step hide new characters of every window and learn to predict them, the loss taken on
    the hidden characters only."""
    require_args(steps=steps, width=width)
    lines, _ = split_corpus(text)
    chars = vocabulary(lines)
    ids = windows(lines, chars, width)  # (windows, width)
    padding = torch.zeros_like(ids, dtype=torch.bool)  # windows are full: no padding
    with torch.random.fork_rng(devices=[]):  # leaves the caller's generator alone
        model, untrained = new_model(len(chars), seed), new_model(len(chars), seed).eval()
    run = MaskedRun(model, untrained, chars, width)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    rng = random.Random(seed)
    for _ in range(steps):
        inputs, hidden = hide(ids, padding, rate, rng, chars.index(MASK))
        logits = model(inputs)  # (windows, width, vocab)
        loss = F.cross_entropy(logits[hidden], ids[hidden])  # only the hidden characters
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        run.losses.append(loss.item())
    model.eval()
    return run
# --8<-- [end:train]


# --8<-- [start:evaluate]
@torch.no_grad()
def one_blank_at_a_time(run: MaskedRun, line: str, model=None):
    """Hide each character of `line` in turn, in a window as wide as the training ones around
    it, and return the true ids (characters,) and the scores of `model` (by default the run's
    trained one) for each (characters, vocab)."""
    ids, _ = encode([line], run.chars)  # (1, characters)
    ids, n, width = ids[0], len(line), run.width
    starts = [min(max(i - width // 2, 0), max(n - width, 0)) for i in range(n)]
    rows = torch.stack([ids[s : s + width] for s in starts])  # (characters, width)
    at = torch.tensor([i - s for i, s in enumerate(starts)])  # where each blank stands
    rows[torch.arange(n), at] = run.chars.index(MASK)
    logits = (model or run.model)(rows)  # (characters, width, vocab)
    return ids, logits[torch.arange(n), at]  # (characters,), (characters, vocab)


def accuracy(run: MaskedRun, lines: list[str], model=None) -> tuple[int, int]:
    """How many characters of `lines` the model (by default the run's trained one) restores
    when each is hidden alone, of how many."""
    correct = total = 0
    for line in lines:
        truth, scores = one_blank_at_a_time(run, line, model=model)
        correct += int((scores.argmax(dim=-1) == truth).sum())
        total += len(line)
    return correct, total


def most_frequent_baseline(train_lines: list[str], lines: list[str]) -> tuple[str, int, int]:
    """The training lines' most frequent character, and how many characters of `lines` a model
    that always answers it gets right, of how many."""
    text = "".join(train_lines)
    guess = max(sorted(set(text)), key=text.count)  # ties: the first in sorted order
    held = "".join(lines)
    return guess, held.count(guess), len(held)
# --8<-- [end:evaluate]


# --8<-- [start:fill_in]
@torch.no_grad()
def fill_in(run: MaskedRun, text: str, k: int = 3) -> list[tuple[str, float]]:
    """The k most probable characters for the one MASK in `text`, with their probabilities."""
    require_blank(text, run.chars, k)
    truth, scores = one_blank_at_a_time(run, text)  # every character hidden in turn
    probs = torch.softmax(scores[text.index(MASK)], dim=-1)  # (vocab,): the blank's row
    top = probs.topk(k)
    return [(run.chars[int(i)], float(p)) for p, i in zip(top.values, top.indices)]
# --8<-- [end:fill_in]


# --8<-- [start:attention_maps]
@torch.no_grad()
def attention_maps(model: MaskedCharModel, text: str, chars: list[str]) -> torch.Tensor:
    """The first encoder block's attention weights on `text`, one (tokens, tokens) map per head."""
    ids, _ = encode([text], chars)  # (1, tokens)
    encoder, mha = model.encoder, model.encoder.blocks[0].attention
    x = encoder.embedding(ids) + encoder.positions[: ids.shape[1]]  # (1, tokens, d_model)
    queries = mha.split_heads(mha.W_query(x))  # (1, heads, tokens, head_dim)
    keys = mha.split_heads(mha.W_key(x))  # (1, heads, tokens, head_dim)
    scores = queries @ keys.transpose(2, 3) / mha.head_dim**0.5  # (1, heads, tokens, tokens)
    return torch.softmax(scores, dim=-1)[0]  # (heads, tokens, tokens)
# --8<-- [end:attention_maps]
