"""The site builds strictly, serves its own assets, and searches each language separately."""

import json
import os
import re
import subprocess
from html.parser import HTMLParser
import sys
from pathlib import Path

import pytest

from tools.pages import LANGUAGES, ROOT, slugs

# <link> relations that make the browser fetch something (canonical and alternate do not).
FETCHING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}


class _Loads(HTMLParser):
    """Collects the URLs a page makes the browser fetch as it loads."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and FETCHING_RELS & set((a.get("rel") or "").split()):
            self.urls.append(a.get("href", ""))


def _loads(html: str) -> list[str]:
    parser = _Loads()
    parser.feed(html)
    return parser.urls


# `site`, the site built once with `mkdocs build --strict`, comes from tests/docs/conftest.py.


def _page_html(site: Path, lang: str, slug: str) -> Path:
    base = site if lang == "es" else site / lang
    return base / "index.html" if slug == "index" else base / slug / "index.html"


def test_every_page_is_built_in_every_language(site):
    missing = [
        str(_page_html(site, lang, slug).relative_to(site))
        for lang in LANGUAGES
        for slug in slugs("es")
        if not _page_html(site, lang, slug).exists()
    ]
    assert not missing, f"pages missing from the built site: {missing}"


def test_nothing_is_loaded_from_another_host(site):
    offenders = [
        f"{html.relative_to(site)}: {url}"
        for html in site.rglob("*.html")
        for url in _loads(html.read_text(encoding="utf-8"))
        if url.startswith(("http:", "https:", "//"))
    ]
    assert not offenders, "\n".join(offenders)
    assert _loads('<link rel="stylesheet" href="https://fonts.example/x.css">')  # the check sees it
    css = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", css), "a stylesheet loads from another host"


def test_katex_is_served_by_the_site(site):
    assert (site / "assets" / "katex" / "katex.min.css").is_file()
    css = (site / "assets" / "katex" / "katex.min.css").read_text(encoding="utf-8")
    fonts = re.findall(r"url\((fonts/[^)]+\.woff2)\)", css)
    assert fonts, "katex.min.css names no woff2 font"
    for font in fonts:
        assert (site / "assets" / "katex" / font).is_file(), font


def test_math_is_rendered_at_build_time_and_no_page_loads_katex_javascript(site):
    """tools/katex_hooks.py: every formula of every page (chapters, notebooks, table of contents)
    is KaTeX's HTML in the built page; no page asks for KaTeX's or an init script."""
    left, scripts, rendered = [], [], 0
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        rendered += len(re.findall(r'class="arithmatex"><span class="katex', text))
        if re.search(r'class="arithmatex">\s*\\[(\[]', text) or re.search(r'md-ellipsis">[^<]*\\\(', text):
            left.append(str(html.relative_to(site)))
        scripts += [f"{html.relative_to(site)}: {u}" for u in _loads(text)
                    if re.search(r"katex|auto-render", u) and u.endswith(".js")]
        if "katex.min.css" not in text and "arithmatex" in text:
            left.append(f"{html.relative_to(site)} (no katex.min.css)")
    assert not left, f"formulas left as TeX: {left}"
    assert not scripts, f"pages load KaTeX's JavaScript: {scripts}"
    assert rendered > 100, f"only {rendered} rendered formulas in the whole site"
    ja = _page_html(site, "ja", "self-attention").read_text(encoding="utf-8")
    assert re.search(r'<div class="arithmatex"><span class="katex-display">', ja), "no display formula"
    toc = _page_html(site, "es", "embeddings").read_text(encoding="utf-8")
    assert re.search(r'md-ellipsis">\s*[^<]*<span class="katex">', toc), "a heading's formula in the table of contents"


def test_each_language_has_its_own_search_index(site, lang):
    base = site if lang == "es" else site / lang
    index = json.loads((base / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    expected = {"" if s == "index" else f"{s}/" for s in slugs(lang)}
    assert locations == expected, f"{lang}: index lists {sorted(locations)}"
    page = _page_html(site, lang, "self-attention").read_text(encoding="utf-8")
    if lang != "es":
        assert f'app.base = app.base + "/{lang}/"' in page, "search would use the merged index"


def test_language_selector_links_the_same_page_in_every_language(site):
    html = _page_html(site, "ko", "self-attention").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html))
    by_lang = {lang: href for href, lang in links.items()}
    assert set(by_lang) == set(LANGUAGES)
    for lang, href in by_lang.items():
        target = (_page_html(site, "ko", "self-attention").parent / href).resolve()
        assert target == _page_html(site, lang, "self-attention").parent.resolve(), (lang, href)


def test_head_has_no_hreflang_links_that_make_material_fetch_missing_sitemaps(site):
    html = _page_html(site, "ja", "self-attention").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert "hreflang" not in head
    assert 'hreflang="ja"' in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_headings_get_unicode_anchors_not_numbered_placeholders(site):
    html = _page_html(site, "ja", "self-attention").read_text(encoding="utf-8")
    ids = re.findall(r'<h[1-3] id="([^"]+)"', html)
    assert ids and all(not re.fullmatch(r"_\d+", i) for i in ids), ids
    assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", i) for i in ids), ids


class _LinksAndIds(HTMLParser):
    """Collects a page's link targets (<a href>) and the ids its anchors can point at."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"])


def test_every_internal_link_and_anchor_resolves(site):
    """Every <a href> inside the site, in every language, reaches a built file and, when it names
    one, an element with that id (nav, language selector, prose links and heading permalinks)."""
    from urllib.parse import unquote, urljoin, urlsplit

    parsed = {}

    def parse(path: Path) -> _LinksAndIds:
        if path not in parsed:
            parser = _LinksAndIds()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    from tests.conftest import published_env

    root = urlsplit(published_env()["SITE_URL"]).path  # /attention-steps/: the site's own folder
    broken, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        page_url = root + page.relative_to(site).as_posix()
        for href in parse(page).hrefs:
            target = urlsplit(urljoin(page_url, href))
            if target.scheme or target.netloc:  # another host, mailto: and the like
                continue
            assert target.path.startswith(root), f"{page.relative_to(site)}: {href} leaves the site's folder"
            path = site / unquote(target.path).removeprefix(root)
            if target.path.endswith("/") or path.is_dir():
                path = path / "index.html"
            checked += 1
            if not path.is_file():
                broken.append(f"{page.relative_to(site)}: {href} -> no file {path.relative_to(site)}")
            elif target.fragment and path.suffix == ".html" and unquote(target.fragment) not in parse(path).ids:
                broken.append(f"{page.relative_to(site)}: {href} -> no id {unquote(target.fragment)!r}")
    assert checked > 500, f"only {checked} internal links found: is the site built?"
    assert not broken, "\n".join(broken)
