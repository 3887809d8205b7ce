"""Input checks shared by the package: clear errors that name the argument, before torch runs."""

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


def require_float_tensor(x, name: str, ranks: tuple[int, ...]) -> None:
    """Raise TypeError/ValueError unless `x` is a floating torch tensor of one of `ranks`."""
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if not x.is_floating_point():
        raise TypeError(f"{name} must have a floating dtype, got {x.dtype}")
    if x.dim() not in ranks:
        wanted = " or ".join(str(r) for r in ranks)
        raise ValueError(f"{name} must have {wanted} dimensions, got shape {tuple(x.shape)}")
    if x.shape[-1] == 0 or (x.dim() >= 2 and x.shape[-2] == 0):
        raise ValueError(f"{name} must not be empty, got shape {tuple(x.shape)}")


def require_float_matrix(x, name: str) -> np.ndarray:
    """Return `x` as a float64 NumPy matrix, or raise a ValueError naming `name`."""
    arr = np.asarray(x)
    if arr.dtype.kind not in "fiu" or arr.dtype == np.bool_:
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if arr.ndim != 2 or 0 in arr.shape:
        raise ValueError(f"{name} must be a non-empty (tokens, d_in) matrix, got shape {arr.shape}")
    return arr.astype(np.float64)


def require_positive_int(value, name: str) -> None:
    """Raise unless `value` is a positive int (bools are refused)."""
    require_int_in(value, name, low=1)


def require_int_in(value, name: str, low: int, high: int | None = None) -> None:
    """Raise unless `value` is an int (not a bool) with low <= value (< high, when given)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < low:
        raise ValueError(f"{name} must be {'positive' if low == 1 else f'>= {low}'}, got {value}")
    if high is not None and value >= high:
        raise ValueError(f"{name} must be in [{low}, {high}), got {value}")


def require_dropout(p) -> None:
    """Raise unless `p` is a probability in [0, 1)."""
    if isinstance(p, bool) or not isinstance(p, (int, float)):
        raise TypeError(f"dropout must be a float in [0, 1), got {type(p).__name__} {p!r}")
    if not 0.0 <= p < 1.0:
        raise ValueError(f"dropout must be in [0, 1), got {p}")


def require_inputs(x, d_in: int, ranks: tuple[int, ...], name: str = "x",
                   context_length: int | None = None, key_padding_mask=None) -> None:
    """Raise unless `x` is a float tensor of one of `ranks`, d_in wide, of at most context_length
    tokens, with a key_padding_mask (if any) of its (batch, tokens) shape."""
    require_float_tensor(x, name, ranks)
    if x.shape[-1] != d_in:
        raise ValueError(
            f"{name} must have d_in={d_in} features in its last dimension, "
            f"got shape {tuple(x.shape)}"
        )
    if context_length is not None and x.shape[-2] > context_length:
        raise ValueError(
            f"{name} has {x.shape[-2]} tokens, more than context_length={context_length}"
        )
    require_padding(key_padding_mask, tuple(x.shape[:2]))


def require_padding(mask, shape: tuple[int, ...], name: str = "key_padding_mask") -> None:
    """Raise unless `mask` is None (no padding) or a bool tensor of `shape`, (batch, tokens) (a
    None there: any size), True where a key is padding as in torch.nn.MultiheadAttention, that
    leaves every batch row at least one real key."""
    if mask is None:
        return
    if not isinstance(mask, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(mask).__name__}")
    if mask.dtype != torch.bool:
        raise TypeError(f"{name} must be a bool tensor (True = padding), got {mask.dtype}")
    wanted = tuple(mask.shape[0] if n is None and mask.dim() else n for n in shape)
    if tuple(mask.shape) != wanted:
        expected = ", ".join("batch" if n is None else str(n) for n in shape)
        raise ValueError(f"{name} must have shape (batch, tokens) = ({expected}), "
                         f"got {tuple(mask.shape)}")
    padded_rows = mask.all(dim=-1).nonzero().flatten().tolist()
    if padded_rows:
        raise ValueError(f"{name} hides every key of batch row {padded_rows[0]}: each sequence "
                         f"needs at least one real (not padded) token")


def require_token_ids(ids, vocab_size: int, context_length: int, name: str = "token_ids",
                      key_padding_mask=None) -> None:
    """Raise unless `ids` is a (batch, tokens) integer tensor of known ids that fits the context,
    with a key_padding_mask (if any) of the same shape."""
    if not isinstance(ids, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(ids).__name__}")
    if ids.dtype == torch.bool or ids.is_floating_point() or ids.is_complex():
        raise TypeError(f"{name} must have an integer dtype (token ids), got {ids.dtype}")
    if ids.dim() != 2:
        raise ValueError(f"{name} must have 2 dimensions (batch, tokens), got shape {tuple(ids.shape)}")
    if 0 in ids.shape:
        raise ValueError(f"{name} must not be empty, got shape {tuple(ids.shape)}")
    if ids.shape[1] > context_length:
        raise ValueError(
            f"{name} has {ids.shape[1]} tokens, more than context_length={context_length}"
        )
    low, high = int(ids.min()), int(ids.max())
    if low < 0 or high >= vocab_size:
        bad = low if low < 0 else high
        raise ValueError(f"{name} holds id {bad}, outside the vocabulary (0..{vocab_size - 1})")
    require_padding(key_padding_mask, tuple(ids.shape))


def require_mask(mask, num_tokens: int, causal: bool = False, name: str = "attn_mask",
                 key_padding_mask=None) -> None:
    """Raise unless `mask` is None (no mask) or a bool (tokens, tokens) tensor that leaves every
    query a key to see.

    With causal=True, the keys after each query count as hidden too; with a key_padding_mask
    (batch, tokens), the padded keys of each batch row as well.
    """
    if key_padding_mask is not None:
        require_padding(key_padding_mask, (None, num_tokens))  # any batch size
    if mask is None and not causal:
        return
    if mask is None:
        mask = torch.zeros(num_tokens, num_tokens, dtype=torch.bool)
        name = ""
    elif not isinstance(mask, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(mask).__name__}")
    if mask.dtype != torch.bool:
        raise TypeError(f"{name} must be a bool tensor (True = hidden), got {mask.dtype}")
    if tuple(mask.shape) != (num_tokens, num_tokens):
        raise ValueError(
            f"{name} must have shape (tokens, tokens) = ({num_tokens}, {num_tokens}), "
            f"got {tuple(mask.shape)}"
        )
    if causal:
        mask = mask | torch.ones(num_tokens, num_tokens, dtype=torch.bool).triu(1)
        name = f"{name} with the causal mask" if name else "the causal mask"
    hidden_rows = mask.all(dim=-1).nonzero().flatten().tolist()
    if hidden_rows:
        raise ValueError(f"{name} hides every key from the queries at rows {hidden_rows}")
    require_keys_left(key_padding_mask, mask, name)


def require_keys_left(key_padding_mask, hidden, hidden_name: str) -> None:
    """Raise unless every query of every batch row still sees a key once the padded keys of
    key_padding_mask (batch, tokens) join the (tokens, tokens) `hidden` keys."""
    if key_padding_mask is None:
        return
    blind = (key_padding_mask[:, None, :] | hidden).all(dim=-1)  # (batch, queries): sees no key
    if blind.any():
        row = int(blind.any(dim=-1).nonzero()[0])
        queries = blind[row].nonzero().flatten().tolist()
        raise ValueError(f"key_padding_mask with {hidden_name} hides every key from the queries "
                         f"at rows {queries} of batch row {row}")


def require_vector(v, name: str) -> None:
    """Raise unless `v` is a non-empty one-dimensional real (not bool) tensor."""
    if not isinstance(v, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(v).__name__}")
    if v.dtype == torch.bool or v.is_complex():
        raise TypeError(f"{name} must hold real numbers, got {v.dtype}")
    if v.dim() != 1 or v.numel() == 0:
        raise ValueError(f"{name} must be a non-empty vector (1 dimension), got shape {tuple(v.shape)}")


# One call per function or method of the package: each check below names what it checks, so the
# code the pages show keeps one line for its input checks and the rest for the algorithm.


def require_args(**args) -> None:
    """Raise unless each argument suits its name: dropout in [0, 1), eps > 0, any other a positive int."""
    for name, value in args.items():
        if name == "dropout":
            require_dropout(value)
        elif name == "eps":
            require_eps(value)
        else:
            require_positive_int(value, name)


def require_eps(eps) -> None:
    """Raise unless `eps` is a positive number (bools are refused)."""
    if isinstance(eps, bool) or not isinstance(eps, (int, float)) or not eps > 0:
        raise ValueError(f"eps must be a positive number, got {eps!r}")


def require_instance(value, kind: type, name: str) -> None:
    """Raise a TypeError unless `value` is a `kind`."""
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {kind.__name__}, got {type(value).__name__}")


def require_one_of(value, options: tuple, name: str) -> None:
    """Raise unless `value` is one of `options`."""
    if value not in options:
        raise ValueError(f"{name} must be one of {options}, got {value!r}")


def require_vectors(**vectors) -> None:
    """Raise unless every argument is a non-empty one-dimensional real tensor (see require_vector)."""
    for name, v in vectors.items():
        require_vector(v, name)


def require_even_d_model(d_model) -> None:
    """Raise unless `d_model` is a positive even int: sine and cosine columns come in pairs."""
    require_positive_int(d_model, "d_model")
    if d_model % 2:
        raise ValueError(
            f"d_model must be even (sine and cosine come in pairs), got d_model={d_model}"
        )


def require_words(words: list[str]) -> None:
    """Raise unless there is at least one word to build a vocabulary from."""
    if not words:
        raise ValueError("text must contain at least one word to build a vocabulary")


def require_known_ids(ids, vocab_size: int) -> None:
    """Raise unless every id is in 0..vocab_size-1."""
    for i in ids:
        if not 0 <= int(i) < vocab_size:
            raise ValueError(f"token id {int(i)} is outside the vocabulary (0..{vocab_size - 1})")


def require_queries_and_keys(queries, keys) -> None:
    """Raise unless queries (1-3 dims) and keys (2-3 dims) are float tensors of the same width."""
    require_float_tensor(queries, "queries", ranks=(1, 2, 3))
    require_float_tensor(keys, "keys", ranks=(2, 3))
    if queries.shape[-1] != keys.shape[-1]:
        raise ValueError(
            f"queries and keys must have the same last dimension, "
            f"got {queries.shape[-1]} and {keys.shape[-1]}"
        )


def require_weights_and_values(weights, values) -> None:
    """Raise unless weights (1-3 dims) has one column per row of values (2-3 dims)."""
    require_float_tensor(weights, "weights", ranks=(1, 2, 3))
    require_float_tensor(values, "values", ranks=(2, 3))
    if weights.shape[-1] != values.shape[-2]:
        raise ValueError(
            f"weights must have one column per value row, "
            f"got {weights.shape[-1]} columns and {values.shape[-2]} value rows"
        )


def require_embeddings_and_index(embeddings, query_index) -> None:
    """Raise unless `embeddings` is a non-empty (tokens, d_in) matrix of numbers with a row query_index."""
    x = require_float_matrix(embeddings, "embeddings")
    require_int_in(query_index, "query_index", low=0, high=x.shape[0])


def require_example_and_decimals(example, decimals) -> None:
    """Raise unless `example` is a WorkedExample and `decimals` an int >= 0."""
    from attention_steps.by_hand import WorkedExample  # here: by_hand imports this module

    require_instance(example, WorkedExample, "example")
    require_int_in(decimals, "decimals", low=0)


def require_multihead_args(d_in, d_out, num_heads, dropout) -> None:
    """Raise unless the sizes are positive ints, num_heads divides d_out, and dropout is in [0, 1)."""
    require_args(d_in=d_in, d_out=d_out, num_heads=num_heads)
    if d_out % num_heads:
        raise ValueError(
            f"d_out={d_out} is not divisible by num_heads={num_heads}: each head gets "
            f"d_out // num_heads dimensions, so choose d_out as a multiple of num_heads"
        )
    require_dropout(dropout)


def _require_multihead(mha) -> None:
    from attention_steps.multihead import MultiHeadAttention  # here: multihead imports this module

    require_instance(mha, MultiHeadAttention, "mha")


def require_multihead_inputs(mha, x, key_padding_mask=None) -> None:
    """Raise unless `mha` is a MultiHeadAttention and `x` a (batch, tokens, d_in) float tensor for
    it, with a key_padding_mask (if any) of x's (batch, tokens) shape."""
    _require_multihead(mha)
    require_inputs(x, mha.d_in, ranks=(3,), key_padding_mask=key_padding_mask)


def require_same_width(mha) -> None:
    """Raise unless `mha` is a MultiHeadAttention with d_in == d_out, as torch's layer needs."""
    _require_multihead(mha)
    if mha.d_in != mha.d_out:
        raise ValueError(
            f"torch.nn.MultiheadAttention maps a width to itself: needs d_in == d_out, "
            f"got d_in={mha.d_in}, d_out={mha.d_out}"
        )


def require_causal(mha, context_length) -> None:
    """Raise unless context_length is a positive int and `mha` is causal, like the wrapper's heads."""
    require_positive_int(context_length, "context_length")
    if not mha.causal:
        raise ValueError("mha must be causal (causal=True): the wrapper's heads always hide the future")


def require_inputs_and_memory(x, memory, d_in: int) -> None:
    """Raise unless x and memory are (batch, tokens, d_in) float tensors with the same batch size."""
    require_inputs(x, d_in, ranks=(3,))  # x: (batch, tokens, d_in)
    require_inputs(memory, d_in, ranks=(3,), name="memory")  # (batch, sources, d_in)
    if memory.shape[0] != x.shape[0]:
        raise ValueError(f"memory must have the batch size of x ({x.shape[0]}), "
                         f"got shape {tuple(memory.shape)}")


def require_loadable(layer, kind=nn.TransformerEncoderLayer, post_norm: bool = False) -> None:
    """Raise unless our block can hold the weights of `layer`, a torch `kind` (post-norm if asked)."""
    if not isinstance(layer, kind):
        raise TypeError(f"layer must be a torch.nn.{kind.__name__}, got {type(layer).__name__}")
    if not (layer.activation is F.relu or isinstance(layer.activation, nn.ReLU)):
        raise ValueError(f"layer must use activation='relu' like FeedForward, got {layer.activation}")
    attn = layer.self_attn
    if attn.in_proj_weight is None or attn.in_proj_bias is None or layer.linear1.bias is None:
        raise ValueError("layer must have biases and one in_proj_weight (kdim == vdim == d_model)")
    if layer.norm1.weight is None or layer.norm2.weight is None:
        raise ValueError("layer's LayerNorms must have a learned scale and shift (elementwise_affine)")
    if post_norm and layer.norm_first:
        raise ValueError("layer must be post-norm (norm_first=False) like DecoderBlock, got norm_first=True")


def require_training_text(text) -> None:
    """Raise unless `text` is a str of at least 2 characters (one input and one target)."""
    if not isinstance(text, str) or len(text) < 2:
        raise ValueError(f"text must be a str of at least 2 characters, got {text!r:.40}")


def require_shift(shift) -> None:
    """Raise unless `shift` is 1 (predict the next character) or -1 (the previous one)."""
    require_int_in(shift, "shift", low=-1, high=2)
    if shift == 0:
        raise ValueError("shift must be 1 (next character) or -1 (previous character), got 0")


def require_prompt(prompt: str, chars: list[str], length) -> None:
    """Raise unless `length` is a positive int and `prompt` a non-empty str of known characters."""
    require_positive_int(length, "length")
    unknown = sorted(set(prompt) - set(chars))
    if not prompt or unknown:
        raise ValueError(f"prompt must be non-empty and use the training characters, got {unknown}")


def require_lines(lines: list[str], held_out) -> None:
    """Raise unless `held_out` is the index of one of at least two non-empty lines."""
    if len(lines) < 2 or not all(lines):
        raise ValueError(f"text must have at least 2 lines, none empty, got {len(lines)} lines")
    require_int_in(held_out, "held_out", low=0, high=len(lines))


def require_blank(text, chars: list[str], k) -> None:
    """Raise unless `text` is a str with exactly one MASK ("_") and k in 1..len(chars)."""
    require_instance(text, str, "text")
    if text.count("_") != 1:
        raise ValueError(f"text must hold exactly one blank '_', got {text.count('_')} in {text!r}")
    require_int_in(k, "k", low=1, high=len(chars) + 1)
