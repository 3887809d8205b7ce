"""The GitHub workflow: zizmor finds nothing, and the other-processor job runs the local command."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tools.pages import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _zizmor() -> str:
    found = Path(sys.executable).with_name("zizmor")
    return str(found) if found.exists() else shutil.which("zizmor") or "zizmor"


def test_zizmor_finds_nothing_in_the_workflows():
    assert WORKFLOWS
    done = subprocess.run([_zizmor(), "--offline", *map(str, WORKFLOWS)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_action_is_pinned_to_a_commit():
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith(("uses:", "- uses:")):
                ref = line.split("uses:")[1].split("#")[0].strip().split("@")[1]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), line


def test_the_other_processors_run_the_make_target_a_maintainer_runs():
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())["jobs"]
    assert set(jobs["code"]["strategy"]["matrix"]["os"]) == {"ubuntu-24.04-arm", "macos-14"}
    runs = [step["run"] for step in jobs["code"]["steps"] if "run" in step]
    assert runs == ["make test-code"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ntest-code:" in makefile and "tests/snippets" in makefile.split("\ntest-code:")[1].split("\n\n")[0]
