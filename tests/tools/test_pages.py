"""The page reader that the doc tests rely on: what it finds, and what it refuses."""

import pytest

from tools.pages import PageError, decimals, expand_includes, parse_page


@pytest.mark.parametrize(
    "text, found",
    [
        ("weights 0.1385 and 0.2379.", ["0.1385", "0.2379"]),
        ("「journey」で1.4950、合計は1.0000です", ["1.4950", "1.0000"]),
        ("점수는 1.4754이고 합은 0.9544입니다", ["1.4754", "0.9544"]),
        ("torch 2.13.0 and v0.5 and x_0.5", []),
        ("exp(88.7) and −0.25 and 1.6516e+38", ["88.7", "-0.25", "1.6516e+38"]),
        ("integers 6 and 3 do not count", []),
    ],
)
def test_decimals_are_found_as_a_reader_sees_them(text, found):
    assert decimals(text) == found


def test_includes_are_expanded_by_pymdownx_snippets_sections_included():
    text = expand_includes('--8<-- "src/attention_steps/softmax.py:softmax_naive"')
    assert text.startswith("def softmax_naive(")
    assert "--8<--" not in text


def test_a_missing_include_is_an_error():
    with pytest.raises(Exception, match="nowhere.py"):
        expand_includes('--8<-- "snippets/nowhere.py"')


def _page(tmp_path, text, lang="ja"):
    path = tmp_path / lang / "page.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_code_output_prose_and_sections_are_told_apart(tmp_path):
    page = parse_page(_page(tmp_path, (
        "# Title\n\nIntro 0.25.\n\n## Part\n\n"
        '```python title="x.py"\nprint(0.5)\n```\n\n```text title="出力"\n0.5\n```\n\n'
        "!!! note\n    In an admonition: 0.75 and $e^{0.125}$.\n\n"
        "| a |\n|---|\n| 1.5 |\n\n$$\ny = 2.25\n$$\n"
    )))
    assert page.lang == "ja" and page.headings == [1, 2]
    assert page.titles == ["(top)", "Title", "Part"]
    [(code, output)] = page.examples
    assert code.title == "x.py" and output.content == "0.5\n"
    assert [sorted(c) for c in page.prose_numbers()] == [[], ["0.25"], ["0.125", "0.75", "1.5", "2.25"]]
    assert page.shown_numbers() == {"0.5"}


def test_an_output_block_without_code_before_it_is_refused(tmp_path):
    with pytest.raises(PageError, match="output block with no python block"):
        parse_page(_page(tmp_path, "# T\n\nText.\n\n```text\n1.0\n```\n"))


def test_indented_code_that_would_go_untested_is_refused(tmp_path):
    with pytest.raises(PageError, match="indented code block"):
        parse_page(_page(tmp_path, '# T\n\n=== "Tab"\n\n    print(1)\n'))


def test_each_fence_knows_what_it_includes(tmp_path):
    page = parse_page(_page(tmp_path, (
        "# T\n\n"
        '```python title="src/attention_steps/softmax.py"\n'
        '--8<-- "src/attention_steps/softmax.py:imports"\n\n'
        '--8<-- "src/attention_steps/softmax.py:softmax_naive"\n```\n\n'
        "```python\nprint(1)\n```\n"
    )))
    shown, written = [code for code, _ in page.examples]
    assert shown.includes == ["src/attention_steps/softmax.py:imports", "src/attention_steps/softmax.py:softmax_naive"]
    assert shown.shows_source and "def softmax_naive(" in shown.content
    assert written.includes == [] and not written.shows_source
