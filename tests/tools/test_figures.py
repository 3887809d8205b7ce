"""The figures are drawn from the package: the numbers the chapters print, no words but tokens."""

import re
from xml.etree import ElementTree

import pytest
import torch

from attention_steps import JOURNEY_TOKENS, journey_embeddings, sinusoidal_positional_encoding
from tools import figures
from tools.pages import ROOT

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"[−-]?\d+(\.\d+)?")
# The chapters' own notation, the only other text allowed: PE_(pos, column) and the head index h.
MATH = re.compile(r"\$(PE_\{\(pos,\\,\d+\)\}|h = \d+)\$")


@pytest.fixture(scope="module")
def drawn():
    return figures.draw_all()


def _printed_numbers(out: str) -> list[float]:
    """The numbers of a snippet's .out file, in order."""
    text = (ROOT / "snippets" / out).read_text(encoding="utf-8")
    return [float(n) for n in re.findall(r"-?\d+\.\d+", text)]


def test_every_figure_is_svg_and_the_same_on_every_build(drawn):
    again = figures.draw_all()
    assert drawn.keys() == figures.FIGURES.keys()
    for name, svg in drawn.items():
        assert ElementTree.fromstring(svg).tag == f"{SVG}svg", name
        assert svg == again[name], f"{name} differs between two drawings"
        assert "<dc:date>" not in svg, f"{name} carries a date"


def test_figures_hold_no_words_but_the_tokens(drawn):
    for name, svg in drawn.items():
        comments = re.findall(r"<!-- (.*?) -->", svg)  # matplotlib notes each formula's TeX
        assert all(MATH.fullmatch(c) for c in comments), f"{name}: unexpected text {comments}"
        # A formula is drawn glyph by glyph: compare its characters, not their order.
        glyphs = {"".join(sorted(re.sub(r"[\s$_{}]", "", c.replace("\\,", "")))) for c in comments}
        for text in ElementTree.fromstring(svg).iter(f"{SVG}text"):
            content = re.sub(r"\s", "", "".join(text.itertext()))
            allowed = (content in JOURNEY_TOKENS or NUMBER.fullmatch(content)
                       or "".join(sorted(content)) in glyphs)
            assert allowed, f"{name}: the figure says {content!r}: words belong in the page's markdown"


def test_the_plain_weights_are_the_ones_the_chapter_prints():
    printed = _printed_numbers("self_attention/all_weights.out")[:36]
    assert figures.plain_weights().flatten().tolist() == pytest.approx(printed, abs=5e-5)


def test_the_trainable_row_of_journey_is_the_one_the_chapter_prints():
    line = next(l for l in (ROOT / "snippets/trainable_attention/journey_context.out").read_text().splitlines()
                if l.startswith("weights"))
    printed = [float(n) for n in re.findall(r"\d+\.\d+", line.split(":", 1)[1])]
    weights = figures.trainable_weights()
    assert weights[1].tolist() == pytest.approx(printed, abs=5e-5)
    sa, x = figures.trainable_layer(), journey_embeddings()
    with torch.no_grad():
        assert torch.allclose(weights @ (x @ sa.W_value), sa(x), atol=1e-6), "the layer's own weights"


def test_the_causal_mask_and_weights_are_the_ones_the_chapter_prints():
    mask = (ROOT / "snippets/causal_attention/mask.out").read_text(encoding="utf-8")
    rows = re.findall(r"\[([01, ]+)\]", mask)
    assert figures.causal_mask(6).int().tolist() == [[int(v) for v in r.split(",")] for r in rows]
    printed = _printed_numbers("causal_attention/masked_weights.out")[-36:]
    assert figures.causal_weights().flatten().tolist() == pytest.approx(printed, abs=5e-5)


def test_each_heads_weights_are_the_layers_own():
    mha, x = figures.multihead_layer(), journey_embeddings()[None]
    weights = figures.head_weights()  # (heads, 6, 6)
    assert weights.shape == (2, 6, 6)
    with torch.no_grad():
        values = mha.split_heads(mha.W_value(x))  # (1, heads, 6, head_dim)
        rebuilt = mha.out_proj(mha.merge_heads(weights[None] @ values))
        assert torch.allclose(rebuilt, mha(x), atol=1e-6)
    assert torch.all(weights.triu(diagonal=1) == 0), "causal: nothing above the diagonal"


def test_the_positional_table_and_curves_are_the_similarity_examples():
    source = (ROOT / "snippets/embeddings/positional_similarity.py").read_text(encoding="utf-8")
    assert f"num_positions={figures.NUM_POSITIONS}" in source and f"d_model={figures.D_MODEL}" in source
    assert torch.equal(figures.positional_table(), sinusoidal_positional_encoding(50, 64))
    columns = figures.CURVE_COLUMNS
    assert all(columns[i] % 2 == 0 and columns[i + 1] == columns[i] + 1 for i in range(0, len(columns), 2)), (
        "each pair drawn as its sine and its cosine"
    )


def test_drawing_leaves_the_random_generator_alone():
    state = torch.random.get_rng_state()
    figures.trainable_weights(), figures.causal_weights(), figures.head_weights()
    assert torch.equal(state, torch.random.get_rng_state())
