"""The translators' conventions that a test can check: what a page's prose may not contain.

Each language keeps its rules in two places, both written by its translators:
- `translating/<lang>.toml`: the quotation marks prose never uses, and `[[avoid]]` patterns
  (a retired term, numbering rows from 0 in words, a typography slip), each with what to use
  instead and why;
- the glossary page's last column (`AVOID_HEADER`): for each term, the variants not to use.

Prose is the text a reader reads: headings, paragraphs, lists, tables, admonitions and image
alt texts, without code (blocks and inline), math, link addresses, attribute lists or raw HTML.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mdit_py_plugins.attrs import attrs_plugin

from tools.pages import DOCS, ROOT, markdown_parser

RULES = ROOT / "translating"
GLOSSARY = "glossary"
# The glossary column that lists the variants to avoid, per language.
AVOID_HEADER = {"es": "Evitar", "ja": "避ける表記", "af": "Vermy", "ko": "피할 표현"}
# Where words are separated by spaces, a variant matches a whole word; in Japanese it matches
# anywhere, and in Korean anywhere too (a particle follows the noun without a space).
WHOLE_WORDS = {"es": True, "af": True, "ja": False, "ko": False}
NONE = {"—", "-", "–", ""}


class RulesError(Exception):
    """A language's rules file or glossary cannot be read as the conventions need it."""


@dataclass(frozen=True)
class Prose:
    """One piece of prose and where it stands: page and 1-based line of the page as written."""

    page: str
    line: int
    text: str


@dataclass(frozen=True)
class Rule:
    """Something prose must not contain, with what to write instead and why."""

    pattern: re.Pattern
    use: str
    why: str
    source: str  # where the rule is written down


def prose_of(path: Path) -> list[Prose]:
    """The prose of one page as written (includes not expanded: they bring only code)."""
    # attrs: a link's `{download="x.ipynb"}` (Markdown's attr_list) is markup, not prose.
    tokens = markdown_parser(expand=False).use(attrs_plugin).parse(path.read_text(encoding="utf-8"))
    name = f"docs/{path.parent.name}/{path.name}"
    pieces = []
    for token in tokens:
        if token.type != "inline":
            continue
        line = token.map[0] + 1 if token.map else 0
        for child in token.children or []:
            if child.type == "text":
                pieces.append(Prose(name, line, child.content))
            elif child.type == "image":
                pieces.append(Prose(name, line, child.content))
            elif child.type in ("softbreak", "hardbreak"):
                line += 1
    return pieces


def glossary_variants(lang: str) -> dict[str, str]:
    """{variant to avoid: the glossary term to use}, from the glossary's avoid column."""
    path = DOCS / lang / f"{GLOSSARY}.md"
    tokens = markdown_parser(expand=False).parse(path.read_text(encoding="utf-8"))
    header, variants, found = AVOID_HEADER[lang], {}, False
    row, in_head, column = [], False, None
    for i, token in enumerate(tokens):
        if token.type == "thead_open":
            in_head, row = True, []
        elif token.type == "thead_close":
            in_head = False
            column = row.index(header) if header in row else None
            found = found or column is not None
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            row.append(token.content.strip())
        elif token.type == "tr_close" and not in_head and column is not None:
            for variant in re.split(r"\s+/\s+", row[column]):
                variant = variant.strip().strip("*_")
                if variant not in NONE:
                    variants[variant] = row[0]
    if not found:
        raise RulesError(f"docs/{lang}/{GLOSSARY}.md: no table has a column headed '{header}'")
    return variants


def _variant_pattern(variant: str, lang: str) -> re.Pattern:
    text = re.escape(variant)
    if WHOLE_WORDS[lang]:
        text = rf"(?<!\w){text}(?!\w)"
    return re.compile(text, re.IGNORECASE)


def load_rules(lang: str) -> tuple[list[str], list[Rule]]:
    """The forbidden quotation marks and the `[[avoid]]` rules of `translating/<lang>.toml`."""
    path = RULES / f"{lang}.toml"
    if not path.exists():
        raise RulesError(f"{path.relative_to(ROOT)} is missing: every language writes its rules down")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{path.relative_to(ROOT)}: {error}") from None
    where = str(path.relative_to(ROOT))
    forbidden = data.get("quotes", {}).get("forbidden", [])
    if not isinstance(forbidden, list) or not all(isinstance(q, str) and q for q in forbidden):
        raise RulesError(f"{where}: [quotes] forbidden must be a list of characters")
    rules = []
    for n, entry in enumerate(data.get("avoid", []), start=1):
        missing = [key for key in ("pattern", "use", "why") if not entry.get(key)]
        if missing:
            raise RulesError(f"{where}: [[avoid]] number {n} has no {', '.join(missing)}")
        try:
            pattern = re.compile(entry["pattern"], re.IGNORECASE)
        except re.error as error:
            raise RulesError(f"{where}: [[avoid]] number {n}: bad pattern {entry['pattern']!r}: {error}") from None
        rules.append(Rule(pattern, entry["use"], entry["why"], f"{where} [[avoid]] {n}"))
    return forbidden, rules


def glossary_rules(lang: str) -> list[Rule]:
    """One rule per variant the glossary lists as one to avoid."""
    where = f"docs/{lang}/{GLOSSARY}.md, column '{AVOID_HEADER[lang]}'"
    return [
        Rule(_variant_pattern(variant, lang), term, "the glossary's term", where)
        for variant, term in glossary_variants(lang).items()
    ]


def violations(pieces: list[Prose], rules: list[Rule], forbidden_quotes: list[str]) -> list[str]:
    """Each place where prose breaks a rule, as a line a failing test can print."""
    found = []
    for piece in pieces:
        for rule in rules:
            for match in rule.pattern.finditer(piece.text):
                found.append(
                    f"{piece.page}:{piece.line}: '{match.group(0)}' -> use '{rule.use}' "
                    f"({rule.why}; {rule.source})"
                )
        for quote in forbidden_quotes:
            if quote in piece.text:
                found.append(f"{piece.page}:{piece.line}: quotation mark {quote} in {piece.text.strip()[:60]!r}")
    return found


def check_language(lang: str) -> list[str]:
    """Every convention broken by the pages of one language (the glossary is exempt from its own
    avoid list and from the rules files' patterns, since it names the variants)."""
    forbidden, rules = load_rules(lang)
    glossary = glossary_rules(lang)
    found = []
    for path in sorted((DOCS / lang).glob("*.md")):
        pieces = prose_of(path)
        if path.stem == GLOSSARY:
            found += violations(pieces, [], forbidden)
        else:
            found += violations(pieces, rules + glossary, forbidden)
    return found

