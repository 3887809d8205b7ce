"""The package's wheel for the site: built from the package alone, needing only torch and numpy."""

import re
import tomllib
import zipfile

from tools import wheel
from tools.pages import ROOT


def test_the_address_is_computed_from_site_url_and_the_version():
    with open(ROOT / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    name = f"attention_steps-{version}-py3-none-any.whl"
    assert wheel.wheel_name() == name
    for site in ("https://someone.github.io/attention-steps/", "https://someone.github.io/attention-steps"):
        assert wheel.wheel_url(site) == f"https://someone.github.io/attention-steps/downloads/{name}"
    assert wheel.install_command("http://127.0.0.1:8000/", "py") == (
        f"py -m pip install --extra-index-url https://download.pytorch.org/whl/cpu "
        f"http://127.0.0.1:8000/downloads/{name}"
    )


def test_the_pages_include_the_same_commands_with_the_mark_for_the_address():
    # includes/ holds what the pages show; the build puts the real address in place of the mark.
    mark = wheel.WHEEL_URL_MARK
    site = "https://x.example/"
    for name, launcher in (("install.sh", "python3"), ("install.ps1", "py")):
        line = (ROOT / "includes" / name).read_text(encoding="utf-8")
        assert line.replace(mark, wheel.wheel_url(site)) == wheel.install_command(site, launcher) + "\n", name


def test_the_wheel_holds_the_package_and_needs_only_torch_and_numpy():
    path = wheel.wheel()
    assert path.name == wheel.wheel_name() and ROOT / ".cache" / "wheel" in path.parents
    with zipfile.ZipFile(path) as whl:
        names = set(whl.namelist())
        meta = whl.read(f"attention_steps-{wheel.version()}.dist-info/METADATA").decode()
    modules = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "attention_steps").rglob("*.py")}
    assert modules <= names, f"missing from the wheel: {modules - names}"
    assert not [n for n in names if n.startswith(("tools/", "tests/", "snippets/", "docs/"))]
    requires = re.findall(r"^Requires-Dist: ([\w-]+)", meta, re.MULTILINE)
    assert sorted(requires) == ["numpy", "torch"], requires


def test_the_cached_wheel_is_reused_and_keyed_on_what_it_is_built_from():
    assert wheel.wheel() == wheel.wheel()
    sources = {p.relative_to(ROOT).as_posix() for p in wheel._sources()}
    assert {"pyproject.toml", "README.md", "src/attention_steps/__init__.py"} <= sources
    assert not [s for s in sources if "__pycache__" in s]
    assert wheel.wheel().parent.name == wheel.fingerprint()
