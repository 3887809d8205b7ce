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
