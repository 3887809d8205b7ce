"""Run the example files under snippets/ and keep their expected outputs beside them.

    python -m tools.snippets          # check: every snippet still prints its .out file
    python -m tools.snippets --write  # regenerate every .out file from a fresh interpreter

Each snippet `snippets/<chapter>/<name>.py` has its expected standard output in
`snippets/<chapter>/<name>.out`. Regeneration runs each file in its own Python process, exactly
as a reader would (`python snippets/<chapter>/<name>.py`).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"


def snippet_files() -> list[Path]:
    """Every runnable example, sorted, so that runs and reports are stable."""
    return sorted(SNIPPETS.glob("*/*.py"))


def expected_output_path(snippet: Path) -> Path:
    """Where a snippet's expected output lives: beside it, with the suffix .out."""
    return snippet.with_suffix(".out")


def _reset_global_state(seed: int = 0) -> None:
    """Undo what one example may change for the next: print options, default dtype, generators."""
    import random

    import numpy as np
    import torch

    torch.set_printoptions(profile="default")
    np.set_printoptions()
    torch.set_default_dtype(torch.float32)
    torch.manual_seed(seed)
    np.random.seed(seed)
    random.seed(seed)


def run_source(source: str, filename: str, seed: int = 0) -> str:
    """Execute Python source as a fresh __main__ module in this process; return its stdout.

    The generators start from `seed`: an example whose output depends on it is not reproducible.
    """
    _reset_global_state(seed)
    namespace = {"__name__": "__main__", "__file__": filename}
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            exec(compile(source, filename, "exec"), namespace)
    finally:
        _reset_global_state()
    return buffer.getvalue()


# What each snippet (or page block) printed, kept until the code, the package, this file or the
# Python, torch or NumPy version changes: the snippet, page and reverse-order tests of one run
# share each result, and a second run with nothing changed runs nothing again.
CACHE = ROOT / ".cache" / "snippets"


@functools.cache
def environment_key() -> str:
    """A hash of everything a snippet's output depends on besides its own code: every file under
    src/, this runner, and the Python, torch and NumPy versions."""
    import numpy
    import torch

    digest = hashlib.sha256(f"{sys.version} {torch.__version__} {numpy.__version__}".encode())
    files = sorted(p for p in (ROOT / "src").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [*files, Path(__file__)]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cached(parts: list[str], compute):
    """compute()'s JSON result, kept in CACHE under a hash of `parts` and environment_key()."""
    digest = hashlib.sha256(environment_key().encode())
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    path = CACHE / f"{digest.hexdigest()[:32]}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    from filelock import FileLock

    CACHE.mkdir(parents=True, exist_ok=True)
    # One computes, the others wait for its result: test workers often ask for the same code at
    # once (a block shown in four languages, a snippet and the page that shows it whole).
    with FileLock(str(path.with_suffix(".lock"))):
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        result = compute()
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(result), encoding="utf-8")
        partial.replace(path)
    return result


def run_cached(source: str, filename: str, seed: int = 0) -> str:
    """run_source(source, filename, seed), or what it printed last time with the same code, seed
    and environment_key(). The file name counts only where the code reads __file__."""
    parts = ["run_source", source, str(seed), filename if "__file__" in source else ""]
    return cached(parts, lambda: run_source(source, filename, seed))


def run_standalone(snippet: Path) -> str:
    """Run one snippet in its own interpreter, as a reader would; fail loudly on an error."""
    done = subprocess.run(
        [sys.executable, str(snippet)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{snippet.relative_to(ROOT)} failed:\n{done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    """Check or (with --write) regenerate every expected output; exit 1 on a difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the .out files")
    args = parser.parse_args(argv)
    stale = []
    for snippet in snippet_files():
        printed = run_standalone(snippet)
        out = expected_output_path(snippet)
        if out.exists() and out.read_text(encoding="utf-8") == printed:
            continue
        if args.write:
            out.write_text(printed, encoding="utf-8")
            print(f"wrote {out.relative_to(ROOT)}")
        else:
            stale.append(out.relative_to(ROOT))
    for path in stale:
        print(f"stale or missing: {path} (run: python -m tools.snippets --write)")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
