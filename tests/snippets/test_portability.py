"""Every snippet prints the same bytes under every CPU dispatch level, thread count and MKL path."""

from tools.portability import configurations, sweep


def test_every_snippet_prints_its_output_under_every_cpu_configuration():
    configs = configurations()
    assert {c.threads for c in configs} == {1, 2}
    wrong = sweep(configs)
    assert not wrong, (
        "these snippets print other digits on another processor; print what the computation "
        "supports (float64, fewer digits, a bound):\n" + "\n".join(wrong)
    )
