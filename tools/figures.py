"""The site's figures, drawn from the package at build time as SVG; never committed.

    python -m tools.figures [DIR]   # draw every figure into DIR (default: build/figures)

Each figure is computed by the package (the same functions and seeds as the chapter's examples)
and drawn with matplotlib. A figure holds no words but the tokens that label its axes, numbers
and the chapter's own notation: titles, captions and alt text are written in each page's
markdown, in its language. tools/figure_hooks.py adds them to the built site under
assets/figures/, where every language's pages reference them. The one exception, the overview's
map of the transformer, needs words in its boxes: it is drawn once per language from LABELS
(LANGUAGE_FIGURES), and each page is pointed at its own language's drawing.
"""

from __future__ import annotations

import hashlib
import io
import sys
from importlib import metadata
from pathlib import Path

import torch

from attention_steps import (
    JOURNEY_TOKENS,
    MultiHeadAttention,
    SelfAttention,
    SelfAttentionParams,
    attention_scores,
    attention_weights,
    causal_mask,
    journey_embeddings,
    sinusoidal_positional_encoding,
)

ROOT = Path(__file__).resolve().parent.parent
SITE_FOLDER = "assets/figures"  # where the built site keeps them, shared by every language
SALT = "attention-steps"  # matplotlib's SVG ids: the same file on every build

# The positional-encoding table of the embeddings chapter's similarity example.
NUM_POSITIONS, D_MODEL = 50, 64
CURVE_COLUMNS = (4, 5, 16, 17)  # sine and cosine of the pairs i = 2 and i = 8


# --- The numbers, from the package -----------------------------------------------------------


def plain_weights() -> torch.Tensor:
    """The (6, 6) weights of the self-attention chapter: softmax of each row of X X^T."""
    inputs = journey_embeddings()  # (6, 3)
    return attention_weights(attention_scores(inputs, inputs))  # (6, 6)


def trainable_layer() -> SelfAttentionParams:
    """The trainable-attention chapter's layer: SelfAttentionParams(3, 2) under seed 123."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(123)
        return SelfAttentionParams(d_in=3, d_out=2)


def trainable_weights() -> torch.Tensor:
    """The (6, 6) scaled weights of trainable_layer() on the six tokens."""
    sa, inputs = trainable_layer(), journey_embeddings()
    with torch.no_grad():
        queries, keys = inputs @ sa.W_query, inputs @ sa.W_key  # (6, 2) each
        return torch.softmax(queries @ keys.T / keys.shape[-1] ** 0.5, dim=-1)  # (6, 6)


def causal_layer() -> SelfAttention:
    """The causal chapter's layer: SelfAttention(3, 2) under seed 789."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(789)
        return SelfAttention(d_in=3, d_out=2)


def causal_weights() -> torch.Tensor:
    """The (6, 6) weights of causal_layer() with the future masked to -inf before the softmax."""
    sa, inputs = causal_layer(), journey_embeddings()
    with torch.no_grad():
        queries, keys = sa.W_query(inputs), sa.W_key(inputs)  # (6, 2) each
        scores = (queries @ keys.T).masked_fill(causal_mask(6), -torch.inf)  # (6, 6)
        return torch.softmax(scores / keys.shape[-1] ** 0.5, dim=-1)  # (6, 6)


def multihead_layer() -> MultiHeadAttention:
    """The multi-head chapter's shapes example: d_out=4, two causal heads, seed 123."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(123)
        return MultiHeadAttention(d_in=3, d_out=4, num_heads=2, causal=True)


def head_weights() -> torch.Tensor:
    """The (heads, 6, 6) attention weights of each head of multihead_layer() on the six tokens."""
    mha, x = multihead_layer(), journey_embeddings()[None]  # (1, 6, 3)
    with torch.no_grad():
        queries = mha.split_heads(mha.W_query(x))  # (1, heads, 6, head_dim)
        keys = mha.split_heads(mha.W_key(x))  # (1, heads, 6, head_dim)
        scores = queries @ keys.transpose(2, 3)  # (1, heads, 6, 6)
        scores = scores.masked_fill(mha.hidden_keys(x.shape[1]), -torch.inf)
        return torch.softmax(scores / mha.head_dim**0.5, dim=-1)[0]  # (heads, 6, 6)


def positional_table() -> torch.Tensor:
    """The (50, 64) sinusoidal table of the embeddings chapter's similarity example."""
    return sinusoidal_positional_encoding(num_positions=NUM_POSITIONS, d_model=D_MODEL)


# --- Drawing ---------------------------------------------------------------------------------


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(
        {
            "svg.hashsalt": SALT,
            "svg.fonttype": "none",  # text stays text: tokens and numbers only
            "font.size": 9,
            "axes.titlesize": 10,
        }
    )
    return Figure(figsize=(width, height), layout="constrained")


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _token_axes(ax, tokens=JOURNEY_TOKENS) -> None:
    """Keys along the top, queries down the side, one labelled cell per token."""
    ax.set_xticks(range(len(tokens)), tokens, rotation=45, ha="left", rotation_mode="anchor")
    ax.set_yticks(range(len(tokens)), tokens)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.set_xlim(-0.5, len(tokens) - 0.5)
    ax.set_ylim(len(tokens) - 0.5, -0.5)  # the first token on top, as the matrix prints
    for spine in ax.spines.values():
        spine.set_visible(False)


def _heatmap(ax, weights: torch.Tensor, hidden: torch.Tensor | None = None, vmax: float | None = None,
             tokens=JOURNEY_TOKENS):
    """Weights as coloured cells (pcolormesh: crisp vectors); hidden cells in light grey."""
    import numpy as np
    from matplotlib import colormaps

    values = np.ma.masked_array(weights.numpy(), mask=None if hidden is None else hidden.numpy())
    cmap = colormaps["viridis"].with_extremes(bad="#e0e0e0")
    n = values.shape[0]
    edges = np.arange(n + 1) - 0.5
    mesh = ax.pcolormesh(edges, edges, values, cmap=cmap, vmin=0.0, vmax=vmax, edgecolors="white",
                         linewidth=0.5)
    _token_axes(ax, tokens)
    return mesh


def draw_weights(weights: torch.Tensor, hidden: torch.Tensor | None = None) -> str:
    """A 6x6 weight matrix as a heatmap with a colour bar."""
    fig = _figure(4.4, 3.8)
    ax = fig.subplots()
    mesh = _heatmap(ax, weights, hidden, vmax=float(weights.max()))
    fig.colorbar(mesh, ax=ax, shrink=0.8)
    return _svg(fig)


def draw_mask(mask: torch.Tensor) -> str:
    """The causal mask: dark cells are hidden (True), light cells visible."""
    import numpy as np
    from matplotlib.colors import ListedColormap

    fig = _figure(3.6, 3.4)
    ax = fig.subplots()
    n = mask.shape[0]
    edges = np.arange(n + 1) - 0.5
    ax.pcolormesh(edges, edges, mask.int().numpy(), cmap=ListedColormap(["#fff8e1", "#37474f"]),
                  vmin=0, vmax=1, edgecolors="#9e9e9e", linewidth=0.5)
    _token_axes(ax)
    return _svg(fig)


def draw_heads(weights: torch.Tensor, hidden: torch.Tensor) -> str:
    """One heatmap per head, side by side, sharing one colour bar; titled with h, as in the formula."""
    fig = _figure(7.6, 3.6)
    axes = fig.subplots(1, weights.shape[0])
    vmax = float(weights.max())
    for h, ax in enumerate(axes, start=1):
        mesh = _heatmap(ax, weights[h - 1], hidden, vmax=vmax)
        ax.set_title(f"$h = {h}$", y=-0.12)
    fig.colorbar(mesh, ax=list(axes), shrink=0.8)
    return _svg(fig)


def draw_positional_table(table: torch.Tensor) -> str:
    """The sinusoidal table: positions down, dimensions across, -1 to 1 in a diverging map."""
    fig = _figure(6.4, 4.2)
    ax = fig.subplots()
    rows, cols = table.shape
    # One pixel per entry, drawn unsmoothed ("none" keeps the SVG small and the cells sharp).
    image = ax.imshow(table.numpy(), cmap="RdBu_r", vmin=-1.0, vmax=1.0, interpolation="none",
                      aspect="auto")
    ax.set_xticks(range(0, cols, 8))
    ax.set_yticks(range(0, rows, 10))
    fig.colorbar(image, ax=ax, shrink=0.8)
    return _svg(fig)


def draw_positional_curves(table: torch.Tensor, columns=CURVE_COLUMNS) -> str:
    """Columns of the table against the position: each pair in one colour, sine solid, cosine dashed."""
    fig = _figure(6.4, 3.0)
    ax = fig.subplots()
    positions = range(table.shape[0])
    colors = ("#3f51b5", "#e65100", "#2e7d32", "#6a1b9a")
    for n, column in enumerate(columns):
        ax.plot(positions, table[:, column].numpy(), "-" if column % 2 == 0 else "--", marker="o",
                markersize=2, linewidth=1.2, color=colors[(n // 2) % len(colors)],
                label=rf"$PE_{{(pos,\,{column})}}$")
    ax.set_xlim(0, table.shape[0] - 1)
    ax.set_ylim(-1.1, 1.1)
    ax.axhline(0.0, color="#9e9e9e", linewidth=0.6)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


# --- The training chapter: an encoder that learns to restore hidden characters -----------------

SENTENCE = "el barco vuelve"  # the sentence whose attention maps are drawn before and after training


def masked_run():
    """The training chapter's run: train_masked on the package's corpus (cached in-process)."""
    from attention_steps.corpus import TINY_TEXT
    from attention_steps.mlm import train_masked

    return train_masked(TINY_TEXT)


def training_maps() -> torch.Tensor:
    """(2, heads, tokens, tokens): the first block's attention on SENTENCE, before and after training."""
    from attention_steps.mlm import attention_maps

    run = masked_run()
    return torch.stack([attention_maps(m, SENTENCE, run.chars) for m in (run.untrained, run.model)])


def sentence_tokens() -> tuple[str, ...]:
    """SENTENCE's characters as axis labels, a space shown as an open box."""
    return tuple("\u2423" if c == " " else c for c in SENTENCE)


def draw_loss(losses: list[float]) -> str:
    """The training loss at every step: numbers on the axes, no words (the caption names them)."""
    fig = _figure(6.4, 3.0)
    ax = fig.subplots()
    ax.plot(range(1, len(losses) + 1), losses, color="#3f51b5", linewidth=1.2)
    ax.set_xlim(1, len(losses))
    ax.set_ylim(0.0, max(losses) * 1.05)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def draw_training_maps(maps: torch.Tensor) -> str:
    """Top row before training, bottom row after: one map per head, one shared colour bar."""
    rows, heads = maps.shape[:2]
    fig = _figure(2.0 * heads + 1.0, 2.2 * rows)
    axes = fig.subplots(rows, heads)
    vmax = float(maps.max())
    for r in range(rows):
        for h in range(heads):
            ax = axes[r][h]
            # One pixel per weight, drawn unsmoothed: a small SVG for 8 maps of 15 x 15.
            image = ax.imshow(maps[r, h].numpy(), cmap="viridis", vmin=0.0, vmax=vmax,
                              interpolation="none")
            _token_axes(ax, sentence_tokens())
            ax.tick_params(labelsize=6)
            if r == rows - 1:
                ax.set_title(f"$h = {h + 1}$", y=-0.2)
    fig.colorbar(image, ax=[a for row in axes for a in row], shrink=0.6)
    return _svg(fig)


# --- The overview: the transformer at a glance, its words in each page's language ---------------

# Every word of the diagram, per language. The chapter numbers are the site's reading order.
LABELS = {
    "es": {"encoder": "Codificador", "decoder": "Decodificador", "inputs": "Incrustaciones + posiciones",
           "outputs": "Salidas (desplazadas)", "self": "Autoatención", "masked": "Autoatención enmascarada",
           "cross": "Atención cruzada", "ffn": "Red prealimentada", "norm": "Suma y normalización",
           "bert": "BERT: solo codificador", "gpt": "GPT: solo decodificador",
           "t5": "T5: codificador y decodificador", "here": "Este sitio: capítulos 1 a 7"},
    "ja": {"encoder": "エンコーダ", "decoder": "デコーダ", "inputs": "埋め込み + 位置",
           "outputs": "出力（1 つずらす）", "self": "自己注意", "masked": "マスク付き自己注意",
           "cross": "クロスアテンション", "ffn": "フィードフォワード", "norm": "Add & Norm",
           "bert": "BERT：エンコーダのみ", "gpt": "GPT：デコーダのみ",
           "t5": "T5：エンコーダとデコーダ", "here": "このサイト：第 1〜7 章"},
    "af": {"encoder": "Enkodeerder", "decoder": "Dekodeerder", "inputs": "Inbeddings + posisies",
           "outputs": "Uitvoer (een posisie verskuif)", "self": "Selfaandag", "masked": "Gemaskeerde selfaandag",
           "cross": "Kruisaandag", "ffn": "Voorwaartse netwerk", "norm": "Optel en normaliseer",
           "bert": "BERT: net enkodeerder", "gpt": "GPT: net dekodeerder",
           "t5": "T5: enkodeerder en dekodeerder", "here": "Hierdie webwerf: hoofstukke 1 tot 7"},
    "ko": {"encoder": "인코더", "decoder": "디코더", "inputs": "임베딩 + 위치",
           "outputs": "출력(한 칸 밀림)", "self": "셀프 어텐션", "masked": "마스크드 셀프 어텐션",
           "cross": "크로스 어텐션", "ffn": "피드포워드", "norm": "덧셈·정규화",
           "bert": "BERT: 인코더만", "gpt": "GPT: 디코더만",
           "t5": "T5: 인코더와 디코더", "here": "이 사이트: 1장부터 7장까지"},
}
# Where each chapter sits in the diagram: (chapter number, the box it marks).
CHAPTER_MARKS = (("1", "inputs"), ("2", "self"), ("3", "self"), ("4", "masked"), ("5", "self"),
                 ("6", "norm"), ("7", "encoder"))


def draw_transformer(words: dict[str, str]) -> str:
    """The transformer at a glance: the encoder stack (left), the decoder stack (right), where
    BERT, GPT and T5 sit, and circled chapter numbers on the boxes each chapter explains."""
    import warnings

    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    fig = _figure(7.6, 6.0)
    ax = fig.subplots()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.axis("off")
    boxes = {}

    def box(key, x, y, w, h, color, text=None, size=8, bold=False):
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.05", facecolor=color,
                                    edgecolor="#455a64", linewidth=0.8))
        ax.text(x + w / 2, y + h / 2, words[key] if text is None else text, ha="center",
                va="center", fontsize=size, fontweight="bold" if bold else "normal")
        boxes.setdefault(key, (x, y, w, h))

    def arrow(x0, y0, x1, y1):
        ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=8,
                                     color="#455a64", linewidth=0.8))

    # The two stacks, each N identical blocks: the frame, then the layers bottom to top.
    for key, x in (("encoder", 0.6), ("decoder", 5.4)):
        ax.add_patch(FancyBboxPatch((x, 2.0), 4.0, 5.6, boxstyle="round,pad=0.1",
                                    facecolor="#eceff1", edgecolor="#455a64", linewidth=1.0))
        ax.text(x + 2.0, 7.35, f"{words[key]}  \u00d7 N", ha="center", va="center", fontsize=10,
                fontweight="bold")
        boxes[key] = (x, 2.0, 4.0, 5.6)
    box("self", 0.9, 2.4, 3.4, 0.7, "#bbdefb")
    box("norm", 0.9, 3.4, 3.4, 0.5, "#fff9c4")
    box("ffn", 0.9, 4.2, 3.4, 0.7, "#c8e6c9")
    box("norm", 0.9, 5.2, 3.4, 0.5, "#fff9c4")
    box("masked", 5.7, 2.4, 3.4, 0.7, "#ffccbc")
    box("cross", 5.7, 3.5, 3.4, 0.7, "#bbdefb")
    box("ffn", 5.7, 4.6, 3.4, 0.7, "#c8e6c9")
    box("norm", 5.7, 5.7, 3.4, 0.5, "#fff9c4")
    box("inputs", 0.6, 0.6, 4.0, 0.7, "#e1bee7")
    box("outputs", 5.4, 0.6, 4.0, 0.7, "#e1bee7")
    for x in (2.6, 7.4):
        arrow(x, 1.35, x, 2.3)
    arrow(4.7, 6.4, 5.6, 3.85)  # the encoder's output feeds every decoder block's cross-attention
    # Where the famous models sit.
    box("bert", 0.6, 8.0, 4.0, 0.6, "#ffffff", size=8)
    box("gpt", 5.4, 8.0, 4.0, 0.6, "#ffffff", size=8)
    box("t5", 2.6, 9.0, 4.8, 0.6, "#ffffff", size=8)
    # The chapters of this site, as numbered circles on the boxes they explain.
    placed: dict[str, int] = {}
    for number, key in CHAPTER_MARKS:
        x, y, w, h = boxes[key]
        n = placed.get(key, 0)
        placed[key] = n + 1
        cx, cy = x + w - 0.05 - 0.42 * n, y + h - 0.05
        ax.add_patch(matplotlib_circle(cx, cy))
        ax.text(cx, cy, number, ha="center", va="center", fontsize=7, color="white",
                fontweight="bold")
    ax.text(5.0, 0.15, words["here"] + "  (\u25cf)", ha="center", va="center", fontsize=8)
    with warnings.catch_warnings():  # CJK glyphs: the browser's fonts draw them, not matplotlib's
        warnings.simplefilter("ignore", UserWarning)
        return _svg(fig)


def matplotlib_circle(x: float, y: float):
    """A small dark disc for a chapter number."""
    from matplotlib.patches import Circle

    return Circle((x, y), 0.19, facecolor="#37474f", edgecolor="white", linewidth=0.6, zorder=3)


# Every figure: its file name under SITE_FOLDER, and how it is drawn from the package.
FIGURES = {
    "attention-weights.svg": lambda: draw_weights(plain_weights()),
    "trainable-weights.svg": lambda: draw_weights(trainable_weights()),
    "causal-mask.svg": lambda: draw_mask(causal_mask(6)),
    "causal-weights.svg": lambda: draw_weights(causal_weights(), hidden=causal_mask(6)),
    "positional-table.svg": lambda: draw_positional_table(positional_table()),
    "positional-curves.svg": lambda: draw_positional_curves(positional_table()),
    "head-weights.svg": lambda: draw_heads(head_weights(), hidden=causal_mask(6)),
    "training-loss.svg": lambda: draw_loss(masked_run().losses),
    "training-attention.svg": lambda: draw_training_maps(training_maps()),
}
# The figures with words: each is drawn once per language of LABELS. Every page links the same
# name (../assets/figures/transformer.svg, so the four languages' markdown stay identical); the
# build serves the default language's drawing under that name and each other language's under
# its own folder (assets/figures/ja/transformer.svg), and tools/figure_hooks.py points each
# page at its language's drawing.
DEFAULT_LANGUAGE = "es"
LANGUAGE_FIGURES = {"transformer.svg": draw_transformer}


def language_figure(name: str, lang: str) -> str:
    """Where a figure with words is kept for `lang`, under SITE_FOLDER."""
    return name if lang == DEFAULT_LANGUAGE else f"{lang}/{name}"


def drawn_for_languages() -> dict[str, str]:
    """Every figure with words, drawn in every language, by its place under SITE_FOLDER."""
    return {language_figure(name, lang): draw(words)
            for name, draw in LANGUAGE_FIGURES.items() for lang, words in LABELS.items()}


def fingerprint() -> str:
    """What the figures depend on: this file, the package's source and the drawing libraries."""
    digest = hashlib.sha256()
    for path in [Path(__file__), *sorted((ROOT / "src" / "attention_steps").rglob("*.py"))]:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    for name in ("matplotlib", "torch", "numpy"):
        digest.update(f"{name}=={metadata.version(name)}".encode())
    return digest.hexdigest()


def draw_all() -> dict[str, str]:
    """Every figure's SVG text, by file name."""
    return {**{name: draw() for name, draw in FIGURES.items()}, **drawn_for_languages()}


def main(argv: list[str] | None = None) -> int:
    """Draw every figure into a folder, to look at them without building the site."""
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else ROOT / "build" / "figures"
    target.mkdir(parents=True, exist_ok=True)
    for name, svg in draw_all().items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(svg, encoding="utf-8")
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
