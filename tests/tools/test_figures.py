"""The figures are drawn from the package: the numbers the chapters print, no words but tokens."""

import re
import subprocess
import sys
from pathlib import Path
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
    """Every figure, drawn now in this process."""
    return figures.draw_all()


@pytest.fixture(scope="module")
def served():
    """Every figure as the build adds it: drawn by another process, now or in an earlier run on
    the same sources (.cache/figures/)."""
    from tools import figure_hooks

    return figure_hooks.figures()


def _printed_numbers(out: str) -> list[float]:
    """The numbers of a snippet's .out file, in order."""
    text = (ROOT / "snippets" / out).read_text(encoding="utf-8")
    return [float(n) for n in re.findall(r"-?\d+\.\d+", text)]


def test_every_figure_is_svg_and_the_same_on_every_build(drawn, served):
    assert drawn.keys() == figures.FIGURES.keys() | figures.drawn_for_languages().keys()
    for name, svg in drawn.items():
        assert ElementTree.fromstring(svg).tag == f"{SVG}svg", name
        assert svg == served.get(name), f"{name} differs between two drawings (this process's, the build's)"
        assert "<dc:date>" not in svg, f"{name} carries a date"


def test_figures_hold_no_words_but_the_tokens(drawn):
    tokens = set(JOURNEY_TOKENS) | set(figures.sentence_tokens())
    for name, svg in drawn.items():
        if name.rsplit("/", 1)[-1] in figures.LANGUAGE_FIGURES:
            continue  # their words are checked against the label table below
        comments = re.findall(r"<!-- (.*?) -->", svg)  # matplotlib notes each formula's TeX
        assert all(MATH.fullmatch(c) for c in comments), f"{name}: unexpected text {comments}"
        # A formula is drawn glyph by glyph: compare its characters, not their order.
        glyphs = {"".join(sorted(re.sub(r"[\s$_{}]", "", c.replace("\\,", "")))) for c in comments}
        for text in ElementTree.fromstring(svg).iter(f"{SVG}text"):
            content = re.sub(r"\s", "", "".join(text.itertext()))
            allowed = (content in tokens or NUMBER.fullmatch(content)
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


def test_the_transformer_diagram_says_only_its_languages_words(drawn):
    assert set(figures.LABELS) == {"es", "ja", "af", "ko"}
    keys = set(figures.LABELS["es"])
    for lang, words in figures.LABELS.items():
        assert set(words) == keys, f"{lang}: the same labels as es"
        svg = drawn[figures.language_figure("transformer.svg", lang)]
        texts = [" ".join("".join(t.itertext()).split()) for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]
        chapters = {n for n, _ in figures.CHAPTER_MARKS}
        for word in words.values():
            assert any(word.split()[0] in t for t in texts), f"{lang}: {word!r} is not drawn"
        for text in texts:
            known = (text in chapters or any(text.startswith(w.split()[0]) for w in words.values()))
            assert known, f"{lang}: the diagram says {text!r}, which is not in LABELS[{lang!r}]"
        if lang != "es":
            assert words["encoder"] != figures.LABELS["es"]["encoder"], f"{lang}: still in Spanish"
    assert all(key in keys for _, key in figures.CHAPTER_MARKS)
    assert figures.language_figure("transformer.svg", "es") == "transformer.svg"  # what pages link
    assert figures.language_figure("transformer.svg", "ja") == "ja/transformer.svg"


def test_the_training_figures_are_the_chapters_run():
    run = figures.masked_run()
    printed = (ROOT / "snippets/training/train_loop.out").read_text(encoding="utf-8")
    for step, loss in re.findall(r"step +(\d+) +loss (\d+\.\d+)", printed):
        assert f"{run.losses[int(step) - 1]:.3f}" == loss, f"step {step}"
    maps = figures.training_maps()  # (before/after, heads, tokens, tokens)
    assert maps.shape == (2, 4, len(figures.SENTENCE), len(figures.SENTENCE))
    torch.testing.assert_close(maps.sum(dim=-1), torch.ones(2, 4, len(figures.SENTENCE), dtype=maps.dtype))
    assert not torch.allclose(maps[0], maps[1], atol=1e-2), "training changed where the heads look"


def test_the_build_hook_points_each_language_at_its_own_drawing(drawn):
    from tools import figure_hooks

    assert set(figure_hooks.LANGUAGE_FIGURES) == set(figures.LANGUAGE_FIGURES)
    assert figure_hooks.DEFAULT_LANGUAGE == figures.DEFAULT_LANGUAGE
    html = '<img src="../../assets/figures/transformer.svg"><img src="../../assets/figures/causal-mask.svg">'
    ja = figure_hooks.in_language(html, "ja")
    assert ja == html.replace("figures/transformer.svg", "figures/ja/transformer.svg")
    assert figure_hooks.in_language(html, "es") == html
    assert figure_hooks.SHOWN.findall(ja) == ["ja/transformer.svg", "causal-mask.svg"]
    assert set(figure_hooks.SHOWN.findall(ja)) <= set(drawn)


def test_the_build_serves_what_the_sources_draw_now(drawn, served):
    # What the build adds to the site (from .cache/figures/ when the sources are unchanged) is
    # what tools/figures.py draws now: a cached drawing of older sources would fail here.
    assert served == drawn


@pytest.fixture
def hook(tmp_path, monkeypatch):
    """tools/figure_hooks.py with its cache in tmp_path and no drawing asked of any kernel yet."""
    from tools import figure_hooks, notebooks

    monkeypatch.setattr(figure_hooks, "CACHE", tmp_path / "figures")
    monkeypatch.setattr(figure_hooks, "_drawn", {})
    monkeypatch.setattr(figure_hooks, "_background", [])
    monkeypatch.delitem(notebooks.AFTER, figure_hooks.TRAINING_CHAPTER, raising=False)
    return figure_hooks


def test_a_build_has_the_training_notebooks_kernel_draw_the_figures(hook):
    from tools import notebooks

    hook.start_in_background()
    code = notebooks.AFTER[hook.TRAINING_CHAPTER]
    assert "from tools.figures import main" in code, "the same drawing as python -m tools.figures"
    (key, folder, _), = hook._background
    hook.start_in_background()
    assert len(hook._background) == 1, "asked once per build"
    # What the kernel leaves behind (tests/docs builds the site and runs it for real: the
    # figures it served are compared with this process's drawing above).
    (Path(folder.name) / "a.svg").write_text("<svg/>", encoding="utf-8")
    (Path(folder.name) / hook.DRAWN).touch()
    assert hook.figures() == {"a.svg": "<svg/>"}
    assert (hook.CACHE / key / "names.txt").read_text() == "a.svg\n", "kept for the next build"
    assert hook.TRAINING_CHAPTER not in notebooks.AFTER and not hook._background


def test_without_the_kernels_drawing_the_figures_are_drawn_in_a_process_of_their_own(hook, monkeypatch):
    from tools import notebooks

    started = []

    def fake_drawing(folder):
        started.append(folder)
        code = f"open({str(Path(folder) / 'b.svg')!r}, 'w').write('<svg/>')"
        return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    monkeypatch.setattr(hook, "_start_drawing", fake_drawing)
    hook.start_in_background()
    (_, folder, _), = hook._background
    # The build did not run the training notebook (its outputs were cached): nothing was drawn.
    assert hook.figures() == {"b.svg": "<svg/>"}
    assert started == [folder.name]
    assert hook.TRAINING_CHAPTER not in notebooks.AFTER, "no later kernel draws for this build"
