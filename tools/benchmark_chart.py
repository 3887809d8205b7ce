"""MkDocs hook: the performance page's chart, drawn at build time from the committed results.

The SVG is never committed: it is drawn from benchmarks/results/<name>.json and added to the site
as a generated file on every build, so the chart cannot drift from the table. A drawing is kept in
.cache/charts/ under a hash of the results, this file and matplotlib's version, so a build that
changed none of them does not import matplotlib. The chart holds
no words but the variants' code names and the axis numbers: the caption, axis title and alt text
are in each page's own language.
"""

from __future__ import annotations

import hashlib
import io
import os
from importlib import metadata
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
# The site path of each chart, and the results file it is drawn from.
# (Not assets/figures/: that folder belongs to tools/figure_hooks.py, the chapters' figures.)
CHARTS = {"assets/benchmarks/attention-cpu.svg": ROOT / "benchmarks" / "results" / "cpu.json"}
MODES = ("forward_s", "forward_backward_s")  # the chart's columns
CACHE = ROOT / ".cache" / "charts"
_drawn: dict[tuple[str, str], str] = {}  # (site path, results text) -> SVG


def chart_figure(results: dict):
    """Every variant's time as a ratio to the reference: shapes in rows, modes in columns."""
    from matplotlib.figure import Figure

    shapes = results["shapes"]
    names = [r["variant"] for r in shapes[0]["results"]]
    fig = Figure(figsize=(9, 1.2 + 1.6 * len(shapes)), layout="constrained")
    axes = fig.subplots(len(shapes), len(MODES), sharey=True, squeeze=False)
    for row, shape in zip(axes, shapes):
        times = {r["variant"]: r for r in shape["results"]}
        for ax, key in zip(row, MODES):
            reference = times[results["reference"]][key]
            ratios = [times[n][key] / reference for n in names]
            colors = ["#9e9e9e" if n.startswith("nn.") else "#3f51b5" for n in names]  # torch's: grey
            ax.barh(range(len(names)), ratios, color=colors)
            ax.axvline(1.0, color="#000000", linewidth=0.8)
            for y, ratio in enumerate(ratios):
                ax.text(ratio, y, f" {ratio:.2f}", va="center", fontsize=8)
            ax.set_xlim(0, max(ratios) * 1.2)
            ax.set_yticks(range(len(names)), names, fontsize=8)
            ax.tick_params(axis="x", labelsize=8)
            ax.spines[["top", "right"]].set_visible(False)
    axes[0][0].invert_yaxis()  # the first variant on top (the y axis is shared)
    return fig


def draw_chart(results: dict) -> str:
    """The chart as SVG text, the same bytes on every build for the same results."""
    import matplotlib

    settings = {
        "svg.hashsalt": "attention-steps",  # stable ids, no random ones
        "svg.fonttype": "none",  # text stays text (names and numbers only)
    }
    with matplotlib.rc_context(settings):  # nothing leaks into other hooks' figures
        fig = chart_figure(results)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def cached_chart(text: str) -> str:
    """draw_chart of the results `text` (JSON), from .cache/charts/ when drawn before."""
    import json

    key = hashlib.sha256(f"{text}\0{Path(__file__).read_text()}\0{metadata.version('matplotlib')}".encode())
    path = CACHE / f"{key.hexdigest()[:32]}.svg"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    svg = draw_chart(json.loads(text))
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")  # parallel builds write side by side
    partial.write_text(svg, encoding="utf-8")
    partial.replace(path)
    return svg


@event_priority(-100)  # after mkdocs-static-i18n has chosen each language's files
def on_files(files, config):
    """Add each chart, once, at the root of the site, for every language's pages."""
    from mkdocs.structure.files import File

    for uri, source in CHARTS.items():
        text = source.read_text(encoding="utf-8")
        if (uri, text) not in _drawn:  # each language pass reuses the same drawing
            _drawn[(uri, text)] = cached_chart(text)
        if uri not in files.src_uris:
            files.append(File.generated(config, uri, content=_drawn[(uri, text)]))
    return files
