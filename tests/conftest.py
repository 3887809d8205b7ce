"""A bounded, reproducible hypothesis for the property tests; the served site, built once."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

# derandomize: the same examples on every run and machine, so a failure in CI can be replayed.
settings.register_profile("site", deadline=None, derandomize=True, max_examples=100, print_blob=True)
settings.load_profile("site")


# A repository address for the served site's header and edit links, as the workflow passes its
# own in REPO_URL (https://github.com/<owner>/<repository>).
SAMPLE_REPO_URL = "https://github.com/example/attention-steps"


@pytest.fixture(scope="session")
def served_site_url(tmp_path_factory):
    """The site as published: built strictly under a sub-path, with a REPO_URL, served by a plain
    static file server (tools/site_server.py); its base URL. Built once for the whole run, for
    the browser tests and the install-from-the-site test."""
    from tools.site_server import served_site

    env = {"REPO_URL": os.environ.get("REPO_URL") or SAMPLE_REPO_URL}
    with served_site(Path(tmp_path_factory.mktemp("www")), env) as base:
        yield base
