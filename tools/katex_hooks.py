"""MkDocs hook: every formula rendered to HTML with KaTeX at build time, so no page loads KaTeX's
JavaScript and formulas show at once.

pymdownx.arithmatex (generic output) leaves each formula as TeX in `<span class="arithmatex">\\(...\\)`
(inline) or `<div class="arithmatex">\\[...\\]` (display); the table of contents and the header
repeat a heading's formula as `\\(...\\)` text in a `<span class="md-ellipsis">`. At the end of the
whole build (every language, the notebook pages included), this hook replaces each with what
`katex.renderToString` makes of it, KaTeX from node_modules (package.json pins it), the same HTML
that KaTeX's auto-render made in the browser before. The page keeps katex.min.css and its fonts.

All formulas the cache lacks go to one node process, as JSON on stdin; the results are kept in
.cache/katex/, keyed by the formula, display or inline, and KaTeX's version, so a warm build does
not start node. A formula KaTeX cannot parse fails the build, naming it and its page.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "katex"
KATEX = ROOT / "node_modules" / "katex"
log = logging.getLogger("mkdocs.hooks.katex")

INLINE = re.compile(r'(<span class="arithmatex">)\\\((.*?)\\\)(</span>)', re.DOTALL)
DISPLAY = re.compile(r'(<div class="arithmatex">)\\\[(.*?)\\\](</div>)', re.DOTALL)
# A heading's title in the table of contents and the header: plain text with \( ... \) in it.
TITLE = re.compile(r'(<span class="md-ellipsis">)(.*?)(</span>)', re.DOTALL)
TITLE_MATH = re.compile(r"\\\((.*?)\\\)", re.DOTALL)

# Reads [[tex, display], ...] on stdin; writes [{"html": ...} or {"error": ...}, ...] on stdout.
RENDER_JS = r"""
const katex = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([tex, display]) => {
    try {
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true }) };
    } catch (error) {
      return { error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def katex_version() -> str:
    """The version of KaTeX in node_modules; a clear error when it is not installed."""
    manifest = KATEX / "package.json"
    if not manifest.is_file():
        raise PluginError(f"KaTeX is missing at {KATEX}: run `npm ci` in {ROOT}")
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def render_all(formulas: list[tuple[str, bool]]) -> list[dict]:
    """Render every (tex, display) pair in one node process: [{'html': ...} or {'error': ...}]."""
    done = subprocess.run(
        ["node", "-e", RENDER_JS, str(KATEX)], input=json.dumps(formulas),
        capture_output=True, text=True, encoding="utf-8", check=False, cwd=ROOT,
    )
    if done.returncode != 0:
        raise PluginError(f"node could not run KaTeX ({KATEX}):\n{done.stderr}")
    return json.loads(done.stdout)


def _key(tex: str, display: bool) -> str:
    return ("display " if display else "inline ") + tex


def formulas_in(page: str) -> list[tuple[str, bool]]:
    """Every formula of a built page, as (TeX, display), in order of appearance by kind."""
    found = [(html.unescape(m.group(2)), False) for m in INLINE.finditer(page)]
    found += [(html.unescape(m.group(2)), True) for m in DISPLAY.finditer(page)]
    for title in TITLE.finditer(page):
        found += [(html.unescape(m.group(1)), False) for m in TITLE_MATH.finditer(title.group(2))]
    return found


def render_page(page: str, rendered: dict[str, str]) -> str:
    """The page with each formula replaced by its KaTeX HTML (`rendered`: _key -> HTML)."""
    def inline(match):
        return match.group(1) + rendered[_key(html.unescape(match.group(2)), False)] + match.group(3)

    def display(match):
        return match.group(1) + rendered[_key(html.unescape(match.group(2)), True)] + match.group(3)

    def title(match):
        text = TITLE_MATH.sub(lambda m: rendered[_key(html.unescape(m.group(1)), False)], match.group(2))
        return match.group(1) + text + match.group(3)

    page = INLINE.sub(inline, page)
    page = DISPLAY.sub(display, page)
    return TITLE.sub(title, page)


def render_site(site_dir: Path, cache_dir: Path = CACHE) -> int:
    """Render the formulas of every HTML file under site_dir in place; return how many formulas
    the site has. Node runs once, for the formulas the cache lacks, or not at all."""
    version = katex_version()
    cache_file = cache_dir / f"katex-{version}.json"
    cache = json.loads(cache_file.read_text(encoding="utf-8")) if cache_file.is_file() else {}
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.html"))}
    where: dict[str, Path] = {}
    for path, text in pages.items():
        for tex, display in formulas_in(text):
            where.setdefault(_key(tex, display), path)
    missing = [key for key in where if key not in cache]
    if missing:
        formulas = [(key.split(" ", 1)[1], key.startswith("display ")) for key in missing]
        results = render_all(formulas)
        errors = [f"{where[key].relative_to(site_dir)}: {key.split(' ', 1)[1]!r}: {r['error']}"
                  for key, r in zip(missing, results) if "error" in r]
        if errors:
            raise PluginError("KaTeX cannot render these formulas:\n" + "\n".join(errors))
        cache.update({key: r["html"] for key, r in zip(missing, results)})
        log.info("KaTeX rendered %d formulas (%d from the cache)", len(missing), len(where) - len(missing))
    for path, text in pages.items():
        done = render_page(text, cache)
        if done != text:
            path.write_text(done, encoding="utf-8")
    kept = {key: cache[key] for key in sorted(where)}
    if missing or kept.keys() != cache.keys():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(f".{os.getpid()}.part")  # builds may run side by side
        partial.write_text(json.dumps(kept, ensure_ascii=False, indent=0), encoding="utf-8")
        partial.replace(cache_file)
    return len(where)


@event_priority(-100)  # after mkdocs-static-i18n's on_post_build, which builds the other languages
def on_post_build(config):
    """At the end of the whole build (every language), render every page's formulas."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    render_site(Path(config.site_dir))
