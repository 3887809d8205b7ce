"""Every output block on a page equals what the code block right before it prints."""

from functools import cache

from tools.snippets import run_source


@cache
def _printed(code: str, name: str) -> str:
    return run_source(code, name)


def test_every_output_block_is_what_its_code_prints(pages, page_key):
    page = pages[page_key]
    wrong = []
    for code, output in page.examples:
        if output is None:
            continue
        printed = _printed(code.content, f"{page.name}:{code.line}")
        # Compare what the reader sees: the highlighter drops leading and trailing blank lines.
        if printed.strip("\n") != output.content.strip("\n"):
            wrong.append(
                f"{page.name} line {output.line}: the output block differs from what the code "
                f"at line {code.line} prints.\n--- shown\n{output.content}--- printed\n{printed}"
            )
    assert not wrong, "\n".join(wrong)
