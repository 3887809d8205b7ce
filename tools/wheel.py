"""The package as a wheel, for readers to install from the site with one line.

    python -m tools.wheel   # build it (or take it from the cache) and print its path

The site serves the wheel at <site_url>downloads/attention_steps-<version>-py3-none-any.whl
(tools/wheel_hooks.py adds it on every build); the pages and each notebook's first cell give that
address, computed from site_url, never typed by hand. It needs only torch and numpy.

The wheel is built by pip (`pip wheel --no-deps --no-build-isolation`, setuptools from
requirements.txt) from a copy of pyproject.toml, README.md and src/attention_steps/ in a temporary
folder, so the checkout gets no build/ or egg-info from it. It is kept in .cache/wheel/<key>/, the
key being a hash of exactly those files and setuptools' version: a build that changed none of them
reuses it without starting pip.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "wheel"
PACKAGE = "attention_steps"
SITE_FOLDER = "downloads"  # where the wheel lives in the built site
# PyTorch's own index of CPU-only wheels: without it, pip on Linux takes the multi-GB CUDA build.
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# What the wheel is built from, besides src/attention_steps/.
PROJECT_FILES = ("pyproject.toml", "README.md")
# How pages and notebooks write the wheel's address before the build puts in the real one.
WHEEL_URL_MARK = "ATTENTION_STEPS_WHEEL_URL"


def version() -> str:
    """The package's version, as pyproject.toml declares it."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def wheel_name() -> str:
    """The wheel's file name: attention_steps-<version>-py3-none-any.whl."""
    return f"{PACKAGE}-{version()}-py3-none-any.whl"


def site_path() -> str:
    """Where the wheel lives in the built site, relative to its root."""
    return f"{SITE_FOLDER}/{wheel_name()}"


def wheel_url(site_url: str) -> str:
    """The wheel's address on a site whose root is site_url (with or without its final slash)."""
    if not site_url:
        raise ValueError("site_url is empty: the wheel's address is computed from it")
    return site_url.rstrip("/") + "/" + site_path()


@cache
def configured_site_url() -> str:
    """The site_url of mkdocs.yml, as a build now would see it (SITE_URL or its default)."""
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))["site_url"]


def install_command(site_url: str, launcher: str = "python3") -> str:
    """The reader's one-line install from the site (launcher `py` on Windows)."""
    return f"{launcher} -m pip install --extra-index-url {TORCH_CPU_INDEX} {wheel_url(site_url)}"


def _sources() -> list[Path]:
    package = ROOT / "src" / PACKAGE
    files = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return [ROOT / name for name in PROJECT_FILES] + sorted(files)


def fingerprint() -> str:
    """What the wheel is built from: the project files, the package's source, setuptools."""
    digest = hashlib.sha256()
    for path in _sources():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"setuptools=={metadata.version('setuptools')}".encode())
    return digest.hexdigest()[:32]


def _build(target: Path) -> Path:
    """Build the wheel with pip from a copy of its sources; return its path in target."""
    with tempfile.TemporaryDirectory(prefix="attention-steps-wheel-") as tmp:
        project = Path(tmp) / "project"
        for path in _sources():
            copy = project / path.relative_to(ROOT)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
        out = Path(tmp) / "dist"
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", str(out), str(project)],
            capture_output=True, text=True, check=False,
        )
        built = out / wheel_name()
        if done.returncode != 0 or not built.is_file():
            raise RuntimeError(f"pip wheel could not build {wheel_name()}:\n{done.stdout}{done.stderr}")
        target.mkdir(parents=True, exist_ok=True)
        partial = target / (built.name + ".partial")
        shutil.copyfile(built, partial)
        return partial.replace(target / built.name)  # complete or absent, never half written


@cache
def _wheel(key: str) -> Path:
    folder = CACHE / key
    path = folder / wheel_name()
    if not path.is_file():
        path = _build(folder)
        for old in CACHE.iterdir():  # keep only the wheel of the current sources
            if old != folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return path


def wheel() -> Path:
    """The wheel of the package as it is now: from .cache/wheel/ or built now."""
    return _wheel(fingerprint())


if __name__ == "__main__":
    print(wheel())
