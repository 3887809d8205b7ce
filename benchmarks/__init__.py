"""Benchmarks of the package: run them as modules, e.g. python -m benchmarks.attention."""
