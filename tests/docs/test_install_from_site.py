"""A reader with no clone: the package installs from the served site's wheel into a fresh venv
that has only torch and numpy (and what running a notebook needs), a downloaded notebook runs
there, and every snippet, copied out of the checkout, prints its .out file there.

The reader's venv lives outside the checkout, in ~/.cache/attention-steps/ (or $XDG_CACHE_HOME),
keyed on the Python and library versions it was made with, so a warm run reuses it; each run
that executes the notebook uninstalls the package from it first, so the notebook's install cell
has to install the wheel over HTTP again. The site is the served one of tests/conftest.py, shared
with the browser tests. What the notebook and each snippet gave in that venv is kept
(tools/verdicts.py) with a hash of what it ran: the wheel the site serves, the downloaded notebook
or the snippet, this file and the venv's versions; a run on the same inputs reuses it, and any
change runs it again.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from importlib import metadata
from pathlib import Path

import nbformat
import pytest

from tools import notebooks, wheel
from tools.pages import DOCS, LANGUAGES, ROOT
from tools.snippets import SNIPPETS, expected_output_path, snippet_files
from tools.verdicts import Verdicts, files_digest, sha

FILES = snippet_files()
NOTEBOOK = ("ja", "self-attention")  # the notebook the reader downloads and runs
# What running a notebook needs besides torch and numpy, at the versions the docs use.
NOTEBOOK_RUNNERS = ("ipykernel", "nbclient")


def _pinned(name: str) -> str:
    """The requirement requirements.txt gives for name (torch==2.13.0, numpy==2.4.*)."""
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if re.match(rf"{name}\s*==", line):
            return line.split("#")[0].strip()
    raise LookupError(f"requirements.txt pins no {name}")


def reader_requirements() -> list[str]:
    return [_pinned("torch"), _pinned("numpy"), *(f"{n}=={metadata.version(n)}" for n in NOTEBOOK_RUNNERS)]


def _clean_env(venv: Path) -> dict[str, str]:
    """The environment of a reader's shell: their venv first on PATH, nothing of this checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PATH"] = str(venv / "bin") + os.pathsep + env.get("PATH", "")
    env["PYTHONNOUSERSITE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(venv: Path, args: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "python"), *args], cwd=cwd, env=_clean_env(venv),
                          capture_output=True, text=True, timeout=timeout, check=False)


def _check(done: subprocess.CompletedProcess, what: str) -> str:
    assert done.returncode == 0, f"{what} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


# What the reader's venv imports: the notebook's kernel and client, torch and numpy.
WARM_UP = "import ipykernel.kernelapp, nbclient, nbformat, numpy, torch"


@pytest.fixture(scope="session")
def reader_venv(tmp_path_factory) -> Path:
    """A venv outside the checkout with torch, numpy, ipykernel and nbclient: never the docs
    toolchain. Made once per set of versions; a half-made one is made again."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "attention-steps"
    spec = [sys.version, *reader_requirements()]
    venv = cache / f"reader-venv-{hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:12]}"
    assert ROOT not in venv.parents, "the reader's venv must be outside the checkout"
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / "reader-venv.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test run may be making it right now
        if not (venv / ".complete").exists():
            shutil.rmtree(venv, ignore_errors=True)
            for old in cache.glob("reader-venv-*"):  # venvs of other versions
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
            outside = tmp_path_factory.mktemp("reader-home")
            _check(subprocess.run([sys.executable, "-m", "venv", str(venv)], cwd=outside,
                                  capture_output=True, text=True, check=False), "python -m venv")
            # --no-compile, then one import of what the notebook and snippets use, which writes
            # the bytecode of those modules only: 27 s instead of 49 s, where pip byte-compiles
            # every file of torch (what a reader runs is the same either way).
            _check(_run(venv, ["-m", "pip", "install", "--quiet", "--no-compile", *reader_requirements()], outside),
                   "installing torch and numpy in the reader's venv")
            compiling = {k: v for k, v in _clean_env(venv).items() if k != "PYTHONDONTWRITEBYTECODE"}
            _check(subprocess.run([str(venv / "bin" / "python"), "-c", WARM_UP], cwd=outside, env=compiling,
                                  capture_output=True, text=True, timeout=900, check=False),
                   "importing torch, numpy and the kernel in the reader's venv")
            (venv / ".complete").write_text(json.dumps(spec) + "\n", encoding="utf-8")
    return venv


def _importable(venv: Path, module: str, cwd: Path) -> bool:
    code = f"import importlib.util, sys; sys.exit(0 if importlib.util.find_spec({module!r}) else 1)"
    return _run(venv, ["-c", code], cwd).returncode == 0


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.status == 200, url
        return response.read()


def _page_url(base: str, lang: str, slug: str) -> str:
    return base + ("" if lang == "es" else f"{lang}/") + ("" if slug == "index" else f"{slug}/")


# Runs in the reader's venv: the downloaded notebook, in a fresh kernel of that venv.
EXECUTE = """
import sys
import nbformat
from nbclient import NotebookClient

nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="python3", timeout=600, allow_errors=False,
               resources={"metadata": {"path": "."}}).execute()
nbformat.write(nb, sys.argv[2])
"""


def _remove_package(venv: Path) -> None:
    """Take the package out of the reader's venv, as `pip uninstall` would, but without failing
    when an earlier run left it half-removed (pip uninstall then stops at a missing file)."""
    site_packages = next(venv.glob("lib/python3*/site-packages"), None) or venv / "Lib" / "site-packages"
    for installed in [*site_packages.glob("attention_steps"), *site_packages.glob("attention_steps-*.dist-info")]:
        shutil.rmtree(installed, ignore_errors=True)


@pytest.fixture(scope="module")
def kept(reader_venv, served_site_url):
    """What earlier runs gave in this reader venv (tools/verdicts.py), and how an input hashes
    now: `wheel` (the served wheel), `notebook` (the downloaded notebook), `snippet:<path>`."""
    lang, chapter = NOTEBOOK
    notebook_url = f"{_page_url(served_site_url, lang, notebooks.notebook_slug(chapter))}{notebooks.download_name(chapter)}"

    @functools.cache
    def current(key: str) -> str | None:
        if key == "wheel":
            return sha(_fetch(wheel.wheel_url(served_site_url)))
        if key == "notebook":
            return sha(_fetch(notebook_url))
        path = SNIPPETS / key.removeprefix("snippet:")
        return sha(path.read_bytes()) if path.is_file() else None

    fixed = [reader_venv.name, files_digest([Path(__file__)]), served_site_url]
    return Verdicts("reader-venv", fixed), current


@pytest.fixture(scope="module")
def installed_by_the_notebook(reader_venv, served_site_url, kept, tmp_path_factory):
    """The reader's venv without the package, then a notebook downloaded from the served site,
    executed there: its first cell installs the wheel over HTTP. The executed notebook (the one
    an earlier run executed on the same wheel and notebook, if the package is still installed)."""
    verdicts, current = kept
    folder = tmp_path_factory.mktemp("reader")
    before = verdicts.passed("notebook", current)
    installed = reader_venv / "installed-wheel.sha256"  # which wheel the last executed notebook installed
    if (before and installed.is_file() and installed.read_text() == current("wheel")
            and _importable(reader_venv, "attention_steps", folder)):
        return nbformat.reads(before["executed"], as_version=4)
    installed.unlink(missing_ok=True)
    _remove_package(reader_venv)
    assert not _importable(reader_venv, "attention_steps", folder), "the package is still installed"
    assert not _importable(reader_venv, "mkdocs", folder), "the reader's venv has the docs toolchain"
    lang, chapter = NOTEBOOK
    slug = notebooks.notebook_slug(chapter)
    downloaded = folder / notebooks.download_name(chapter)
    downloaded.write_bytes(_fetch(f"{_page_url(served_site_url, lang, slug)}{notebooks.download_name(chapter)}"))
    (folder / "run.py").write_text(EXECUTE, encoding="utf-8")
    _check(_run(reader_venv, ["run.py", downloaded.name, "executed.ipynb"], folder),
           f"running the downloaded {lang}/{slug}.ipynb in the reader's venv")
    executed = nbformat.read(folder / "executed.ipynb", as_version=4)
    installed.write_text(current("wheel"))
    verdicts.record("notebook", {"wheel": current("wheel"), "notebook": sha(downloaded.read_bytes())},
                    executed=nbformat.writes(executed))
    return executed


INSTALL_FENCES = [("bash", '--8<-- "includes/install.sh"'), ("powershell", '--8<-- "includes/install.ps1"')]


def _blocks(lang: str, slug: str):
    """The raw page's parts: ("admonition", hrefs, fences) for each admonition and ("section",
    heading, fences) for each section outside them; fences as (language, content)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin

    tokens = MarkdownIt("commonmark").use(admon_plugin).parse(
        (DOCS / lang / f"{slug}.md").read_text(encoding="utf-8"))
    parts, current, inside = [], ("section", "(top)", [], []), None
    parts.append(current)
    for i, token in enumerate(tokens):
        if token.type == "admonition_open":
            inside = ("admonition", token.info, [], [])
            parts.append(inside)
        elif token.type == "admonition_close":
            inside = None
        elif token.type == "heading_open" and inside is None:
            current = ("section", tokens[i + 1].content, [], [])
            parts.append(current)
        elif token.type == "fence":
            (inside or current)[2].append((token.info.split()[0], token.content.strip()))
        elif token.type == "inline":
            hrefs = [c.attrs.get("href", "") for c in token.children or [] if c.type == "link_open"]
            (inside or current)[3].extend(hrefs)
    return parts


def test_every_notebook_box_and_the_index_give_the_install_for_linux_macos_and_windows(lang):
    # `lang`: each language in turn (tests/docs/conftest.py)
    for chapter in notebooks.CHAPTERS:
        boxes = [fences for kind, _, fences, hrefs in _blocks(lang, chapter)
                 if kind == "admonition" and f"{notebooks.notebook_slug(chapter)}.ipynb" in hrefs]
        assert len(boxes) == 1, f"docs/{lang}/{chapter}.md: one admonition links its notebook"
        assert boxes[0] == INSTALL_FENCES, f"docs/{lang}/{chapter}.md: the notebook box shows {boxes[0]}"
    # The index's section on running the examples: the one that also shows the clone's install.
    sections = [fences for kind, _, fences, _ in _blocks(lang, "index")
                if kind == "section" and any("requirements.txt" in code for _, code in fences)]
    assert len(sections) == 1 and sections[0][:2] == INSTALL_FENCES, f"docs/{lang}/index.md"


def test_the_site_serves_the_wheel_at_its_stable_address(served_site_url):
    url = wheel.wheel_url(served_site_url)
    assert url == f"{served_site_url}downloads/attention_steps-{wheel.version()}-py3-none-any.whl"
    assert _fetch(url) == wheel.wheel().read_bytes()


def test_the_pages_give_the_one_line_install_from_the_sites_wheel(served_site_url):
    commands = [wheel.install_command(served_site_url), wheel.install_command(served_site_url, "py")]
    for lang in LANGUAGES:
        for slug in ("index", *notebooks.CHAPTERS):
            page = _fetch(_page_url(served_site_url, lang, slug)).decode("utf-8")
            code = [html.unescape(re.sub(r"<[^>]+>", "", block))
                    for block in re.findall(r"<code>(.*?)</code>", page, re.DOTALL)]
            for command in commands:
                assert any(command in block for block in code), f"{lang}/{slug} does not show: {command}"
            assert wheel.WHEEL_URL_MARK not in page, f"{lang}/{slug}"


def test_the_served_site_links_its_repository_and_each_pages_source(served_site_url):
    from tests.conftest import SAMPLE_REPO_URL

    repo = os.environ.get("REPO_URL") or SAMPLE_REPO_URL
    page = _fetch(_page_url(served_site_url, "ko", "self-attention")).decode("utf-8")
    assert f'href="{repo}"' in page
    assert f'href="{repo}/edit/main/docs/ko/self-attention.md"' in page
    # Material's own link would ask the GitHub API for stars and forks: another host.
    assert 'data-md-component="source"' not in page


def test_the_downloaded_notebook_installs_the_package_over_http_and_runs(installed_by_the_notebook):
    nb = installed_by_the_notebook
    install, *cells = notebooks.code_cells(nb)
    printed = "".join(o.get("text", "") for o in install.outputs if o.output_type == "stream")
    assert f"Successfully installed attention-steps-{wheel.version()}" in printed, printed
    assert "mkdocs" not in printed.lower(), "the install pulled in the docs toolchain"
    install.outputs = []  # the check below wants it silent, as where the package is installed
    assert notebooks.output_problems(nb) == []
    assert cells and cells == notebooks.snippet_cells(nb)


# Runs in the reader's venv: each snippet as `python <snippet>` from its own folder, each in a
# fresh process forked after torch and numpy are imported once (a new interpreter per snippet
# would spend most of the time importing torch again), one per processor at a time, each on one
# thread (the snippets print the same bytes on 1 or 2). argv: JSON [[snippet, stdout file], ...].
RUN_SNIPPETS = """
import json, os, runpy, sys, time, traceback
import numpy, torch

jobs, running = json.loads(sys.argv[1]), {}
torch.set_num_threads(1)
# The training chapter's encoder, trained once here, on one thread as the snippets run, before
# the snippets that use it are forked: train_masked keeps its run in the process, and each of
# them trained it again (11 s each).
if any("train_masked(TINY_TEXT)" in open(path, encoding="utf-8").read() for path, _ in jobs):
    from attention_steps.corpus import TINY_TEXT
    from attention_steps.mlm import train_masked

    train_masked(TINY_TEXT)


def wait_one():
    pid, status = os.wait()
    out, started = running.pop(pid)
    with open(out + ".status", "w") as f:
        json.dump([os.waitstatus_to_exitcode(status), time.monotonic() - started], f)


for path, out in jobs:
    if len(running) >= (os.cpu_count() or 1):
        wait_one()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            with open(out, "wb") as stdout, open(out + ".err", "wb") as stderr:
                os.dup2(stdout.fileno(), 1)
                os.dup2(stderr.fileno(), 2)
            torch.set_num_threads(1)
            folder = os.path.dirname(path)
            os.chdir(folder)
            sys.path[0] = folder
            sys.argv = [path]
            runpy.run_path(path, run_name="__main__")
            code = 0
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    running[pid] = (out, started)
while running:
    wait_one()
"""


@pytest.fixture(scope="module")
def printed_outside_the_checkout(reader_venv, installed_by_the_notebook, kept, tmp_path_factory):
    """Every snippet copied to a temporary folder and run there with the reader's python:
    {snippet: (exit code, stdout, stderr)}. The slowest of the last run start first; a snippet
    that printed its .out file on the same wheel before is not run again."""
    verdicts, current = kept
    folder = tmp_path_factory.mktemp("reader-snippets")
    timings_path = reader_venv / "snippet-seconds.json"
    timings = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    jobs, results = {}, {}
    for snippet in sorted(FILES, key=lambda s: -timings.get(s.relative_to(SNIPPETS).as_posix(), 0)):
        name = snippet.relative_to(SNIPPETS).as_posix()
        before = verdicts.passed(name, current)
        if before:
            results[snippet] = (0, before["printed"], "")
            continue
        copy = folder / snippet.relative_to(SNIPPETS)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(snippet, copy)
        jobs[snippet] = str(copy.with_suffix(".stdout"))
    if not jobs:
        return results
    (folder / "run.py").write_text(RUN_SNIPPETS, encoding="utf-8")
    pairs = [[out.removesuffix(".stdout") + ".py", out] for out in jobs.values()]
    _check(_run(reader_venv, ["run.py", json.dumps(pairs)], folder), "the snippet runner")
    for snippet, out in jobs.items():
        name = snippet.relative_to(SNIPPETS).as_posix()
        with contextlib.suppress(FileNotFoundError):
            code, seconds = json.loads(Path(out + ".status").read_text())
            timings[name] = seconds
            printed = Path(out).read_text(encoding="utf-8")
            results[snippet] = (code, printed, Path(out + ".err").read_text(encoding="utf-8"))
            if code == 0 and printed == expected_output_path(snippet).read_text(encoding="utf-8"):
                verdicts.record(name, {"wheel": current("wheel"), f"snippet:{name}": current(f"snippet:{name}")},
                                printed=printed)
    timings_path.write_text(json.dumps(timings, indent=1, sort_keys=True) + "\n")
    return results


def test_the_package_in_the_readers_venv_is_the_wheel_not_the_checkout(reader_venv, installed_by_the_notebook,
                                                                         tmp_path_factory):
    folder = tmp_path_factory.mktemp("reader-check")
    where = _check(_run(reader_venv, ["-c", "import attention_steps; print(attention_steps.__file__)"], folder),
                   "importing attention_steps")
    assert Path(where.strip()).is_relative_to(reader_venv), where
    assert not _importable(reader_venv, "mkdocs", folder), "installing the wheel brought the docs toolchain"


@pytest.mark.parametrize("snippet", FILES, ids=lambda p: str(p.relative_to(SNIPPETS)))
def test_every_snippet_prints_its_output_in_the_readers_venv(printed_outside_the_checkout, snippet):
    name = snippet.relative_to(ROOT)
    assert snippet in printed_outside_the_checkout, f"{name} was not run"
    code, printed, errors = printed_outside_the_checkout[snippet]
    assert code == 0, f"{name} failed in the reader's venv:\n{errors}"
    assert printed == expected_output_path(snippet).read_text(encoding="utf-8"), (
        f"{name} prints something else than {expected_output_path(snippet).relative_to(ROOT)} "
        "when run from a copy, with the package installed from the site's wheel"
    )
