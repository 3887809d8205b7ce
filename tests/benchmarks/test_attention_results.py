"""The committed benchmark results are well-formed, complete and exactly what the table shows.

Nothing here times anything: the timings are the committed ones. What is checked is that the
results file holds every variant at every shape of the script, that every variant's output was
within the tolerance of MultiHeadAttention's, and that the table beside it (the one the
performance page shows) is what the script's renderer makes of it, so neither can be edited by hand.
"""

import copy
import dataclasses
import datetime
import json
import statistics

import pytest
import torch

from benchmarks import attention as bench
from tests.random_state import restored_random_state

NAMES = [p.stem for p in bench.RESULTS.glob("*.json")]


def test_there_are_committed_cpu_results():
    assert "cpu" in NAMES, f"no benchmarks/results/cpu.json (found {NAMES})"


@pytest.fixture(params=NAMES)
def results(request):
    return request.param, bench.read_results(bench.RESULTS / f"{request.param}.json")


def test_the_table_is_what_the_renderer_makes_of_the_results(results):
    name, data = results
    table = (bench.RESULTS / f"{name}.txt").read_text(encoding="utf-8")
    assert table == bench.render(data), f"benchmarks/results/{name}.txt was edited or is stale"


def test_every_variant_is_present_at_every_shape_of_the_script(results):
    _, data = results
    script = {s.name: dataclasses.asdict(s) for s in bench.SHAPES}
    assert [s["name"] for s in data["shapes"]] == list(script)
    for shape in data["shapes"]:
        settings = {k: v for k, v in shape.items() if k not in ("results", "causal")}
        assert settings == script[shape["name"]], f"{shape['name']}: not the script's settings"
        assert shape["causal"] is True
        assert [r["variant"] for r in shape["results"]] == list(bench.VARIANTS)


def test_every_output_is_within_the_tolerance_and_every_time_is_positive(results):
    _, data = results
    assert data["tolerance"] == bench.TOLERANCE == 1e-5
    assert data["reference"] == bench.REFERENCE and data["compared_with"] == bench.OURS
    for shape in data["shapes"]:
        for r in shape["results"]:
            where = f"{shape['name']} {r['variant']}"
            assert 0 <= r["max_abs_difference"] <= bench.TOLERANCE, where
            assert r["forward_s"] > 0 and r["forward_backward_s"] > r["forward_s"], where
        ours = next(r for r in shape["results"] if r["variant"] == bench.OURS)
        assert ours["max_abs_difference"] == 0.0  # compared with itself


def test_the_machine_versions_date_and_load_are_recorded(results):
    _, data = results
    datetime.date.fromisoformat(data["date"])
    machine = data["machine"]
    assert machine["processor"] and machine["architecture"] and machine["system"]
    assert isinstance(machine["threads"], int) and machine["threads"] >= 1
    assert data["versions"]["torch"].startswith(torch.__version__.split("+")[0])
    assert data["versions"]["python"].count(".") == 2
    assert set(data["load_average"]) == {"before", "after"}
    assert all(v >= 0 for v in data["load_average"].values())


def test_the_goal_line_says_not_met_when_ours_is_slower(results):
    _, data = results
    slower = copy.deepcopy(data)
    for shape in slower["shapes"]:
        for r in shape["results"]:
            if r["variant"] != bench.REFERENCE:
                r["forward_s"] = 2 * next(
                    x["forward_s"] for x in shape["results"] if x["variant"] == bench.REFERENCE
                )
    table = bench.render(slower)
    assert table.count("forward: fastest of ours") == len(data["shapes"])
    assert "forward: fastest of ours WrapperAttention, 2.00 x fastest built-in " \
           "nn.MultiheadAttention; goal 1.05: not met" in table


def test_the_benchmarked_functions_compute_the_same_output_and_train_every_weight():
    tiny = dataclasses.replace(bench.SHAPES[0], batch=2, tokens=9, width=24, heads=4)
    with restored_random_state():
        x, variants = bench.build_variants(tiny)
    assert list(variants) == list(bench.VARIANTS)
    differences = bench.largest_differences(x, variants)
    assert all(d <= bench.TOLERANCE for d in differences.values()), differences
    for name, (forward, params) in variants.items():
        bench.forward_backward_step(forward, params, x)()
        assert params and all(p.grad is not None and p.grad.abs().sum() > 0 for p in params), name


def test_results_files_are_plain_json_with_a_final_newline():
    for name in NAMES:
        text = (bench.RESULTS / f"{name}.json").read_text(encoding="utf-8")
        assert text.endswith("\n") and json.loads(text)


def test_each_time_is_the_median_of_the_recorded_runs(results):
    _, data = results
    for shape in data["shapes"]:
        for r in shape["results"]:
            for key in ("forward", "forward_backward"):
                runs = r[f"{key}_runs_s"]
                assert len(runs) == shape["runs"], (shape["name"], r["variant"], key)
                assert r[f"{key}_s"] == statistics.median(runs), (shape["name"], r["variant"], key)
