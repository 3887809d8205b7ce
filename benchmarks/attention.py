"""Time every way this site writes causal multi-head attention, against torch.nn.MultiheadAttention.

    .venv/bin/python -m benchmarks.attention           # both shapes; writes benchmarks/results/cpu.*
    .venv/bin/python -m benchmarks.attention --quick   # the small shape only; prints, writes nothing

Each variant is built from one MultiHeadAttention, so all compute the same function. Each is
timed on the forward pass (torch.no_grad, eval mode) and on the forward plus backward pass
(gradients of every weight), after warm-up calls; a time is the median of several runs, taken
in turns (variant after variant, in a rotating order) so that a slow moment of the machine does
not land on one variant only. Run it on a quiet machine: the load average is recorded.
"""

# --8<-- [start:imports]
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from attention_steps import MultiHeadAttention, causal_mask, multihead_sdpa, to_torch_multihead
from attention_steps.variants import (
    CombinedQKVAttention,
    EinsumAttention,
    SDPAAttention,
    WrapperAttention,
)
# --8<-- [end:imports]

RESULTS = Path(__file__).resolve().parent / "results"
REFERENCE = "nn.MultiheadAttention"  # every time is reported as a ratio to this one
NO_FASTPATH = "nn.MultiheadAttention fastpath=False"  # the same layer, its inference shortcut off
OURS = "MultiHeadAttention"  # every output is compared with this one
BUILT_IN = (REFERENCE, NO_FASTPATH)  # the complete layer that torch ships, two ways
VARIANTS = (
    "WrapperAttention",
    "MultiHeadAttention",
    "CombinedQKVAttention",
    "EinsumAttention",
    "multihead_sdpa",
    "SDPAAttention",
    REFERENCE,
    NO_FASTPATH,
)
TOLERANCE = 1e-5  # the largest |output - MultiHeadAttention| any variant may have


@dataclass(frozen=True)
class Shape:
    """One input size and how many times to run at it."""

    name: str
    batch: int
    tokens: int
    width: int  # d_in = d_out
    heads: int
    warmup: int  # calls of each variant before timing
    runs: int  # timed runs of each variant; the median is kept
    calls: int  # calls per timed run (a run's time is divided by it)


SHAPES = (
    Shape("large", batch=8, tokens=1024, width=768, heads=12, warmup=2, runs=7, calls=1),
    Shape("small", batch=2, tokens=64, width=128, heads=8, warmup=10, runs=11, calls=20),
)


def build_variants(shape: Shape) -> tuple[torch.Tensor, dict[str, tuple[Callable, list]]]:
    """The input and, per variant name, its forward function and the weights it trains."""
    torch.manual_seed(123)
    mha = MultiHeadAttention(shape.width, shape.width, shape.heads, causal=True).eval()
    x = torch.randn(shape.batch, shape.tokens, shape.width)  # (batch, tokens, width)
    theirs = to_torch_multihead(mha).eval()
    mask = causal_mask(shape.tokens)  # (tokens, tokens), True = hidden
    modules = {
        "WrapperAttention": WrapperAttention(mha, shape.tokens).eval(),
        "MultiHeadAttention": mha,
        "CombinedQKVAttention": CombinedQKVAttention(mha).eval(),
        "EinsumAttention": EinsumAttention(mha).eval(),
        "multihead_sdpa": mha,
        "SDPAAttention": SDPAAttention(mha).eval(),
        REFERENCE: theirs,
        NO_FASTPATH: theirs,
    }
    forwards = dict(modules)  # a module is its own forward function, except for these three:
    forwards["multihead_sdpa"] = lambda t: multihead_sdpa(mha, t)
    # The mask, and the is_causal hint that lets torch pass is_causal=True to its fused kernel.
    forwards[REFERENCE] = lambda t: theirs(t, t, t, attn_mask=mask, need_weights=False,
                                           is_causal=True)[0]
    forwards[NO_FASTPATH] = without_fastpath(forwards[REFERENCE])
    assert tuple(forwards) == VARIANTS
    return x, {name: (forwards[name], list(modules[name].parameters())) for name in VARIANTS}


def without_fastpath(forward: Callable) -> Callable:
    """The same call with torch.nn.MultiheadAttention's fast path (its inference shortcut) off."""

    def call(x):
        before = torch.backends.mha.get_fastpath_enabled()
        torch.backends.mha.set_fastpath_enabled(False)
        try:
            return forward(x)
        finally:
            torch.backends.mha.set_fastpath_enabled(before)

    return call


# --8<-- [start:steps]
def forward_step(forward: Callable, x: torch.Tensor) -> Callable[[], None]:
    """One inference call: no gradients recorded."""

    def step():
        with torch.no_grad():
            forward(x)

    return step


def forward_backward_step(forward: Callable, params: list, x: torch.Tensor) -> Callable[[], None]:
    """One training call: forward, then the gradient of every weight."""

    def step():
        for p in params:
            p.grad = None
        forward(x).sum().backward()

    return step
# --8<-- [end:steps]


# --8<-- [start:timed_runs]
def timed_runs(steps: dict[str, Callable[[], None]], shape: Shape) -> dict[str, list[float]]:
    """Seconds per call of each step in each of shape.runs runs, taken in turns, after warm-up."""
    for step in steps.values():
        for _ in range(shape.warmup):
            step()
    names = list(steps)
    samples = {name: [] for name in names}
    for run in range(shape.runs):
        for name in names[run % len(names):] + names[: run % len(names)]:  # a rotating order
            start = time.perf_counter()
            for _ in range(shape.calls):
                steps[name]()
            samples[name].append((time.perf_counter() - start) / shape.calls)
    return samples
# --8<-- [end:timed_runs]


def largest_differences(x: torch.Tensor, variants: dict) -> dict[str, float]:
    """max |output - MultiHeadAttention's output| of every variant, on the same input."""
    with torch.no_grad():
        ours = variants[OURS][0](x)
        return {name: (forward(x) - ours).abs().max().item() for name, (forward, _) in variants.items()}


def measure(shape: Shape) -> dict:
    """Times and output differences of every variant at one shape."""
    x, variants = build_variants(shape)
    differences = largest_differences(x, variants)
    forward = timed_runs({n: forward_step(f, x) for n, (f, _) in variants.items()}, shape)
    both = timed_runs({n: forward_backward_step(f, p, x) for n, (f, p) in variants.items()}, shape)
    rows = [
        {"variant": n, "forward_s": statistics.median(forward[n]),
         "forward_backward_s": statistics.median(both[n]), "max_abs_difference": differences[n],
         "forward_runs_s": forward[n], "forward_backward_runs_s": both[n]}
        for n in VARIANTS
    ]
    return {**asdict(shape), "causal": True, "results": rows}


def processor() -> str:
    """The processor's model name, as the system reports it."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def run(shapes: tuple[Shape, ...]) -> dict:
    """Measure every shape; return the results with the machine, versions and load average."""
    load_before = os.getloadavg()[0]
    measured = [measure(shape) for shape in shapes]
    return {
        "date": datetime.date.today().isoformat(),
        "machine": {
            "processor": processor(),
            "architecture": platform.machine(),
            "system": platform.system(),
            "cpus": os.cpu_count(),
            "threads": torch.get_num_threads(),
        },
        "versions": {"torch": torch.__version__, "python": platform.python_version()},
        "load_average": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "reference": REFERENCE,
        "compared_with": OURS,
        "tolerance": TOLERANCE,
        "shapes": measured,
    }


# --8<-- [start:render]
def fastest(rows: list[dict], key: str, names) -> dict:
    """The row with the smallest time under `key` among the variants `names`."""
    return min((r for r in rows if r["variant"] in names), key=lambda r: r[key])


def render(results: dict) -> str:
    """The results as the plain-text table the performance page shows."""
    m, v, load = results["machine"], results["versions"], results["load_average"]
    lines = [
        f"{m['processor']} ({m['architecture']}, {m['system']}), {m['threads']} threads, "
        f"torch {v['torch']}, Python {v['python']}, {results['date']}",
        f"load average before {load['before']:.2f}, after {load['after']:.2f}",
        f"ratio = time / time of {results['reference']} (below 1: faster); "
        f"diff = largest |output - {results['compared_with']}|",
    ]
    ours = [name for name in VARIANTS if name not in BUILT_IN]
    column = max(len(name) for name in VARIANTS) + 2
    for shape in results["shapes"]:
        rows = shape["results"]
        ref = next(r for r in rows if r["variant"] == results["reference"])
        lines += [
            "",
            f"batch {shape['batch']}, tokens {shape['tokens']}, width {shape['width']}, "
            f"heads {shape['heads']}, causal; median of {shape['runs']} runs "
            f"of {shape['calls']} call{'s' * (shape['calls'] != 1)} after {shape['warmup']} warm-up",
            f"{'variant':<{column}}{'forward ms':>12}{'ratio':>7}{'fwd+bwd ms':>12}{'ratio':>7}"
            f"{'diff':>9}",
        ]
        for r in rows:
            lines.append(
                f"{r['variant']:<{column}}{r['forward_s'] * 1e3:>12.2f}"
                f"{r['forward_s'] / ref['forward_s']:>7.2f}"
                f"{r['forward_backward_s'] * 1e3:>12.2f}"
                f"{r['forward_backward_s'] / ref['forward_backward_s']:>7.2f}"
                f"{r['max_abs_difference']:>9.1e}"
            )
        for key, label in (("forward_s", "forward"), ("forward_backward_s", "fwd+bwd")):
            best, built_in = fastest(rows, key, ours), fastest(rows, key, BUILT_IN)
            ratio = best[key] / built_in[key]
            verdict = "met" if ratio <= 1.05 else "not met"
            lines.append(
                f"{label}: fastest of ours {best['variant']}, {ratio:.2f} x fastest built-in "
                f"{built_in['variant']}; goal 1.05: {verdict}"
            )
    return "\n".join(lines) + "\n"
# --8<-- [end:render]


def read_results(path: Path) -> dict:
    """A results file written by this script."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; write benchmarks/results/<name>.json and .txt unless --quick."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the small shape only, write nothing")
    parser.add_argument("--name", default="cpu", help="results file name (default: cpu)")
    args = parser.parse_args(argv)
    shapes = tuple(s for s in SHAPES if s.name == "small") if args.quick else SHAPES
    results = run(shapes)
    table = render(results)
    print(table, end="")
    if not args.quick:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"{args.name}.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
        (RESULTS / f"{args.name}.txt").write_text(table, encoding="utf-8")
        print(f"wrote {RESULTS / args.name}.json and .txt", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
