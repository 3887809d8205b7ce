"""tools/katex_hooks.py: formulas rendered to KaTeX HTML at build time, cached, errors named."""

import json

import pytest
from mkdocs.exceptions import PluginError

from tools import katex_hooks

PAGE = """<h2 id="a">Scale by <span class="arithmatex">\\(\\sqrt{d_k}\\)</span></h2>
<nav class="md-nav md-nav--secondary"><span class="md-ellipsis">
  Scale by \\(\\sqrt{d_k}\\)
</span></nav>
<p><span class="arithmatex">\\(a &lt; b\\)</span></p>
<div class="arithmatex">\\[x_1 = \\frac{1}{2}\\]</div>
<pre><code>print("\\(not math\\)")</code></pre>
"""


def test_every_kind_of_formula_is_found_with_its_tex_unescaped():
    assert katex_hooks.formulas_in(PAGE) == [
        ("\\sqrt{d_k}", False), ("a < b", False), ("x_1 = \\frac{1}{2}", True), ("\\sqrt{d_k}", False),
    ]


def test_a_site_is_rendered_in_place_with_one_node_run_then_from_the_cache(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "ja").mkdir(parents=True)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "ja" / "index.html").write_text(PAGE, encoding="utf-8")
    runs = []
    real = katex_hooks.render_all
    monkeypatch.setattr(katex_hooks, "render_all", lambda formulas: runs.append(formulas) or real(formulas))
    assert katex_hooks.render_site(site, tmp_path / "cache") == 3
    assert len(runs) == 1 and len(runs[0]) == 3, "one node process for every distinct formula"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert page.count('<span class="arithmatex"><span class="katex">') == 2
    assert '<div class="arithmatex"><span class="katex-display"><span class="katex">' in page
    assert 'md-ellipsis">\n  Scale by <span class="katex">' in page
    assert "\\(" not in page.replace('print("\\(not math\\)")', "")  # code is left alone
    assert '<mo>&lt;</mo>' in page  # a < b, parsed from the unescaped TeX
    # A second build of the same formulas does not start node.
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    katex_hooks.render_site(site, tmp_path / "cache")
    assert len(runs) == 1
    assert (site / "index.html").read_text(encoding="utf-8") == page
    cached = json.loads(next((tmp_path / "cache").glob("katex-*.json")).read_text(encoding="utf-8"))
    assert set(cached) == {"inline \\sqrt{d_k}", "inline a < b", "display x_1 = \\frac{1}{2}"}


def test_a_formula_katex_cannot_parse_fails_the_build_naming_it_and_its_page(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "bad.html").write_text('<span class="arithmatex">\\(\\frac{1}{\\)</span>', encoding="utf-8")
    with pytest.raises(PluginError, match=r"bad\.html: '\\\\frac\{1\}\{'"):
        katex_hooks.render_site(site, tmp_path / "cache")
