"""Hands pytest-markdown-docs the site's own markdown parser; restores the generators after each test."""

import pytest

from tests.random_state import restored_random_state


@pytest.hookimpl
def pytest_markdown_docs_markdown_it():
    """The parser of tools.pages: pymdownx.snippets includes expanded, admonitions and math parsed."""
    from tools.pages import markdown_parser

    return markdown_parser()


@pytest.fixture(autouse=True)
def _restore_random_generators():
    """Every test and every page fence leaves Python's, NumPy's and torch's generators as it found them."""
    with restored_random_state():
        yield
