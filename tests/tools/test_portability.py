"""The portability sweep itself: which configurations it runs, and how it names a difference."""

import itertools

from tools.portability import Config, configurations, differences, first_difference
from tools.snippets import ROOT, expected_output_path, snippet_files

AVX2_MACHINE = {"sse4_2", "avx2"}
AVX512_MACHINE = {"sse4_2", "avx2", "avx512f"}


def test_an_avx2_machine_runs_both_levels_with_both_thread_counts_and_both_mkl_paths():
    configs = configurations(AVX2_MACHINE)
    assert {(c.capability, c.threads) for c in configs} == set(
        itertools.product(["default", "avx2"], [1, 2]))
    # each MKL path meets each level and each thread count
    assert {(c.capability, c.mkl) for c in configs} == set(
        itertools.product(["default", "avx2"], ["SSE4_2", "AVX2"]))
    assert {(c.threads, c.mkl) for c in configs} == set(itertools.product([1, 2], ["SSE4_2", "AVX2"]))


def test_avx512_is_swept_only_where_the_processor_has_it():
    assert "avx512" not in {c.capability for c in configurations(AVX2_MACHINE)}
    configs = configurations(AVX512_MACHINE)
    assert {c.capability for c in configs} == {"default", "avx2", "avx512"}
    assert {c.mkl for c in configs} == {"SSE4_2", "AVX2", "AVX512"}


def test_a_machine_without_x86_flags_still_sweeps_the_thread_counts():
    configs = configurations(set())  # macOS, or Linux on ARM
    assert [(c.capability, c.threads) for c in configs] == [("default", 1), ("default", 2)]


def test_the_environment_sets_every_variable_before_torch_starts():
    env = Config("avx2", 1, "SSE4_2").env()
    assert env["ATEN_CPU_CAPABILITY"] == "avx2"
    assert env["OMP_NUM_THREADS"] == env["MKL_NUM_THREADS"] == "1"
    assert env["MKL_ENABLE_INSTRUCTIONS"] == "SSE4_2"


def test_the_first_differing_number_is_named():
    expected = "scores tensor([1.0000, 2.1413e-25])\nweights 0.5040\n"
    printed = "scores tensor([1.0000, 2.1412e-25])\nweights 0.5041\n"
    assert first_difference(expected, printed).startswith("line 1: 2.1413e-25 became 2.1412e-25")


def test_a_sign_flip_near_zero_is_named():
    assert first_difference("x -0.0000\n", "x 0.0000\n").startswith("line 1: -0.0000 became 0.0000")


def test_a_missing_line_is_named():
    assert first_difference("a\nb\n", "a\n") == "line 2: 'b' -> ''"


def test_differences_name_the_snippet_and_the_configuration():
    snippet = snippet_files()[0]
    key = str(snippet.relative_to(ROOT))
    right = {str(s.relative_to(ROOT)): expected_output_path(s).read_text(encoding="utf-8")
             for s in snippet_files()}
    config = Config("default", 1, "SSE4_2")
    assert differences(config, right) == []
    wrong = differences(config, {**right, key: right[key] + "extra 1.5\n"})
    assert len(wrong) == 1 and wrong[0].startswith(f"{key} under ATEN_CPU_CAPABILITY=default ")
