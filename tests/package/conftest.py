"""Fixtures shared by the package tests."""

import pytest
from torch import nn


@pytest.fixture
def no_layer_runs():
    """Record every forward call of a torch submodule made while the test runs."""
    calls = []
    hook = nn.modules.module.register_module_forward_pre_hook(
        lambda mod, args: calls.append(type(mod).__name__) if type(mod).__module__.startswith("torch") else None
    )
    yield calls
    hook.remove()
