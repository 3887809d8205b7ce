"""The build's shortcuts give the same site: the search index without <span> tags, and each code
block highlighted once for all four languages."""

from types import SimpleNamespace

import markdown
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from tools import mkdocs_hooks

PAGE = """# Title

Some text with <span class="note">a span</span> and `code`.

## Part

```python
x = [1, 2]  # a list
print(f"{x!r}")
```

<span data-search-exclude>not indexed</span>
"""


def _converted(page_text: str = PAGE):
    md = markdown.Markdown(extensions=["pymdownx.superfences", "pymdownx.highlight", "toc", "md_in_html"])
    html = md.convert(page_text)
    return SimpleNamespace(content=html, toc=get_toc(md.toc_tokens), url="p/", meta={}, title="Title")


def _entries(wrap: bool, page_text: str = PAGE):
    index = SearchIndex(separator=r"[\s\-]+", pipeline=[], lang=["en"])
    if wrap:
        mkdocs_hooks.index_without_spans(index)
        mkdocs_hooks.index_without_spans(index)  # a second call does not wrap twice
    page = _converted(page_text)
    before = page.content
    index.add_entry_from_context(page)
    assert page.content == before, "the page keeps its spans"
    return index.entries


def test_the_search_index_is_the_same_without_the_span_tags():
    page = PAGE.split("<span data-search-exclude>")[0]
    plain, without = _entries(False, page), _entries(True, page)
    assert without == plain
    assert any("print" in entry["text"] for entry in plain), plain  # the code is indexed
    # A page with an element to skip is indexed as it is.
    plain, without = _entries(wrap=False), _entries(wrap=True)
    assert without == plain
    assert any("print" in entry["text"] for entry in plain), plain  # the code is indexed
    assert not any("not indexed" in entry["text"] for entry in plain)
    assert "<span" in _converted().content  # the shortcut has something to take out


def test_each_code_block_is_highlighted_once_and_the_same(monkeypatch):
    from pymdownx import highlight

    calls = []
    real = highlight.highlight
    monkeypatch.setattr(highlight, "highlight", lambda *a: calls.append(a) or real(*a))
    monkeypatch.setattr(mkdocs_hooks, "_highlighted", {})
    first = markdown.Markdown(extensions=["pymdownx.superfences", "pymdownx.highlight"]).convert(PAGE)
    mkdocs_hooks.highlight_each_block_once()
    mkdocs_hooks.highlight_each_block_once()  # wraps once
    again = [markdown.Markdown(extensions=["pymdownx.superfences", "pymdownx.highlight"]).convert(PAGE)
             for _ in range(3)]
    assert again == [first] * 3
    assert len(calls) == 2, "pygments ran once before the memo and once to fill it, not again"
    other = markdown.Markdown(extensions=["pymdownx.superfences", "pymdownx.highlight"],
                              extension_configs={"pymdownx.highlight": {"linenums": True}}).convert(PAGE)
    assert other != first and len(calls) == 3, "other settings are highlighted anew"


def test_highlighted_blocks_are_kept_for_the_next_build(monkeypatch, tmp_path):
    from pymdownx import highlight

    calls = []
    real = highlight.highlight
    monkeypatch.setattr(highlight, "highlight", lambda *a: calls.append(a) or real(*a))
    monkeypatch.setattr(mkdocs_hooks, "_highlighted", {})
    monkeypatch.setattr(mkdocs_hooks, "_highlights_used", set())
    monkeypatch.setattr(mkdocs_hooks, "HIGHLIGHT_CACHE", tmp_path)
    mkdocs_hooks.highlight_each_block_once()
    def convert(text):  # each page gets its own Markdown, as in a build
        return markdown.Markdown(extensions=["pymdownx.superfences", "pymdownx.highlight"]).convert(text)

    mkdocs_hooks.load_highlights()  # no file yet: nothing kept
    first = convert(PAGE)
    mkdocs_hooks.save_highlights()
    assert len(calls) == 1 and len(list(tmp_path.glob("*.json"))) == 1
    mkdocs_hooks._highlighted.clear()  # as in a new process
    mkdocs_hooks.load_highlights()
    assert convert(PAGE) == first and len(calls) == 1, "the next build highlights nothing again"
    # A build that shows no code keeps nothing: a block no page shows is not kept forever.
    mkdocs_hooks.load_highlights()
    mkdocs_hooks.save_highlights()
    mkdocs_hooks._highlighted.clear()
    mkdocs_hooks.load_highlights()
    assert mkdocs_hooks._highlighted == {}


def test_the_theme_is_listed_once_a_build_with_the_same_files(monkeypatch, tmp_path):
    import jinja2
    from mkdocs.structure.files import File, Files

    first, second = tmp_path / "first", tmp_path / "second"
    for path in ("first/a.css", "second/a.css", "second/b.js", "first/page.html", "second/.hidden/c.js",
                 "second/sitemap.xml"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path)
    real = Files.add_files_from_theme

    def listed(add, dirs, docs=()):
        config = SimpleNamespace(theme=SimpleNamespace(dirs=dirs, static_templates=["sitemap.xml"]),
                                 site_dir=str(tmp_path / "site"), use_directory_urls=True)
        files = Files([File(p, str(tmp_path / "docs"), config.site_dir, True) for p in docs])
        add(files, jinja2.Environment(loader=jinja2.FileSystemLoader(dirs)), config)
        return sorted((f.src_uri, f.abs_src_path, f.dest_uri) for f in files)

    cases = [([str(first), str(second)], ()), ([str(first), str(first), str(second)], ("b.js",))]
    expected = [listed(real, dirs, docs) for dirs, docs in cases]
    assert ("a.css", str(first / "a.css"), "a.css") in expected[0] and len(expected[0]) == 2
    monkeypatch.setattr(mkdocs_hooks, "_theme_files", {})
    monkeypatch.setattr(Files, "add_files_from_theme", real)
    mkdocs_hooks.list_theme_files_once()
    mkdocs_hooks.list_theme_files_once()  # wraps once
    assert [listed(Files.add_files_from_theme, dirs, docs) for dirs, docs in cases] == expected
    assert len(mkdocs_hooks._theme_files) == 1, "the second pass (a folder twice) reused the first's list"
