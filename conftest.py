"""Hands pytest-markdown-docs the site's own markdown parser and the run every page test shares;
restores the generators after each test."""

import contextlib
from unittest import mock

import pytest
from pytest_markdown_docs._runners import DefaultRunner, register_runner

from tests.random_state import restored_random_state


@pytest.hookimpl
def pytest_markdown_docs_markdown_it():
    """The parser of tools.pages: pymdownx.snippets includes expanded, admonitions and math parsed."""
    from tools.pages import markdown_parser

    return markdown_parser()


@register_runner(default=True)
class SharedRunRunner(DefaultRunner):
    """Runs a page's python fence through tools.snippets.run_cached: the same run (fresh __main__,
    generators seeded) that tests/docs/test_outputs.py compares with the output block, and that a
    snippet shown whole shares with tests/snippets, so each block runs once per change of the code,
    the package or torch. A block that raises is never kept, and is run again by the plugin's own
    runner, so that the failure names the page's line numbers."""

    def runtest(self, test, args, *, asyncio_runner=None):
        from tools.snippets import run_cached

        try:  # the plugin pads the fence with blank lines to keep the page's line numbers
            run_cached(test.source.lstrip("\n"), str(test.source_path))
        except Exception:
            super().runtest(test, args, asyncio_runner=asyncio_runner)


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
