"""A tiny attention-only character model, trained with and without the causal mask."""

# --8<-- [start:imports]
from dataclasses import dataclass, field

import torch
from torch import nn
from torch.nn import functional as F

from attention_steps.causal import causal_mask
from attention_steps.checks import require_args, require_one_of, require_positive_int
from attention_steps.checks import require_prompt, require_shift, require_token_ids
from attention_steps.checks import require_training_text
from attention_steps.multihead import MultiHeadAttention
# --8<-- [end:imports]

# --8<-- [start:MASKS]
MASKS = ("causal", "none", "lower")
# --8<-- [end:MASKS]


# --8<-- [start:hidden_keys]
def hidden_keys(kind: str, num_tokens: int) -> torch.Tensor | None:
    """The (tokens, tokens) bool mask, True where a query may not see a key: the future
    ("causal"), nothing ("none") or the past ("lower", the lower-left half)."""
    require_one_of(kind, MASKS, "mask")
    if kind == "none":
        return None
    future = causal_mask(num_tokens)  # (tokens, tokens), True above the diagonal
    return future if kind == "causal" else future.T  # .T: True below the diagonal
# --8<-- [end:hidden_keys]


# --8<-- [start:CharModel]
class CharModel(nn.Module):
    """Character embeddings plus learned positions, one multi-head attention layer, logits."""

    def __init__(self, vocab_size, d_model, num_heads, context_length):
        super().__init__()
        require_args(vocab_size=vocab_size, context_length=context_length)
        self.vocab_size, self.context_length = vocab_size, context_length
        self.embedding = nn.Embedding(vocab_size, d_model)
        self.positions = nn.Embedding(context_length, d_model)  # learned, one per position
        self.attention = MultiHeadAttention(d_model, d_model, num_heads)
        self.to_logits = nn.Linear(d_model, vocab_size)

    def forward(self, ids: torch.Tensor, attn_mask: torch.Tensor | None = None) -> torch.Tensor:
        require_token_ids(ids, self.vocab_size, self.context_length, name="ids")
        x = self.embedding(ids) + self.positions.weight[: ids.shape[1]]  # (batch, tokens, d)
        x = x + self.attention(x, attn_mask)  # (batch, tokens, d_model)
        return self.to_logits(x)  # (batch, tokens, vocab_size)
# --8<-- [end:CharModel]


# --8<-- [start:Run]
@dataclass
class Run:
    """What one training run measured: losses and gradient norms, first and last step."""

    model: CharModel
    chars: list[str]
    losses: list[float] = field(default_factory=list)
    grad_norms: list[float] = field(default_factory=list)


def char_ids(text: str) -> tuple[list[str], torch.Tensor]:
    """The sorted characters of `text` and the text as a tensor of their ids."""
    require_training_text(text)
    chars = sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    return chars, torch.tensor([index[c] for c in text])  # (len(text),)
# --8<-- [end:Run]


# --8<-- [start:windows]
def windows(ids: torch.Tensor, context_length: int, shift: int = 1):
    """Every (input, target) pair of windows: the target is the input moved by `shift`
    characters (+1: predict the next character; -1: predict the previous one)."""
    require_shift(shift)
    starts = range(1, len(ids) - context_length)  # room for a shift of one either way
    inputs = torch.stack([ids[s : s + context_length] for s in starts])  # (windows, ctx)
    targets = torch.stack([ids[s + shift : s + shift + context_length] for s in starts])
    return inputs, targets  # (windows, context_length) each
# --8<-- [end:windows]


# --8<-- [start:train]
def train(text, mask="causal", shift=1, steps=150, context_length=16, d_model=32, num_heads=2,
          lr=1e-2, seed=123) -> Run:
    """Train a CharModel on `text` with full-batch Adam; record the loss and gradient norm."""
    hidden = hidden_keys(mask, context_length)  # checked before anything is built
    require_positive_int(steps, "steps")
    chars, ids = char_ids(text)
    inputs, targets = windows(ids, context_length, shift)  # (windows, ctx) each
    torch.manual_seed(seed)
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)  # drawn in float64: float32 draws differ by CPU
    try:
        model = CharModel(len(chars), d_model, num_heads, context_length)  # float64 weights
    finally:
        torch.set_default_dtype(default)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    run = Run(model, chars)
    for _ in range(steps):
        logits = model(inputs, hidden)  # (windows, ctx, vocab)
        loss = F.cross_entropy(logits.flatten(0, 1), targets.flatten())
        optimizer.zero_grad()
        loss.backward()
        norm = torch.cat([p.grad.flatten() for p in model.parameters()]).norm()
        run.losses.append(loss.item())
        run.grad_norms.append(norm.item())
        optimizer.step()
    return run
# --8<-- [end:train]


# --8<-- [start:evaluate]
@torch.no_grad()
def causal_loss(run: Run, text: str, shift: int = 1, mask: str = "causal") -> float:
    """The loss on `text` when every position sees only what `mask` lets it see (by default
    only the characters before it, as when the model generates)."""
    _, ids = char_ids(text)
    inputs, targets = windows(ids, run.model.context_length, shift)
    logits = run.model(inputs, hidden_keys(mask, inputs.shape[1]))  # (windows, ctx, vocab)
    return F.cross_entropy(logits.flatten(0, 1), targets.flatten()).item()
# --8<-- [end:evaluate]


# --8<-- [start:generate]
@torch.no_grad()
def generate(run: Run, prompt: str, length: int, seed: int = 0) -> str:
    """Sample `length` characters after `prompt`, each from the model's last position.

    The model sees only what is written so far: there is no future to hide, so no mask."""
    require_prompt(prompt, run.chars, length)
    index = {c: i for i, c in enumerate(run.chars)}
    generator = torch.Generator().manual_seed(seed)
    ids = [index[c] for c in prompt]
    for _ in range(length):
        window = torch.tensor([ids[-run.model.context_length :]])  # (1, tokens)
        logits = run.model(window)[0, -1]  # (vocab,): the next character's scores
        ids.append(int(torch.multinomial(torch.softmax(logits, -1), 1, generator=generator)))
    return "".join(run.chars[i] for i in ids)
# --8<-- [end:generate]
