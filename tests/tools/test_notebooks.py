"""The companion notebooks are made from the chapter pages: their snippets, in order, in each language."""

import json
import re

import nbformat
import pytest

from tools import notebooks, wheel
from tools.page_weight import budget
from tools.pages import DOCS, LANGUAGES, ROOT, parse_page

CASES = [(lang, chapter) for chapter in notebooks.CHAPTERS for lang in LANGUAGES]


def _snippets_on_page(lang, chapter):
    """The snippet files the page includes in a python fence, in order (read by tools.pages)."""
    page = parse_page(DOCS / lang / f"{chapter}.md")
    return [target for target in page.includes if target.startswith("snippets/") and target.endswith(".py")]


def test_the_chapters_are_the_pages_of_the_nav():
    from mkdocs.config import load_config

    nav = load_config(str(ROOT / "mkdocs.yml"))["nav"]
    in_nav = [entry.removesuffix(".md") for entry in nav if isinstance(entry, str)]
    assert set(notebooks.CHAPTERS) <= set(in_nav)
    assert [c for c in in_nav if c in notebooks.CHAPTERS] == list(notebooks.CHAPTERS), "reading order"


@pytest.mark.parametrize("lang,chapter", CASES, ids=[f"{lg}/{ch}" for lg, ch in CASES])
def test_code_cells_are_the_pages_snippets_in_order(lang, chapter):
    nb = notebooks.build(lang, chapter)
    targets = _snippets_on_page(lang, chapter)
    assert targets, f"docs/{lang}/{chapter}.md shows no snippet"
    install, *cells = notebooks.code_cells(nb)
    assert install.metadata == {"install": True} and cells == notebooks.snippet_cells(nb)
    assert [c.metadata["snippet"] for c in cells] == targets
    for cell, target in zip(cells, targets):
        assert cell.source == (ROOT / target).read_text(encoding="utf-8").rstrip("\n"), target
    assert not any("src/" in c.source for c in nb.cells if c.cell_type == "code"), "src/ is imported, not copied"


def test_the_first_code_cell_installs_the_package_from_the_site_only_when_it_is_missing():
    url = "https://example.org/attention-steps/downloads/attention_steps-9.9-py3-none-any.whl"
    nb = notebooks.build("ko", "self-attention", url)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[1] is notebooks.code_cells(nb)[0]
    source = nb.cells[1].source
    assert source.startswith("try:\n    import attention_steps\nexcept ImportError:")
    assert f"    %pip install --extra-index-url https://download.pytorch.org/whl/cpu {url}\n" in source
    assert "importlib.invalidate_caches()" in source, "the new package is importable in the same kernel"
    # By default the cell names the mark that the site replaces with the wheel's address.
    assert wheel.WHEEL_URL_MARK in notebooks.build("ko", "self-attention").cells[1].source
    # IPython runs it: %pip is a line magic even inside the except block.
    from IPython.core.inputtransformer2 import TransformerManager

    python = TransformerManager().transform_cell(source)
    assert f"get_ipython().run_line_magic('pip', 'install --extra-index-url {wheel.TORCH_CPU_INDEX} {url}')" in python
    compile(python, "install cell", "exec")


def test_the_install_cell_must_show_nothing_where_the_package_is_installed():
    nb = notebooks.build("af", "causal-attention")
    outputs = [[] if "install" in c.metadata else
               [{"output_type": "stream", "name": "stdout",
                 "text": (ROOT / c.metadata["snippet"]).with_suffix(".out").read_text(encoding="utf-8")}]
               for c in notebooks.code_cells(nb)]
    assert notebooks.output_problems(notebooks.with_outputs(nb, outputs)) == []
    outputs[0] = [{"output_type": "stream", "name": "stdout", "text": "Successfully installed\n"}]
    problems = notebooks.output_problems(notebooks.with_outputs(nb, outputs))
    assert len(problems) == 1 and problems[0].startswith("the install cell shows ['stream (stdout)']")


@pytest.mark.parametrize("chapter", notebooks.CHAPTERS)
def test_code_cells_are_the_same_in_every_language(chapter):
    sources = {lang: [c.source for c in notebooks.code_cells(notebooks.build(lang, chapter))] for lang in LANGUAGES}
    differ = [lang for lang in LANGUAGES if sources[lang] != sources["es"]]
    assert not differ, f"{chapter}: the code cells in {differ} differ from Spanish"


def _heading_of_each_snippet(lang, chapter):
    """For each snippet include of the raw page, in order: the heading (markdown) it sits under."""
    heading, in_fence, found = None, False, []
    for line in (DOCS / lang / f"{chapter}.md").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and re.match(r"#{2,6} ", line):
            heading = line
        elif in_fence and (m := re.match(r'-{1,}8<-{1,}\s+"(snippets/[^"]+\.py)"', stripped)):
            found.append((m.group(1), heading))
    return found


@pytest.mark.parametrize("lang,chapter", CASES, ids=[f"{lg}/{ch}" for lg, ch in CASES])
def test_headings_are_the_pages_own_in_its_language(lang, chapter):
    nb = notebooks.build(lang, chapter)
    page = parse_page(DOCS / lang / f"{chapter}.md")
    intro, *sections = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert intro.startswith("# ") and page.titles[1] in intro.splitlines()[0], "the title is the chapter's"
    assert all(re.fullmatch(r"#{2,6} [^\n]+", s) for s in sections), "a section cell holds only its heading"
    # The page's headings, with their levels, in order (some skipped: those without examples).
    page_headings = iter(zip(page.headings[1:], page.titles[2:]))
    for cell in sections:
        level, title = len(cell.split(" ", 1)[0]), cell.split(" ", 1)[1]
        assert (level, title) in page_headings, f"{lang}/{chapter}: {cell!r} is not the page's next heading"
    # Each example sits under the heading it has on the page.
    current, placed = None, []
    for cell in nb.cells[2:]:  # after the intro and the install cell
        if cell.cell_type == "markdown":
            current = cell.source
        else:
            placed.append((cell.metadata["snippet"], current))
    assert placed == _heading_of_each_snippet(lang, chapter)


@pytest.mark.parametrize("chapter", notebooks.CHAPTERS)
def test_the_notes_are_in_each_pages_language(chapter):
    intros = {lang: notebooks.build(lang, chapter).cells[0].source for lang in LANGUAGES}
    assert len(set(intros.values())) == len(LANGUAGES), "each language has its own intro"
    for lang, intro in intros.items():
        assert notebooks.chapter_title(lang, chapter) in intro
        assert "pip install -r requirements.txt -e ." in intro, "says how to run it"
        assert "Jupyter" in intro and "Colab" in intro, "says where it runs"
        assert notebooks.snippet_folder(chapter) in intro
    assert set(notebooks.TEXT) == set(LANGUAGES)
    assert all(notebooks.TEXT[lang].keys() == notebooks.TEXT["es"].keys() for lang in LANGUAGES)


def test_a_notebook_is_valid_and_the_same_on_every_build():
    first = notebooks.dumps(notebooks.build("ja", "causal-attention"))
    again = notebooks.dumps(notebooks.build("ja", "causal-attention"))
    assert first == again
    nbformat.validate(nbformat.reads(first, as_version=4))
    assert json.loads(first)["metadata"]["kernelspec"]["name"] == "python3"


def test_output_check_names_a_cell_that_prints_something_else():
    nb = notebooks.build("es", "causal-attention")
    outputs = [[] if "install" in c.metadata else
               [{"output_type": "stream", "name": "stdout",
                 "text": (ROOT / c.metadata["snippet"]).with_suffix(".out").read_text(encoding="utf-8")}]
               for c in notebooks.code_cells(nb)]
    assert notebooks.output_problems(notebooks.with_outputs(nb, outputs)) == []
    outputs = outputs[1:]  # the snippet cells
    outputs[1][0]["text"] = outputs[1][0]["text"].replace("1", "7", 1)
    outputs[2].append({"output_type": "stream", "name": "stderr", "text": "a warning\n"})
    problems = notebooks.output_problems(notebooks.with_outputs(nb, [[], *outputs]))
    snippets = [c.metadata["snippet"] for c in notebooks.snippet_cells(nb)]
    assert len(problems) == 2
    assert problems[0].startswith(snippets[1]) and "printed something else" in problems[0]
    assert problems[1].startswith(snippets[2]) and "stderr" in problems[1]


def test_stream_pieces_are_joined_as_jupyter_shows_them():
    pieces = [{"output_type": "stream", "name": "stdout", "text": "a\n"},
              {"output_type": "stream", "name": "stdout", "text": ["b\n", "c\n"]},
              {"output_type": "stream", "name": "stderr", "text": "w\n"}]
    assert notebooks._coalesced(pieces) == [
        {"output_type": "stream", "name": "stdout", "text": "a\nb\nc\n"},
        {"output_type": "stream", "name": "stderr", "text": "w\n"},
    ]


def test_code_run_after_the_cells_shares_their_kernel_and_its_output_is_not_kept(tmp_path):
    seen = tmp_path / "seen.txt"
    after = f"print('not kept')\nopen({str(seen)!r}, 'w').write(str(answer))"
    (outputs,) = notebooks.execute([["answer = 6 * 7", "print(answer)"]], after=[after])
    assert outputs == [[], [{"output_type": "stream", "name": "stdout", "text": "42\n"}]]
    assert seen.read_text() == "42", "it ran in the same kernel, after the cells"


def test_the_execution_key_covers_the_code_and_the_package():
    package = notebooks.package_fingerprint()
    assert notebooks.execution_key(["print(1)"], package) == notebooks.execution_key(["print(1)"], package)
    assert notebooks.execution_key(["print(1)"], package) != notebooks.execution_key(["print(2)"], package)
    assert notebooks.execution_key(["print(1)"], package) != notebooks.execution_key(["print(1)"], "other src")


def test_notebook_pages_get_the_notebook_page_weight_budget():
    for chapter in notebooks.CHAPTERS:
        slug = notebooks.notebook_slug(chapter)
        assert budget(slug)[0] == "notebook"
        assert notebooks.chapter_of(slug) == chapter
        assert slug in notebooks.notebook_slugs("ko")
    assert notebooks.chapter_of("self-attention") is None
    assert budget("self-attention")[0] == "chapter"


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="lang"):
        notebooks.build("fr", "self-attention")
    with pytest.raises(ValueError, match="chapter"):
        notebooks.build("es", "glossary")
