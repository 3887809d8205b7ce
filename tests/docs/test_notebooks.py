"""Each chapter's notebook, as the built site serves it in every language: linked, rendered,
downloadable, made from the chapter page as it is now, and showing exactly each snippet's output."""

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import nbformat
import pytest

from tests.conftest import published_env
from tools import notebooks, wheel
from tools.pages import DOCS, LANGUAGES, ROOT, parse_page

CASES = [(lang, chapter) for chapter in notebooks.CHAPTERS for lang in LANGUAGES]
IDS = [f"{lang}/{chapter}" for lang, chapter in CASES]
OUTPUT = re.compile(r'<div class="jp-RenderedText jp-OutputArea-output"[^>]*>\s*<pre>(.*?)</pre>', re.DOTALL)


def _page(site: Path, lang: str, slug: str) -> Path:
    return (site if lang == "es" else site / lang) / slug / "index.html"


def _resolve(site: Path, page: Path, href: str) -> Path:
    """The built file a relative link of a page points at."""
    url = urljoin("/" + page.relative_to(site).as_posix(), href)
    target = site / urlsplit(url).path.lstrip("/")
    return target / "index.html" if url.endswith("/") else target


def _download(site, lang, chapter) -> Path:
    slug = notebooks.notebook_slug(chapter)
    return _page(site, lang, slug).parent / notebooks.download_name(chapter)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_chapter_links_its_notebook_page_and_download(site, case):
    lang, chapter = case
    page = _page(site, lang, chapter)
    text = page.read_text(encoding="utf-8")
    links = re.findall(r'<a ([^>]*)href="([^"]*-notebook[^"]*)"', text)
    targets = {_resolve(site, page, href): "download" in attrs for attrs, href in links}
    notebook = _page(site, lang, notebooks.notebook_slug(chapter))
    assert targets.get(notebook) is False, f"{lang}/{chapter} does not link its notebook page"
    assert targets.get(_download(site, lang, chapter)) is True, f"{lang}/{chapter} offers no .ipynb download"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_download_is_the_notebook_the_chapter_page_makes_now(site, case):
    lang, chapter = case
    downloaded = nbformat.reads(_download(site, lang, chapter).read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(downloaded)
    for cell in notebooks.code_cells(downloaded):
        cell.outputs, cell.execution_count = [], None
    # Its install cell names the wheel on the site that was built (the tests build it for SITE_URL).
    url = wheel.wheel_url(published_env()["SITE_URL"])
    assert notebooks.dumps(downloaded) == notebooks.dumps(notebooks.build(lang, chapter, url)), (
        f"the site serves a stale {lang}/{chapter} notebook"
    )
    includes = [t for t in parse_page(DOCS / lang / f"{chapter}.md").includes
                if t.startswith("snippets/") and t.endswith(".py")]
    sources = [(ROOT / t).read_text(encoding="utf-8").rstrip("\n") for t in includes]
    assert [c.source for c in notebooks.snippet_cells(downloaded)] == sources


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_output_shown_is_the_snippets_expected_output(site, case):
    lang, chapter = case
    downloaded = json.loads(_download(site, lang, chapter).read_text(encoding="utf-8"))
    install, *cells = [c for c in downloaded["cells"] if c["cell_type"] == "code"]
    expected = [(ROOT / c["metadata"]["snippet"]).with_suffix(".out").read_text(encoding="utf-8") for c in cells]
    assert [c["execution_count"] for c in [install, *cells]] == list(range(1, len(cells) + 2)), "run once, in order"
    assert install["metadata"] == {"install": True} and install["outputs"] == [], "installed: it shows nothing"
    for cell, out in zip(cells, expected):
        assert [o["output_type"] for o in cell["outputs"]] == (["stream"] if out else [])
        assert "".join(o["text"] for o in cell["outputs"]) == out, cell["metadata"]["snippet"]
    page = _page(site, lang, notebooks.notebook_slug(chapter)).read_text(encoding="utf-8")
    shown = [html.unescape(block) for block in OUTPUT.findall(page)]
    assert shown == [out for out in expected if out], f"{lang}/{chapter}: the page shows other outputs"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_notebook_page_is_in_the_pages_language_and_self_contained(site, case):
    lang, chapter = case
    page = _page(site, lang, notebooks.notebook_slug(chapter))
    text = page.read_text(encoding="utf-8")
    words = notebooks.TEXT[lang]
    title = notebooks.plain_title(lang, chapter)
    assert f"<title>{html.escape(title, quote=False)} - " in text
    assert f'aria-label="{words["copy"]}"' in text and "Copy to Clipboard" not in text
    assert words["download"] in text
    # Jupyter's stylesheet is a shared file, not inlined: the page stays light.
    assert page.stat().st_size < 300_000, f"{page.stat().st_size} bytes"
    css = re.findall(r'<link rel="stylesheet" href="([^"]*jupyter\.css)">', text)
    assert len(css) == 1 and _resolve(site, page, css[0]).is_file()
    assert "mathjax" not in text.lower() and "mermaid.esm" not in text
    # The install cell shows the wheel's address on this site, as the download has it.
    assert html.escape(wheel.wheel_url(published_env()["SITE_URL"])) in text
    assert wheel.WHEEL_URL_MARK not in text
    # Headings carry the site's anchors, and the table of contents points at them.
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', text))
    toc = set(re.findall(r'<a href="#([^"]+)" class="md-nav__link">', text))
    assert toc and toc <= ids, f"toc entries without a heading: {toc - ids}"
    if lang in ("ja", "ko"):
        assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]", i) for i in ids), ids


@pytest.mark.parametrize("chapter", notebooks.CHAPTERS)
def test_the_language_selector_leads_to_the_same_notebook(site, chapter):
    slug = notebooks.notebook_slug(chapter)
    for lang in LANGUAGES:
        page = _page(site, lang, slug)
        links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"',
                                page.read_text(encoding="utf-8")))
        by_lang = {lg: href for href, lg in links.items()}
        assert set(by_lang) == set(LANGUAGES)
        for other, href in by_lang.items():
            assert _resolve(site, page, href) == _page(site, other, slug), (lang, other, href)


def test_notebook_pages_are_in_the_sitemap_with_their_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        prefix = "" if lang == "es" else f"{lang}/"
        assert f"/{prefix}self-attention-notebook/</loc>" in sitemap, lang
