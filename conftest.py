"""Hands pytest-markdown-docs the site's own markdown parser, so fences run with includes expanded."""

import pytest


@pytest.hookimpl
def pytest_markdown_docs_markdown_it():
    """The parser of tools.pages: pymdownx.snippets includes expanded, admonitions and math parsed."""
    from tools.pages import markdown_parser

    return markdown_parser()
