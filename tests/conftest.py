"""A bounded, reproducible hypothesis for the property tests; the served site, built once."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tools.pages import LANGUAGES

# derandomize: the same examples on every run and machine, so a failure in CI can be replayed.
settings.register_profile("site", deadline=None, derandomize=True, max_examples=100, print_blob=True)
settings.load_profile("site")


if os.environ.get("PYTEST_XDIST_WORKER"):
    # One torch thread per test worker: the workers already take every core, and two threads per
    # worker would fight over them (every snippet prints the same bytes on 1 or 2 threads, which
    # tests/snippets/test_portability.py checks).
    # The processes the tests start (the site build, its notebook kernels, copied blocks run
    # alone) inherit one thread too, unless the caller chose a number.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")
    import torch

    torch.set_num_threads(1)


# A repository address for the served site's header and edit links, as the workflow passes its
# own in REPO_URL (https://github.com/<owner>/<repository>).
SAMPLE_REPO_URL = "https://github.com/example/attention-steps"


def run_folder(tmp_path_factory) -> Path:
    """A temporary folder that every process of this test run shares (pytest-xdist's workers get
    their own base temporary folders, under one parent, and one run id)."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run is None:  # no workers: this process is the whole run
        return tmp_path_factory.getbasetemp()
    return tmp_path_factory.getbasetemp().parent / f"run-{run}"


@pytest.fixture(scope="session")
def served_site_url(tmp_path_factory):
    """The site as published: built strictly under a sub-path, with a REPO_URL, served by a plain
    static file server (tools/site_server.py); its base URL. Built once for the whole run, for
    the browser tests and the install-from-the-site test: the first test worker that needs it
    builds it, and every worker serves that one build on the same port."""
    from tools.site_server import shared_served_site

    with shared_served_site(run_folder(tmp_path_factory) / "served-site", published_env()) as base:
        yield base


def published_env() -> dict[str, str]:
    """What a test build is built with: REPO_URL (the environment's, or SAMPLE_REPO_URL) and the
    address the served site gets when its usual port is free (tools/site_server.py, TEST_PORT)."""
    from tools.site_server import SUB_PATH, TEST_PORT

    return {"REPO_URL": os.environ.get("REPO_URL") or SAMPLE_REPO_URL,
            "SITE_URL": f"http://127.0.0.1:{TEST_PORT}/{SUB_PATH}/"}


# Test files whose module or session fixtures are costly (a venv, a notebook run, every copied
# block in a fresh process, a browser page per language, every figure drawn): under pytest-xdist
# (`make test`), each runs whole on one worker, so those fixtures run once per run.
ONE_WORKER_FILES = (
    "tests/docs/test_install_from_site.py",
    "tests/docs/test_copyable_blocks.py",
    "tests/browser/test_search.py",
)


# Tests that train the training chapter's encoder in the test worker's own process (every figure
# drawn, its snippets, the whole suite again, the training page's blocks run by
# pytest-markdown-docs): one unit of work, so that one worker trains it once
# (attention_steps.mlm.train_masked keeps its run for the process) instead of each worker that
# gets one of them training it again (8 to 11 s each).
SAME_WORKER_TESTS = (
    "tests/tools/test_figures.py::",
    "tests/snippets/test_snippets.py::test_snippet_prints_its_expected_output[training/",
    "tests/snippets/test_snippets.py::test_the_whole_suite_again_in_reverse_order",
    *(f"docs/{lang}/training.md::" for lang in LANGUAGES),
)


def one_worker_scope(nodeid: str) -> str:
    """The unit of work a test is scheduled in: its file for ONE_WORKER_FILES, one unit for
    SAME_WORKER_TESTS, else itself."""
    path = nodeid.split("::", 1)[0]
    if nodeid.startswith(SAME_WORKER_TESTS):
        return "train the encoder once"
    return path if path in ONE_WORKER_FILES else nodeid


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's load scheduling, with each of ONE_WORKER_FILES as one unit of work, handed
    out in the order of pytest_collection_modifyitems. (Its own `--dist loadgroup` cannot do this
    with pytest 9: it groups by renaming each test's node id, which pytest 9 no longer lets a
    plugin do, so every test went out alone.)"""
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # not the largest unit first: the order below

    class OneWorkerFiles(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return one_worker_scope(nodeid)

    return OneWorkerFiles(config, log)


# The order tests are handed out in. In a cold run, what needs the built site waits for it: the
# reader's install (which builds the site first) starts on one worker while the other runs tests
# that need no site; the site and browser tests come last. (The portability sweep, four
# processes two at a time, is not put first: beside the cold build it slowed the build, which
# everything after waits for, from about 80 s to over 300 s.)
ORDER = (
    "tests/docs/test_install_from_site.py",
    "tests/tools/test_figures.py",
    "tests/docs/test_copyable_blocks.py",
    "",  # every other test, as collected
    "tests/docs/",
    "tests/browser/test_pages.py",
    "tests/browser/test_search.py",
)


def order_rank(nodeid: str) -> int:
    """A test's place in ORDER: the first entry its file is or starts (a folder) with."""
    path = nodeid.split("::", 1)[0]
    exact = [i for i, entry in enumerate(ORDER) if entry and path == entry]
    folder = [i for i, entry in enumerate(ORDER) if entry.endswith("/") and path.startswith(entry)]
    return (exact or folder or [ORDER.index("")])[0]


def pytest_collection_modifyitems(config, items):
    """Tests in ORDER, the rest as collected."""
    items.sort(key=lambda item: order_rank(item.nodeid))
