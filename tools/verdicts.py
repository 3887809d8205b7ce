"""Remember which costly checks passed, and on what, so that a run on the same inputs skips them.

A check (a browser visit of one page, a snippet run in the reader's venv) is a function of what it
reads. When it passes, `Verdicts.record` keeps a hash of each input: the check's own code and
versions (`fixed`, the same for every check of a kind), and the inputs of this one check, such as
every URL the page loaded with a hash of its bytes. `Verdicts.passed` gives back the kept pass only
if one was recorded and every one of those inputs still hashes the same; anything else (a failure, a
changed byte, a new version of the browser or of the check) runs the check again. Failures are
never kept. `ATTENTION_STEPS_RECHECK=1` ignores what is kept (every check runs; passes are kept).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "verdicts"


def sha(data: bytes | str) -> str:
    """The SHA-256 of data (text as UTF-8), in hex."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    """One hash of the files (each with its path relative to the repository), in sorted order;
    a folder stands for every file under it."""
    digest = hashlib.sha256()
    found = []
    for path in paths:
        found += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for path in sorted(p for p in found if "__pycache__" not in p.parts):
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        digest.update(str(name).encode() + b"\0" + (path.read_bytes() if path.exists() else b"(none)") + b"\0")
    return digest.hexdigest()


class Verdicts:
    """The passes of one kind of check, made with the same `fixed` inputs (code, versions)."""

    def __init__(self, kind: str, fixed: Iterable[str], folder: Path = CACHE):
        self.folder = folder / kind
        self.fixed = sha("\0".join(fixed))
        self.recheck = os.environ.get("ATTENTION_STEPS_RECHECK") == "1"

    def _path(self, name: str) -> Path:
        return self.folder / f"{sha(self.fixed + chr(0) + name)[:32]}.json"

    def attachment(self, name: str, suffix: str) -> Path:
        """Where a file kept with the pass of `name` lives (a screenshot, say)."""
        return self._path(name).with_suffix(suffix)

    def passed(self, name: str, current: Callable[[str], str | None]) -> dict | None:
        """What `record` kept for `name` if it passed on the inputs it has now, else None.
        `current(input)` is the input's hash now (None when it is gone)."""
        path = self._path(name)
        if self.recheck or not path.is_file():
            return None
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("name") != name or any(current(key) != value for key, value in kept["inputs"].items()):
            return None
        return kept

    def record(self, name: str, inputs: dict[str, str], **extra) -> None:
        """Keep a pass of `name` on `inputs` ({input: its hash}), with any JSON `extra`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(name)
        partial = path.with_suffix(f".{os.getpid()}.part")  # parallel test workers write side by side
        partial.write_text(json.dumps({"name": name, "inputs": inputs, **extra}, sort_keys=True), encoding="utf-8")
        partial.replace(path)
