"""The costly test files run whole on one worker, first; every other test is scheduled alone."""

from tests.conftest import ONE_WORKER_FILES, one_worker_scope
from tools.pages import ROOT


def test_each_costly_file_is_one_unit_of_work_and_exists():
    for path in ONE_WORKER_FILES:
        assert (ROOT / path).is_file(), path
        assert one_worker_scope(f"{path}::test_a[x]") == one_worker_scope(f"{path}::test_b") == path
    assert one_worker_scope("tests/package/test_softmax.py::test_a") == "tests/package/test_softmax.py::test_a"

