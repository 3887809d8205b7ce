"""MkDocs hook: the figures of tools/figures.py, drawn at build time and added to the site.

Every figure is added, for every language pass, as a generated file at assets/figures/<name>.svg
(one copy at the site root that every language's pages reference). The SVGs are kept in
.cache/figures/ under a key of what they are drawn from (tools/figures.py, the package's source
and the library versions), so a build that changed none of it does not import matplotlib.
A build that runs the training chapter's notebook draws them in its kernel, after the notebook's
own cells (start_in_background), where the encoder the training figures show is already trained.
The build fails when a page shows a figure that is not drawn (MkDocs' own link check) or when a
figure is drawn that no page shows.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path: make `tools` importable
    sys.path.insert(0, str(ROOT))

log = logging.getLogger("mkdocs.hooks.figures")
CACHE = ROOT / ".cache" / "figures"
SITE_FOLDER = "assets/figures"  # as tools.figures.SITE_FOLDER, without importing it (torch)
SHOWN = re.compile(r"assets/figures/((?:[a-z]{2}/)?[\w.-]+\.svg)")
# The figures with words (tools.figures.LANGUAGE_FIGURES, without importing it): each page links
# the default language's drawing, and is pointed here at its own language's.
LANGUAGE_FIGURES = ("transformer.svg",)
DEFAULT_LANGUAGE = "es"


def fingerprint() -> str:
    """What the figures are drawn from: tools/figures.py, src/ and the drawing libraries."""
    digest = hashlib.sha256()
    sources = [ROOT / "tools" / "figures.py", *sorted((ROOT / "src" / "attention_steps").rglob("*.py"))]
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    for name in ("matplotlib", "torch", "numpy"):
        digest.update(f"{name}=={metadata.version(name)}".encode())
    return digest.hexdigest()


_drawn: dict[str, dict[str, str]] = {}  # fingerprint -> {name: svg}, for every pass of a build
_shown: set[str] = set()  # figure names the pages of this build show


def _start_drawing(folder: str) -> subprocess.Popen:
    """Start `python -m tools.figures <folder>`: every figure drawn from the sources as they are on
    disk now. (Drawn in this process, a long-lived one such as `mkdocs serve` drew with the
    tools/figures.py and package it had imported, and kept that drawing under the key of the
    edited files.) One torch thread: it runs beside the notebooks' kernels or test workers
    (tools.portability.threads_env)."""
    from tools.portability import threads_env

    return subprocess.Popen([sys.executable, "-m", "tools.figures", folder], cwd=ROOT, env=threads_env(1),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _drawing(process: subprocess.Popen, folder: str) -> dict[str, str]:
    """What a drawing started by _start_drawing drew, once it has ended; PluginError if it failed."""
    _, errors = process.communicate()
    if process.returncode != 0:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"drawing the figures failed:\n{errors}")
    return _read(folder)


def _read(folder: str) -> dict[str, str]:
    """Every SVG drawn into `folder`, by its path there."""
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(Path(folder).rglob("*.svg"))}


def _forget_kernel_drawing() -> None:
    """Take back the drawing asked of the training notebook's kernel, if no build has run it."""
    from tools import notebooks

    notebooks.AFTER.pop(TRAINING_CHAPTER, None)


def draw_in_a_fresh_process() -> dict[str, str]:
    """Every figure, drawn now by a fresh `python -m tools.figures` (see _start_drawing)."""
    with tempfile.TemporaryDirectory() as tmp:
        return _drawing(_start_drawing(tmp), tmp)


def _lock():
    from filelock import FileLock

    CACHE.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(CACHE.parent / "figures.lock"))


# The chapter whose notebook trains the encoder the training figures show (tools.figures.masked_run).
TRAINING_CHAPTER = "training"
# A drawing asked for at the start of a build: (fingerprint, temporary folder, held lock).
_background: list[tuple] = []
DRAWN = ".drawn"  # written into the folder once the kernel has drawn every figure


def _in_kernel(folder: str) -> str:
    """The code that draws every figure into `folder` in a notebook's kernel, then marks it drawn."""
    return ("import sys\n"
            f"sys.path.insert(0, {str(ROOT)!r})\n"
            "from tools.figures import main as draw_figures\n"
            f"draw_figures([{folder!r}])\n"
            f"open({str(Path(folder) / DRAWN)!r}, 'w').close()")


def start_in_background() -> None:
    """Have the figures drawn while the build does other work, when .cache/figures/ lacks the
    drawing of the current sources and no other process is drawing it: in the kernel that runs
    the training chapter's notebook, after its cells (tools.notebooks.AFTER), where the encoder
    is already trained; in a process of their own where the build does not run that notebook
    (its outputs are cached: figures() starts it). A drawing of their own trained the encoder a
    second time (11 s of CPU) and imported torch and matplotlib once more."""
    from filelock import Timeout

    from tools import notebooks

    key = fingerprint()
    if _background or key in _drawn or (CACHE / key / "names.txt").exists():
        return
    lock = _lock()
    try:
        lock.acquire(timeout=0)
    except Timeout:  # another process draws: figures() waits for it
        return
    if (CACHE / key / "names.txt").exists():  # another process drew them while we looked
        lock.release()
        return
    folder = tempfile.TemporaryDirectory()
    notebooks.AFTER[TRAINING_CHAPTER] = _in_kernel(folder.name)
    _background.append((key, folder, lock))


def _store(key: str, svgs: dict[str, str]) -> None:
    """Keep the drawing of the sources `key` in .cache/figures/, if no source changed meanwhile."""
    if fingerprint() != key:
        return
    folder = CACHE / key
    folder.mkdir(parents=True, exist_ok=True)
    for name, svg in svgs.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(svg, encoding="utf-8")
    (folder / "names.txt").write_text("\n".join(svgs) + "\n", encoding="utf-8")  # written last
    for old in CACHE.iterdir():  # keep only the figures of the current sources
        if old != folder:
            shutil.rmtree(old)


def figures() -> dict[str, str]:
    """Every figure's SVG by file name: from memory, from the drawing under way, from
    .cache/figures/, or drawn now."""
    key = fingerprint()
    if key in _drawn:
        return _drawn[key]
    svgs = None
    while _background:
        started, folder, lock = _background.pop()
        try:
            if started == key:  # else a source changed since the build started: drawn below
                if (Path(folder.name) / DRAWN).exists():
                    svgs = _read(folder.name)
                else:  # no kernel of this build drew them: a process of their own does
                    svgs = _drawing(_start_drawing(folder.name), folder.name)
                _store(key, svgs)
        finally:
            _forget_kernel_drawing()
            folder.cleanup()
            lock.release()
    if svgs is None:
        names = CACHE / key / "names.txt"  # written last: a folder without it is incomplete
        # One process draws, the others wait for its drawing: the test build and the figure
        # tests of one test run often ask at the same time.
        with _lock():
            if names.exists():
                svgs = {n: (CACHE / key / n).read_text(encoding="utf-8") for n in names.read_text().split()}
            else:
                log.info("Drawing the figures")
                svgs = draw_in_a_fresh_process()
                _store(key, svgs)
    _drawn.clear()
    _drawn[key] = svgs
    return svgs


def on_pre_build(config):
    """A new build: no figure shown yet; the figures are drawn, if they must, in the training
    notebook's kernel (tools/notebook_hooks.py runs the notebooks in on_files)."""
    if not config.plugins["i18n"].building:
        _shown.clear()
        start_in_background()


@event_priority(-100)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files, config):
    """Add every figure, once, at the root of the site, for every language's pages."""
    for name, svg in figures().items():
        uri = f"{SITE_FOLDER}/{name}"
        if uri not in files.src_uris:
            files.append(File.generated(config, uri, content=svg))
    return files


def in_language(content: str, lang: str) -> str:
    """Point the page's figures with words at the drawing in its language `lang`."""
    if lang == DEFAULT_LANGUAGE:
        return content
    for name in LANGUAGE_FIGURES:
        content = re.sub(rf"(assets/figures/){re.escape(name)}\b", rf"\g<1>{lang}/{name}", content)
    return content


def on_page_content(content, page, config, files):
    """Point figures with words at the page's language, and note which figures the page shows."""
    content = in_language(content, config.plugins["i18n"].current_language)
    _shown.update(SHOWN.findall(content))
    return content


@event_priority(-100)  # after mkdocs-static-i18n's own on_post_build, which builds the other languages
def on_post_build(config):
    """At the end of the whole build, every figure drawn must have been shown by some page."""
    if config.plugins["i18n"].building:
        return
    unused = sorted(set(figures()) - _shown)
    if unused:
        log.warning(f"figures drawn but shown on no page (tools/figures.py FIGURES): {unused}")
