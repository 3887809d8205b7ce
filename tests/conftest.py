"""A bounded, reproducible hypothesis for the property tests."""

from hypothesis import settings

# derandomize: the same examples on every run and machine, so a failure in CI can be replayed.
settings.register_profile("site", deadline=None, derandomize=True, max_examples=100, print_blob=True)
settings.load_profile("site")

