"""Print what a first visit of every page transfers, and how long it takes to load, on localhost.

    python -m tools.page_weight

Builds the site under a sub-path, serves it with a plain static file server, and opens every page
of every language in chromium with an empty cache. Two sizes per page: what the plain server sends,
and what a server that gzips text sends (GitHub Pages does); the budget applies to the second.
Exits 1 when a page is over its budget.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tools.browser import launch, visit
from tools.notebooks import notebook_slugs
from tools.pages import LANGUAGES, slugs
from tools.site_server import served_site

KB = 1024
BUDGETS = {"chapter": 500 * KB, "notebook": 1024 * KB}
# A chapter's HTML, scripts and stylesheets, gzipped: formulas come as HTML (tools/katex_hooks.py),
# so no KaTeX JavaScript counts here.
CODE_BUDGET = {"chapter": 120 * KB, "notebook": 1024 * KB}


def budget(slug: str) -> tuple[str, int]:
    """The kind of page (chapter or notebook) and its byte budget."""
    kind = "notebook" if slug.endswith("-notebook") else "chapter"
    return kind, BUDGETS[kind]


def code_budget(slug: str) -> tuple[str, int]:
    """The kind of page and the budget of its HTML, scripts and stylesheets (gzip)."""
    kind = "notebook" if slug.endswith("-notebook") else "chapter"
    return kind, CODE_BUDGET[kind]


def measure() -> list[tuple[str, str, int, int, int, float]]:
    """(lang, slug, bytes, gzip bytes, gzip bytes of HTML, scripts and stylesheets, load ms) for
    every page, each visited cold in its own context."""
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, served_site(Path(tmp)) as base:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for lang in LANGUAGES:
                for slug in sorted(slugs(lang) | notebook_slugs(lang)):
                    url = base + ("" if lang == "es" else f"{lang}/") + ("" if slug == "index" else f"{slug}/")
                    context = browser.new_context()
                    _, record = visit(context, url, settle_ms=0)
                    rows.append((lang, slug, record.bytes, record.gzip_bytes, record.code_gzip_bytes,
                                 record.load_ms))
                    context.close()
            browser.close()
    return rows


def main() -> int:
    """Print the table; return 1 if any page is over budget."""
    rows = measure()
    over = []
    print("| page | plain server (KB) | gzip, as sent (KB) | HTML+JS+CSS gzip (KB) | load (ms) | budgets (KB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for lang, slug, raw, size, code, ms in rows:
        kind, limit = budget(slug)
        _, code_limit = code_budget(slug)
        flag = "" if size <= limit and code <= code_limit else "  OVER"
        print(f"| {lang}/{slug} | {raw / KB:.0f} | {size / KB:.0f} | {code / KB:.1f} | {ms:.0f} | "
              f"{limit // KB}, {code_limit // KB} ({kind}){flag} |")
        if size > limit or code > code_limit:
            over.append(f"{lang}/{slug}")
    if over:
        print(f"over budget: {', '.join(over)}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
