"""The costly test files run whole on one worker, first; every other test is scheduled alone."""

from tests.conftest import ONE_WORKER_FILES, ORDER, SAME_WORKER_TESTS, one_worker_scope, order_rank
from tools.pages import LANGUAGES, ROOT


def test_each_costly_file_is_one_unit_of_work_and_exists():
    for path in ONE_WORKER_FILES:
        assert (ROOT / path).is_file(), path
        assert one_worker_scope(f"{path}::test_a[x]") == one_worker_scope(f"{path}::test_b") == path
    assert one_worker_scope("tests/package/test_softmax.py::test_a") == "tests/package/test_softmax.py::test_a"


def test_the_tests_that_train_the_encoder_share_one_worker(request):
    items = [item.nodeid for item in request.session.items]
    names = [n for n in items if n.startswith(SAME_WORKER_TESTS)]
    if any(n.startswith("tests/snippets/test_snippets.py") for n in items):  # each training snippet, the suite again
        training = list((ROOT / "snippets" / "training").glob("*.py"))
        assert len([n for n in names if n.startswith("tests/snippets/")]) == len(training) + 1, names
    if any(n.startswith("tests/tools/test_figures.py") for n in items):  # every figure drawn, the training's too
        assert [n for n in items if n.startswith("tests/tools/test_figures.py")] == \
            [n for n in names if n.startswith("tests/tools/")], names
    if any(n.startswith("docs/") for n in items):  # the training page's blocks, in every language
        pages = {n.split("::")[0] for n in names if n.startswith("docs/")}
        assert pages == {f"docs/{lang}/training.md" for lang in LANGUAGES}, pages
    assert len({one_worker_scope(n) for n in names}) <= 1, names
    snippet = "tests/snippets/test_snippets.py::test_snippet_prints_its_expected_output[{}]"
    assert one_worker_scope(snippet.format("training/accuracy.py")) == one_worker_scope("docs/ko/training.md::[x]")
    assert one_worker_scope("tests/tools/test_figures.py::test_x") == one_worker_scope("docs/ko/training.md::[x]")
    assert one_worker_scope(snippet.format("questions/lower_mask.py")) == snippet.format("questions/lower_mask.py")


def test_the_order_starts_with_the_site_build_and_ends_with_the_browser():
    assert all((ROOT / entry).exists() for entry in ORDER if entry), ORDER
    assert set(ONE_WORKER_FILES) <= set(ORDER)
    ranks = [order_rank(f"{path}::test") for path in (
        "tests/docs/test_install_from_site.py", "tests/tools/test_figures.py",
        "tests/package/test_softmax.py", "tests/docs/test_build.py", "tests/browser/test_search.py")]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), ranks
    assert order_rank("docs/ko/questions.md::[CodeFence#1]") == order_rank("tests/package/test_softmax.py::t")
