"""Can a reader copy a code block alone? Every name it uses is bound in it, and it runs by itself.

Two checks, for the page tests (tests/docs/test_copyable_blocks.py):

- `unbound_names(source)`: the names a block loads that nothing in the block binds (assignment,
  def, class, import, loop or `with` target, comprehension variable, ...) and that are not
  builtins. Scopes are resolved by the compiler's own symbol tables (`symtable`), so a name used
  inside a method counts when the method would look it up among the block's globals.
- `run_alone(sources)`: each block written to a file of its own and run with `runpy`, from a
  folder outside the repository, in a Python started with `-I` (no current folder, no
  PYTHONPATH) where the package is installed. One interpreter imports torch, NumPy and the
  package once, then forks a fresh process per block: a block that forgets an import still
  fails, since the names it uses must be bound in its own namespace, and nothing one block does
  reaches another.
"""

from __future__ import annotations

import ast
import builtins
import json
import subprocess
import sys
import symtable
import tempfile
from pathlib import Path

# Names every module has without binding them.
MODULE_NAMES = {"__name__", "__file__", "__doc__", "__builtins__", "__spec__", "__loader__",
                "__package__", "__annotations__", "__cached__"}
KNOWN = set(dir(builtins)) | MODULE_NAMES


def _tables(table: symtable.SymbolTable):
    yield table
    for child in table.get_children():
        yield from _tables(child)


def unbound_names(source: str, filename: str = "<block>") -> list[tuple[str, int]]:
    """Each name the block uses but never binds (and no builtin is), with the first line using it.

    Raises SyntaxError when the block is not Python.
    """
    top = symtable.symtable(source, filename, "exec")
    tables = list(_tables(top))
    bound = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    bound |= {  # `global x` then `x = ...` inside a function binds a module name too
        s.get_name() for t in tables for s in t.get_symbols() if s.is_declared_global() and s.is_assigned()
    }
    missing = set()
    for table in tables:
        for symbol in table.get_symbols():
            looked_up_globally = table is top or symbol.is_global()
            if symbol.is_referenced() and looked_up_globally and symbol.get_name() not in bound:
                missing.add(symbol.get_name())
    missing -= KNOWN
    first_use = {}
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in missing:
            first_use[node.id] = min(first_use.get(node.id, node.lineno), node.lineno)
    return sorted(((name, first_use.get(name, 0)) for name in missing), key=lambda m: (m[1], m[0]))


# Runs in `python -I -c`: reads {"key": source} on stdin, writes {"key": error or null} to results.json.
# Not to stdout: a worker forked while the parent's stdout buffer held part of the answer would
# flush that part again when it exits (multiprocessing flushes std streams at a worker's end).
_RUNNER = r'''
import io, json, multiprocessing, os, runpy, sys, traceback
from pathlib import Path

import numpy, torch, attention_steps  # imported once here, before the forks

def run(path):
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), write_through=True)
    try:
        runpy.run_path(path, run_name="__main__")
    except BaseException:
        return traceback.format_exc(limit=-3)
    return None

if __name__ == "__main__":
    sources = json.load(sys.stdin)
    paths = {}
    for i, (key, source) in enumerate(sources.items()):
        paths[key] = str(Path(f"block_{i}.py").resolve())
        Path(paths[key]).write_text(source, encoding="utf-8")
    with multiprocessing.get_context("fork").Pool(os.cpu_count(), maxtasksperchild=1) as pool:
        pending = {key: pool.apply_async(run, (path,)) for key, path in paths.items()}
        results = {key: job.get(timeout=TIMEOUT) for key, job in pending.items()}
    Path("results.json").write_text(json.dumps(results), encoding="utf-8")
'''


def run_alone(sources: dict[str, str], python: str = sys.executable, timeout: float = 60) -> dict[str, str | None]:
    """Run each source as a file of its own, outside the repository; the traceback of each that fails.

    `python` must have the package installed (the project's .venv has it, editable).
    """
    if not sources:
        return {}
    with tempfile.TemporaryDirectory(prefix="copied-blocks-") as folder:
        done = subprocess.run(
            [python, "-I", "-c", _RUNNER.replace("TIMEOUT", repr(timeout))],
            input=json.dumps(sources), cwd=folder, capture_output=True, text=True,
            timeout=timeout * len(sources), check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"the block runner failed (exit {done.returncode}):\n{done.stderr}")
        return json.loads(Path(folder, "results.json").read_text(encoding="utf-8"))

