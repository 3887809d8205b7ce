"""Hands pytest-markdown-docs the site's own markdown parser; restores the generators after each test."""

import contextlib
from unittest import mock

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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """pytest-markdown-docs turns pytest's capture off while a fence runs, so every page's output
    would flood the log: keep capture on for fences (a failing fence still reports its output)."""
    if type(item).__name__ != "MarkdownInlinePythonItem":
        return (yield)
    capman = item.config.pluginmanager.getplugin("capturemanager")
    with mock.patch.object(capman, "global_and_fixture_disabled", contextlib.nullcontext):
        return (yield)
