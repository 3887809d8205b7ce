"""The copy check itself: which names count as bound, and how a block is run alone."""

import textwrap

import pytest

from tools.copyable import run_alone, unbound_names


def _unbound(source):
    return unbound_names(textwrap.dedent(source))


def test_every_way_of_binding_a_name_counts():
    assert _unbound("""
        import torch
        import numpy as np
        from torch import nn as neural
        from attention_steps.checks import *
        a, (b, *c) = 1, (2, 3, 4)
        d: int = 5
        d += 1
        def f(x, *args, y=1, **kw):
            return x, args, y, kw, g()
        class K(neural.Module):
            size = 3
            def method(self):
                return K, self.size, torch, np
        async def h():
            async with torch as t2:
                return t2
        for e in range(3):
            pass
        with open(__file__) as handle, open(__file__) as (other):
            pass
        try:
            pass
        except ValueError as error:
            print(error)
        squares = [i * i for i in range(3) if (j := i) > 0]
        lookup = {k: v for k, v in zip("ab", "cd")}
        inverse = lambda z: 1 / z
        def g():
            global made_here
            made_here = 1
        print(made_here, j, __name__, len, ValueError)
        def outer():
            hidden = 1
            def inner():
                return hidden
            return inner
    """) == []


def test_a_name_used_but_never_bound_is_found_with_its_first_line():
    assert _unbound("""
        import torch
        x = torch.ones(2)
        y = x + undefined_here
        print(undefined_here)
    """) == [("undefined_here", 4)]


def test_a_helper_called_inside_a_method_counts_though_defining_the_class_runs():
    """The case of a class shown from src/ whose method calls a helper the block never imports."""
    source = """
        from torch import nn

        class MultiHeadAttention(nn.Module):
            def __init__(self, d_out, num_heads):
                super().__init__()
                _check_heads(d_out, num_heads)
    """
    assert _unbound(source) == [("_check_heads", 7)]
    exec(textwrap.dedent(source), {})  # running the block alone raises nothing


def test_scopes_are_the_compilers():
    # A class body's names are not visible in a comprehension or method inside it.
    assert _unbound("""
        class K:
            size = 3
            doubled = [size * 2 for _ in range(2)]
            def method(self):
                return size
    """) == [("size", 4)]
    # A local of a function is not a global of the block.
    assert _unbound("""
        def f():
            local = 1
        print(local)
    """) == [("local", 4)]


def test_annotations_need_their_names_but_strings_do_not():
    assert _unbound("def f(x: Tensor) -> 'Later': pass") == [("Tensor", 1)]


def test_a_block_that_is_not_python_is_an_error():
    with pytest.raises(SyntaxError):
        unbound_names("def (:")


def test_blocks_run_alone_outside_the_repository_and_apart():
    results = run_alone({
        "ok": "import torch\nfrom attention_steps import softmax_stable\nprint(softmax_stable(torch.ones(2)))",
        "missing": "from attention_steps.checks import no_such_check",
        "repository": "import tools.pages",  # the repository is not on the path
        "leaves": "import builtins\nbuiltins.leaked = 1",
        "leaked": "print(leaked)",  # another block's side effect does not reach this one
        "here": "import os\nfrom pathlib import Path\nassert not Path('tools', 'pages.py').exists(), os.getcwd()",
    })
    assert results["ok"] is None and results["leaves"] is None and results["here"] is None
    assert "ImportError: cannot import name 'no_such_check'" in results["missing"]
    assert "ModuleNotFoundError: No module named 'tools'" in results["repository"]
    assert "NameError: name 'leaked' is not defined" in results["leaked"]


def test_nothing_to_run_starts_nothing():
    assert run_alone({}) == {}
