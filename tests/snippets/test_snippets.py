"""Every example under snippets/ prints exactly its expected output, and every one is shown."""

import pytest

from tools.pages import page_paths
from tools.snippets import ROOT, SNIPPETS, expected_output_path, run_source, snippet_files

FILES = snippet_files()


def test_there_are_snippets():
    assert len(FILES) >= 10, "the self-attention chapter alone has ten examples"


@pytest.mark.parametrize("snippet", FILES, ids=lambda p: str(p.relative_to(SNIPPETS)))
def test_snippet_prints_its_expected_output(snippet):
    expected = expected_output_path(snippet)
    assert expected.exists(), f"{expected.relative_to(ROOT)} is missing: run `make outputs`"
    printed = run_source(snippet.read_text(encoding="utf-8"), str(snippet))
    assert printed == expected.read_text(encoding="utf-8"), (
        f"{snippet.relative_to(ROOT)} now prints something else than "
        f"{expected.relative_to(ROOT)}; if the change is intended, run `make outputs`"
    )


def test_the_whole_suite_again_in_reverse_order_and_from_other_seeds_is_byte_identical():
    """No output depends on the generators' starting state or on the examples run before it."""
    first = {s: run_source(s.read_text(encoding="utf-8"), str(s)) for s in FILES}
    again = {s: run_source(s.read_text(encoding="utf-8"), str(s), seed=1234 + i)
             for i, s in enumerate(reversed(FILES))}
    differ = [str(s.relative_to(ROOT)) for s in FILES if first[s] != again[s]]
    assert not differ, f"these examples print something else on a second run: {differ}"


def test_every_output_file_has_its_snippet():
    orphans = [p for p in SNIPPETS.glob("*/*.out") if not p.with_suffix(".py").exists()]
    assert not orphans, f"output files without a snippet: {orphans}"


def test_every_snippet_and_output_is_shown_on_a_page():
    shown = {line for page in page_paths() for line in page.read_text(encoding="utf-8").split('"')}
    unused = [
        str(p.relative_to(ROOT))
        for s in FILES
        for p in (s, expected_output_path(s))
        if str(p.relative_to(ROOT)) not in shown
    ]
    assert not unused, f"never included by any page: {unused}"


def test_an_example_that_sets_float64_leaves_float32_to_the_next():
    import torch

    run_source("import torch\ntorch.set_default_dtype(torch.float64)\n", "float64.py")
    assert torch.get_default_dtype() == torch.float32
