"""Read the site's pages the way the site shows them, for the tests that check them.

A page is parsed after its `--8<--` includes are expanded by pymdownx.snippets itself, with the
settings of mkdocs.yml, so the code a test sees is exactly the code a reader sees. Parsing uses
markdown-it-py with the plugins for what the pages use (admonitions, tables, $...$ math).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import markdown
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("es", "ja", "af", "ko")
PYTHON = {"py", "python", "python3"}
OUTPUT = "text"  # an output block: a ```text fence right after a python fence

# A decimal number as a reader sees it: 0.4419, -0.25, 1.6516e+38. Not part of a version
# (2.13.0), an identifier or a longer number; a sign counts only when it touches the digits.
# The boundaries are ASCII on purpose: in Japanese and Korean a number often touches a kana,
# a kanji or a hangul particle (「1.4950で」, 1.4950은) and must still be found.
DECIMAL = re.compile(r"(?<![A-Za-z0-9_.])[-−]?\d+\.\d+(?:e[-+]?\d+)?(?![A-Za-z0-9_]|\.\d)")
INCLUDE = re.compile(r"^\s*-{1,}8<-{1,}\s+\"([^\"]+)\"\s*$", re.MULTILINE)


class PageError(Exception):
    """A page cannot be checked: it uses a construct whose code would go untested."""


@cache
def _snippet_preprocessor():
    """pymdownx.snippets' own preprocessor, configured exactly as in mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    settings = dict(config["mdx_configs"]["pymdownx.snippets"])
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": settings}
    )
    return md.preprocessors["snippet"]


def expand_includes(text: str) -> str:
    """The page's text with every `--8<--` include replaced by the file (or section) it names."""
    return "\n".join(_snippet_preprocessor().run(text.split("\n")))


def _expand_rule(state: StateCore) -> None:
    state.src = expand_includes(state.src)


def markdown_parser(expand: bool = True) -> MarkdownIt:
    """The parser the page tests share with pytest-markdown-docs: includes expanded first
    (with expand=False, the page as written, include lines and all)."""
    # front_matter: a page's YAML metadata (e.g. `search: boost:`) is neither prose nor code.
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(admon_plugin).use(dollarmath_plugin)
    if expand:
        md.core.ruler.before("block", "snippet_includes", _expand_rule)
    return md


def decimals(text: str) -> list[str]:
    """Every decimal number in `text`, as written (a typographic minus becomes '-')."""
    return [m.replace("−", "-") for m in DECIMAL.findall(text)]


@dataclass
class Fence:
    """One fenced code block: its language, its attributes line and its content."""

    lang: str
    info: str
    content: str
    line: int  # 1-based line in the expanded page
    includes: list[str] = field(default_factory=list)  # the `--8<--` targets written in it

    @property
    def shows_source(self) -> bool:
        """Whether the block shows code from the package (an include of `src/...`)."""
        return any(target.startswith("src/") for target in self.includes)

    @property
    def title(self) -> str:
        """The title attribute shown above the block, if any."""
        m = re.search(r'title="([^"]*)"', self.info)
        return m.group(1) if m else ""


@dataclass
class Page:
    """What the tests need of one page in one language."""

    path: Path
    lang: str
    slug: str
    headings: list[int] = field(default_factory=list)  # levels, in order
    titles: list[str] = field(default_factory=list)  # section names: "(top)", then headings
    includes: list[str] = field(default_factory=list)  # `--8<--` targets, in order
    fences: list[Fence] = field(default_factory=list)
    examples: list[tuple[Fence, Fence | None]] = field(default_factory=list)  # code, output
    prose: list[list[str]] = field(default_factory=list)  # text pieces per section
    images: list[str] = field(default_factory=list)
    alts: list[str] = field(default_factory=list)  # each image's alt text, as images
    math: list[str] = field(default_factory=list)  # every formula, in order

    @property
    def name(self) -> str:
        """How failures name the page: language and file."""
        return f"[{self.lang}] docs/{self.lang}/{self.slug}.md"

    def shown_numbers(self) -> set[str]:
        """Every decimal number in the code and output blocks of the page."""
        return {n for f in self.fences for n in decimals(f.content)}

    def prose_numbers(self) -> list[Counter]:
        """The decimal numbers of the prose, counted section by section."""
        return [Counter(n for piece in section for n in decimals(piece)) for section in self.prose]


def _fence_lang(info: str) -> str:
    info = info.strip()
    if info.startswith("{"):  # superfences brace form: {.python title="x"}
        m = re.search(r"\.([\w+-]+)", info)
        return m.group(1) if m else ""
    return info.split()[0] if info else ""


def parse_page(path: Path) -> Page:
    """Parse one page of docs/<lang>/ into headings, includes, code, outputs and prose."""
    lang, slug = path.parent.name, path.stem
    raw = path.read_text(encoding="utf-8")
    page = Page(path=path, lang=lang, slug=slug, includes=INCLUDE.findall(raw), prose=[[]], titles=["(top)"])
    tokens = markdown_parser().parse(raw)
    written = [t.content for t in markdown_parser(expand=False).parse(raw) if t.type == "fence"]
    if len(written) != sum(t.type == "fence" for t in tokens):
        raise PageError(
            f"{page.name}: an include adds or removes code blocks; include code only inside a fence"
        )
    written = iter(written)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            page.headings.append(int(token.tag[1]))
            page.titles.append(tokens[i + 1].content)
            page.prose.append([])
        elif token.type == "code_block":
            raise PageError(
                f"{page.name} line {token.map[0] + 1}: indented code block (or content tabs) "
                "would be shown but never run; use a fenced block"
            )
        elif token.type == "fence":
            fence = Fence(_fence_lang(token.info), token.info, token.content, token.map[0] + 1)
            fence.includes = INCLUDE.findall(next(written))
            page.fences.append(fence)
            if fence.lang in PYTHON:
                page.examples.append((fence, None))
            elif fence.lang == OUTPUT:
                before = tokens[i - 1] if i else None
                follows_code = (
                    before is not None
                    and before.type == "fence"
                    and _fence_lang(before.info) in PYTHON
                )
                if not follows_code:
                    raise PageError(
                        f"{page.name} line {fence.line}: output block with no python block "
                        "right before it"
                    )
                page.examples[-1] = (page.examples[-1][0], fence)
        elif token.type in ("math_block", "html_block"):
            page.prose[-1].append(token.content)
            if token.type == "math_block":
                page.math.append(token.content.strip())
        elif token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline", "math_inline"):
                    page.prose[-1].append(child.content)
                    if child.type == "math_inline":
                        page.math.append(child.content.strip())
                elif child.type == "image":
                    page.images.append(child.attrs.get("src", ""))
                    page.alts.append(child.content)
                    page.prose[-1].append(child.content)
    return page


def page_paths(lang: str | None = None) -> list[Path]:
    """Every page of one language, or of all of them, sorted."""
    langs = [lang] if lang else LANGUAGES
    return sorted(p for lg in langs for p in (DOCS / lg).glob("*.md"))


def slugs(lang: str) -> set[str]:
    """The page names of one language."""
    return {p.stem for p in (DOCS / lang).glob("*.md")}
