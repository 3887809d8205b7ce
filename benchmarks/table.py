"""Print the committed CPU results as the table the performance page shows (no timing)."""

from benchmarks.attention import RESULTS, read_results, render

print(render(read_results(RESULTS / "cpu.json")), end="")
