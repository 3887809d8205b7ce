"""Every example under snippets/ prints exactly its expected output, and every one is shown."""

import pytest

from tools.pages import page_paths
from tools.snippets import ROOT, SNIPPETS, cached, expected_output_path, run_cached, run_source, snippet_files

FILES = snippet_files()


def test_there_are_snippets():
    assert len(FILES) >= 10, "the self-attention chapter alone has ten examples"


@pytest.mark.parametrize("snippet", FILES, ids=lambda p: str(p.relative_to(SNIPPETS)))
def test_snippet_prints_its_expected_output(snippet):
    expected = expected_output_path(snippet)
    assert expected.exists(), f"{expected.relative_to(ROOT)} is missing: run `make outputs`"
    # Run once per change of the snippet, the package or torch (tools/snippets.py, run_cached); the
    # page and reverse-order tests reuse the result.
    printed = run_cached(snippet.read_text(encoding="utf-8"), str(snippet))
    assert printed == expected.read_text(encoding="utf-8"), (
        f"{snippet.relative_to(ROOT)} now prints something else than "
        f"{expected.relative_to(ROOT)}; if the change is intended, run `make outputs`"
    )


def test_the_whole_suite_again_in_reverse_order_and_from_other_seeds_is_byte_identical():
    """No output depends on the generators' starting state or on the examples run before it."""
    first = {s: run_cached(s.read_text(encoding="utf-8"), str(s)) for s in FILES}
    # The second pass, as a whole: cached under every snippet's code (one changes, it runs again).
    sources = [s.read_text(encoding="utf-8") for s in FILES]
    again = dict(zip(reversed(FILES), cached(
        ["reverse order, other seeds", *map(str, FILES), *sources],
        lambda: [run_source(s.read_text(encoding="utf-8"), str(s), seed=1234 + i)
                 for i, s in enumerate(reversed(FILES))],
    )))
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


def test_a_cached_output_is_used_only_while_the_code_and_the_package_are_unchanged(tmp_path, monkeypatch):
    from tools import snippets

    monkeypatch.setattr(snippets, "CACHE", tmp_path)
    runs = []
    real = snippets.run_source
    monkeypatch.setattr(snippets, "run_source", lambda *a: runs.append(a) or real(*a))
    assert snippets.run_cached("print(6 * 7)\n", "a.py") == "42\n"
    assert snippets.run_cached("print(6 * 7)\n", "b.py") == "42\n" and len(runs) == 1, "same code: reused"
    assert snippets.run_cached("print(6 * 7)\n", "a.py", seed=1) == "42\n" and len(runs) == 2, "other seed"
    assert snippets.run_cached("print(6 * 8)\n", "a.py") == "48\n" and len(runs) == 3, "other code"
    monkeypatch.setattr(snippets, "environment_key", lambda: "the package changed")
    assert snippets.run_cached("print(6 * 7)\n", "a.py") == "42\n" and len(runs) == 4, "other package"
    # The key covers every file under src/ (and the runner, Python, torch and NumPy versions).
    monkeypatch.undo()
    key = snippets.environment_key()
    (tmp_path / "src").mkdir()
    monkeypatch.setattr(snippets, "ROOT", tmp_path)
    monkeypatch.setattr(snippets, "__file__", str(tmp_path / "runner.py"))
    (tmp_path / "runner.py").write_text("", encoding="utf-8")
    (tmp_path / "src" / "m.py").write_text("x = 1\n", encoding="utf-8")
    snippets.environment_key.cache_clear()
    one = snippets.environment_key()
    (tmp_path / "src" / "m.py").write_text("x = 2\n", encoding="utf-8")
    snippets.environment_key.cache_clear()
    assert snippets.environment_key() != one, "a change under src/ must run the snippets again"
    monkeypatch.undo()
    snippets.environment_key.cache_clear()
    assert snippets.environment_key() == key
