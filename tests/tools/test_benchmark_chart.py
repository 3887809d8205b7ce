"""The performance chart is drawn from the committed results, the same way on every build."""

import json
import re
from collections import Counter

from benchmarks.attention import RESULTS, VARIANTS
from tools import benchmark_chart
from tools.benchmark_chart import CHARTS, draw_chart


def _results():
    return json.loads((RESULTS / "cpu.json").read_text(encoding="utf-8"))


def test_every_chart_is_drawn_from_a_committed_results_file():
    assert CHARTS and all(path.is_file() for path in CHARTS.values())


def test_the_svg_is_the_same_on_every_build():
    first, second = draw_chart(_results()), draw_chart(_results())
    assert first == second
    assert "<dc:date>" not in first


def test_the_chart_holds_only_variant_names_and_numbers():
    words = set(re.findall(r"<text[^>]*>([^<]*)</text>", draw_chart(_results())))
    names = {w for w in words if not re.fullmatch(r"\s*-?\d+(\.\d+)?", w)}
    assert names == set(VARIANTS), names


def test_the_bar_labels_are_the_ratios_of_the_table():
    svg = draw_chart(_results())
    labels = Counter(re.findall(r"<text[^>]*> (\d+\.\d\d)</text>", svg))  # " 0.42": a bar's label
    table = (RESULTS / "cpu.txt").read_text(encoding="utf-8").splitlines()
    ratios = Counter(
        field
        for line in table
        for name in VARIANTS
        if line.startswith(name + " ") and line[len(name):].split()[0][0].isdigit()
        for field in (line[len(name):].split()[1], line[len(name):].split()[3])
    )
    assert sum(ratios.values()) == 2 * 2 * len(VARIANTS)  # two shapes, two modes
    assert labels == ratios


def test_torchs_own_layers_are_the_grey_bars():
    results = _results()
    torch_rows = [n for n in VARIANTS if n.startswith("nn.")]
    panels = 2 * len(results["shapes"])  # forward, forward + backward
    assert len(torch_rows) == 2
    assert draw_chart(results).count("fill: #9e9e9e") == panels * len(torch_rows)


def test_a_chart_is_drawn_once_then_read_from_the_cache_until_the_results_change(tmp_path, monkeypatch):
    text = next(iter(CHARTS.values())).read_text(encoding="utf-8")
    monkeypatch.setattr(benchmark_chart, "CACHE", tmp_path)
    first = benchmark_chart.cached_chart(text)
    assert first == draw_chart(_results())
    monkeypatch.setattr(benchmark_chart, "draw_chart", lambda results: "drawn again")
    assert benchmark_chart.cached_chart(text) == first  # kept: not drawn again
    assert benchmark_chart.cached_chart(text.replace("}", " }", 1)) == "drawn again"  # other results
