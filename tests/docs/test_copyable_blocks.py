"""A reader can copy any python block of any page alone into a file, and it runs.

Each block, with its includes expanded, binds every name it uses (an import, a def, a class, an
assignment...) or uses a builtin; and each block that shows code from src/ runs by itself, as a
file of its own, in a fresh process outside the repository, with only the package installed.
"""

import pytest

from tools.copyable import run_alone, unbound_names
from tools.pages import LANGUAGES


def _where(page, code):
    return f"{page.name}, the block at line {code.line} ({code.title or 'no title'})"


def test_every_block_imports_or_defines_every_name_it_uses(pages, page_key):
    page = pages[page_key]
    problems = []
    for code, _ in page.examples:
        for name, line in unbound_names(code.content, f"{page.name}:{code.line}"):
            problems.append(
                f"{_where(page, code)}: line {line} of the block uses `{name}`, which the block "
                "neither imports nor defines (a reader who copies it gets a NameError)"
            )
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def run_results(pages):
    """Every distinct block that shows src/ code, run alone once: its traceback, or None."""
    sources = sorted({code.content for page in pages.values() for code, _ in page.examples
                      if code.shows_source})
    results = run_alone({str(i): source for i, source in enumerate(sources)})
    return {source: results[str(i)] for i, source in enumerate(sources)}


def test_every_block_that_shows_the_package_runs_alone(pages, page_key, run_results):
    page = pages[page_key]
    problems = [
        f"{_where(page, code)} fails when run alone:\n{run_results[code.content]}"
        for code, _ in page.examples
        if code.shows_source and run_results[code.content] is not None
    ]
    assert not problems, "\n".join(problems)


def test_every_language_has_the_same_blocks_to_copy(pages):
    counted = {
        lang: (
            sum(len(p.examples) for (lg, _), p in pages.items() if lg == lang),
            sum(code.shows_source for (lg, _), p in pages.items() if lg == lang for code, _ in p.examples),
        )
        for lang in LANGUAGES
    }
    assert len(set(counted.values())) == 1, f"python blocks (all, showing src/) per language: {counted}"
    assert all(shown for _, shown in counted.values()), counted
