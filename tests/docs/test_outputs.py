"""Every output block on a page equals what the code block right before it prints."""

import difflib
from tools.snippets import run_cached


def _printed(code: str, name: str) -> str:
    """What the code prints: run once per change of the code, the package or torch, and shared
    with tests/snippets (a block that is a whole snippet reuses that snippet's run)."""
    return run_cached(code, name)


def test_every_output_block_is_what_its_code_prints(pages, page_key):
    page = pages[page_key]
    wrong = []
    for code, output in page.examples:
        if output is None:
            continue
        printed = _printed(code.content, f"{page.name}:{code.line}")
        # Compare what the reader sees: the highlighter drops leading and trailing blank lines.
        if printed.strip("\n") != output.content.strip("\n"):
            diff = difflib.unified_diff(
                output.content.strip("\n").splitlines(),
                printed.strip("\n").splitlines(),
                "shown on the page",
                "printed by the code",
                lineterm="",
            )
            wrong.append(
                f"{page.name}: the output block after {code.title or 'the code block'} differs "
                f"from what that code prints:\n" + "\n".join(diff)
            )
    assert not wrong, "\n".join(wrong)
