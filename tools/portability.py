"""Run every snippet under other CPU kernels and thread counts: its output must not change.

    python -m tools.portability          # every configuration, in parallel; exit 1 on a difference
    python -m tools.portability --list   # the configurations this processor supports

torch picks its CPU kernels when it starts (`ATEN_CPU_CAPABILITY`), MKL picks its own code path
for matrix products (`MKL_ENABLE_INSTRUCTIONS`), and the thread count splits reductions
(`OMP_NUM_THREADS`). Each of these can add float32 numbers in another order, so a digit that
depends on that order differs from one reader's machine to the next. Every configuration runs
the whole snippet suite in one fresh interpreter (the variables only act before torch starts)
and must print exactly each snippet's `.out` file.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tools.snippets import ROOT, expected_output_path, run_source, snippet_files

# Each configuration's outputs, kept until a snippet, the package, this tool or torch changes.
CACHE = ROOT / ".cache" / "portability"

# ATen's dispatch levels, with the /proc/cpuinfo flag each needs (x86-64).
CAPABILITIES = {"default": None, "avx2": "avx2", "avx512": "avx512f"}
# MKL's code paths for matrix products, with the flag each needs.
MKL_PATHS = {"SSE4_2": "sse4_2", "AVX2": "avx2", "AVX512": "avx512f"}
THREADS = (1, 2)
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|[-+]?inf|nan")


def threads_env(threads: int = 1) -> dict[str, str]:
    """This process's environment for a child that runs torch on `threads` threads (OpenMP's and
    MKL's). Processes that run side by side take one each: threads that outnumber the cores spin
    against each other (two trainings of two threads each on two cores took 37.9 s each, of one
    thread 13.6 s), and every snippet prints the same bytes on any number (checked here)."""
    return {**os.environ, "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads)}


@dataclass(frozen=True)
class Config:
    """One way torch may run on a reader's machine."""

    capability: str
    threads: int
    mkl: str

    @property
    def name(self) -> str:
        """How a failure names the configuration: the variables to set to reproduce it."""
        return (f"ATEN_CPU_CAPABILITY={self.capability} OMP_NUM_THREADS={self.threads} "
                f"MKL_ENABLE_INSTRUCTIONS={self.mkl}")

    def env(self) -> dict[str, str]:
        """The environment of a process that runs under this configuration."""
        return {
            **threads_env(self.threads),
            "ATEN_CPU_CAPABILITY": self.capability,
            "MKL_ENABLE_INSTRUCTIONS": self.mkl,
            # Waiting threads sleep instead of spinning: the sweep runs beside other work, and
            # spinning threads that outnumber the cores slowed every run several times over.
            # How a thread waits does not change how the numbers are split or added.
            "OMP_WAIT_POLICY": "PASSIVE",
        }


def cpu_flags() -> set[str]:
    """The processor's feature flags (empty where /proc/cpuinfo is absent, e.g. macOS)."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return set()
    return {flag for line in text.splitlines() if line.startswith("flags") for flag in line.split()}


def configurations(flags: set[str] | None = None) -> list[Config]:
    """Every dispatch level this processor supports, with 1 and with 2 threads.

    MKL's paths are spread over those runs so that each path meets each level and each thread
    count at least once (where there are enough runs): 2 levels x 2 thread counts x 2 paths on
    an AVX2 machine need 4 runs, not 8.
    """
    flags = cpu_flags() if flags is None else flags
    usable = [c for c, flag in CAPABILITIES.items() if flag is None or flag in flags]
    mkl = [m for m, flag in MKL_PATHS.items() if flag in flags] or ["SSE4_2"]
    return [Config(cap, threads, mkl[(i + j) % len(mkl)])
            for i, cap in enumerate(usable) for j, threads in enumerate(THREADS)]


def run_suite() -> dict[str, str]:
    """Every snippet's output, run in this process one after the other: {path: stdout}."""
    return {str(s.relative_to(ROOT)): run_source(s.read_text(encoding="utf-8"), str(s))
            for s in snippet_files()}


def _cache_key(config: Config) -> str:
    """A hash of everything the outputs depend on: the code that runs, torch, the configuration."""
    import torch

    digest = hashlib.sha256(f"{config.name} {torch.__version__} {sorted(cpu_flags())}".encode())
    sources = [*snippet_files(), *sorted((ROOT / "src").rglob("*.py")),
               ROOT / "tools" / "snippets.py", Path(__file__)]
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def run_config(config: Config) -> dict[str, str]:
    """The whole suite in a fresh interpreter under `config` (reused from the cache when the
    snippets, the package and torch are unchanged)."""
    cached = CACHE / f"{_cache_key(config)}.json"
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8"))
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.part")  # a file: C code may write to stdout
    done = subprocess.run(
        [sys.executable, "-m", "tools.portability", "--emit", str(partial)],
        cwd=ROOT, env=config.env(), capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"the snippets failed under {config.name}:\n{done.stderr}")
    partial.replace(cached)
    return json.loads(cached.read_text(encoding="utf-8"))


def first_difference(expected: str, printed: str) -> str:
    """The first line, and the first number in it, where `printed` leaves `expected`."""
    want, got = expected.splitlines(), printed.splitlines()
    for line, (a, b) in enumerate(itertools.zip_longest(want, got, fillvalue=""), start=1):
        if a == b:
            continue
        for x, y in itertools.zip_longest(NUMBER.findall(a), NUMBER.findall(b)):
            if x != y:
                return f"line {line}: {x} became {y} ({a.strip()!r} -> {b.strip()!r})"
        return f"line {line}: {a.strip()!r} -> {b.strip()!r}"
    return "trailing whitespace"


def differences(config: Config, printed: dict[str, str]) -> list[str]:
    """One message per snippet whose output under `config` is not its .out file."""
    wrong = []
    for snippet in snippet_files():
        key = str(snippet.relative_to(ROOT))
        expected = expected_output_path(snippet).read_text(encoding="utf-8")
        if printed.get(key) != expected:
            wrong.append(f"{key} under {config.name}: "
                         f"{first_difference(expected, printed.get(key, ''))}")
    return wrong


def sweep(configs: list[Config] | None = None) -> list[str]:
    """Run every configuration (two at a time) and list every difference from the .out files."""
    configs = configurations() if configs is None else configs
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run_config, configs))
    return [msg for config, printed in zip(configs, results) for msg in differences(config, printed)]


def main(argv: list[str] | None = None) -> int:
    """Check every configuration, list them, or (--emit, internal) print this process's outputs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the configurations and exit")
    parser.add_argument("--emit", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.emit:  # internal: this process's outputs, as JSON, into FILE
        Path(args.emit).write_text(json.dumps(run_suite()), encoding="utf-8")
        return 0
    configs = configurations()
    if args.list:
        print("\n".join(c.name for c in configs))
        return 0
    wrong = sweep(configs)
    print("\n".join(wrong) if wrong else f"every snippet prints its .out under {len(configs)} configurations")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
