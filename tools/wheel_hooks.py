"""MkDocs hook: the package's wheel on the site, and its address in the pages' install commands.

- Adds the wheel of tools/wheel.py (built by pip, cached in .cache/wheel/) to the site at
  downloads/attention_steps-<version>-py3-none-any.whl, once, for every language.
- Pages show the install commands by including includes/install.sh (Linux, macOS) and
  includes/install.ps1 (Windows) in a fence; both name the wheel as WHEEL_URL_MARK. A Markdown
  preprocessor, run right after pymdownx.snippets has expanded the includes, replaces it with the
  wheel's real address, computed from site_url. So the four languages include the same lines and
  the address is never typed by hand.
"""

from __future__ import annotations

import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path: make `tools` importable
    sys.path.insert(0, str(ROOT))

from tools import wheel  # noqa: E402

SNIPPETS_PRIORITY = 32  # pymdownx.snippets' preprocessor: ours runs right after it
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wheel")


class _WheelUrl(Preprocessor):
    def __init__(self, md, url: str):
        super().__init__(md)
        self.url = url

    def run(self, lines: list[str]) -> list[str]:
        return [line.replace(wheel.WHEEL_URL_MARK, self.url) for line in lines]


class WheelUrlExtension(Extension):
    """Replaces WHEEL_URL_MARK, in the page and what it includes, with the wheel's address."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_WheelUrl(md, self.url), "attention_steps_wheel_url", SNIPPETS_PRIORITY - 1)


def on_config(config):
    """Give the pages the wheel's address (on_config runs again for each language pass)."""
    if not config.site_url:
        raise PluginError("tools/wheel_hooks.py computes the wheel's address from site_url: set it")
    url = wheel.wheel_url(config.site_url)
    extensions = [e for e in config.markdown_extensions if isinstance(e, WheelUrlExtension)]
    if extensions:
        extensions[0].url = url
    else:
        config.markdown_extensions.append(WheelUrlExtension(url))
    return config


_building: list[Future] = []  # the wheel of this build, under way


def on_pre_build(config):
    """A new build: the wheel is taken from the cache or built by pip (1.5 s) in a thread, while
    the notebooks run, instead of after them."""
    if not config.plugins["i18n"].building:
        _building.clear()
        _building.append(_pool.submit(wheel.wheel))


@event_priority(-100)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files, config):
    """Add the wheel, once, at the root of the site, for every language."""
    uri = wheel.site_path()
    if uri not in files.src_uris:
        try:
            path = _building[0].result() if _building else wheel.wheel()
        except RuntimeError as error:
            raise PluginError(str(error)) from error
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
