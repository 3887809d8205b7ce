"""Build the site under a sub-path and serve it with a plain static file server, as GitHub Pages would.

    python -m tools.site_server   # build, then serve at http://127.0.0.1:8765/attention-steps/
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUB_PATH = "attention-steps"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(site_dir: Path, site_url: str, env: dict[str, str] | None = None) -> str:
    """`mkdocs build --strict` into site_dir with the given site_url (and environment variables,
    such as REPO_URL); return the build log."""
    env = {**os.environ, **(env or {}), "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    log = done.stdout + done.stderr
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{log}")
    return log


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(www: Path, port: int):
    """Serve the folder www on 127.0.0.1:port in a background thread while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


class _SharedPortServer(http.server.ThreadingHTTPServer):
    """A server whose port other processes may also serve (SO_REUSEPORT): parallel test workers
    each serve the one shared build on the one port its pages name."""

    allow_reuse_address = True
    allow_reuse_port = True
    daemon_threads = True


# The port the test runs serve the site on when it is free: the pages name their address, so a
# run on the same port as the last one reuses that run's cached build (cached_build).
TEST_PORT = 47_213


def _listening(port: int) -> bool:
    """Whether a server already answers on 127.0.0.1:port (another test run's, perhaps)."""
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def _bind(port: int, first: bool) -> _SharedPortServer:
    """A server on 127.0.0.1:port. The run's first process takes TEST_PORT only if nothing serves
    there (a port shared with another run would mix two sites), else a free port."""
    if first and _listening(port):
        port = 0
    try:
        return _SharedPortServer(("127.0.0.1", port), _QuietHandler)
    except OSError:
        if not first:
            raise
        return _SharedPortServer(("127.0.0.1", 0), _QuietHandler)


@contextlib.contextmanager
def shared_served_site(shared: Path, env: dict[str, str] | None = None):
    """The site built strictly for http://127.0.0.1:<port>/attention-steps/ and served there, for
    every process of one test run that passes the same folder `shared`: the first takes a port
    (TEST_PORT when free) and gets the build from cached_build (built only when an input changed
    since a run on that port), the others serve that one build on the same port."""
    from filelock import FileLock

    shared.mkdir(parents=True, exist_ok=True)
    info = shared / "served.json"
    www = shared / "www"
    with FileLock(str(shared) + ".lock"):
        known = json.loads(info.read_text(encoding="utf-8")) if info.exists() else None
        server = _bind(known["port"] if known else TEST_PORT, first=known is None)
        try:
            port = server.server_address[1]
            base = f"http://127.0.0.1:{port}/{SUB_PATH}/"
            if not known:
                site, _ = cached_build({**(env or {}), "SITE_URL": base})  # env's SITE_URL if the port is its
                shutil.rmtree(www, ignore_errors=True)
                www.mkdir()
                (www / SUB_PATH).symlink_to(site, target_is_directory=True)
                info.write_text(json.dumps({"port": port, "base": base}), encoding="utf-8")
        except BaseException:
            server.server_close()
            raise
    server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(www))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


# Strict builds at the default (or $SITE_URL) address, kept in .cache/site/ under a hash of every
# input of the build, so that parallel test workers and a second run with nothing changed reuse one.
SITE_CACHE = ROOT / ".cache" / "site"
BUILD_INPUTS = ("docs", "snippets", "src", "tools", "overrides", "includes", "benchmarks/results",
                "mkdocs.yml", "pyproject.toml", "requirements.txt", "package-lock.json", "README.md")


def build_key(env: dict[str, str]) -> str:
    """A hash of what a build reads: the files of BUILD_INPUTS, the installed Python packages and
    their versions, KaTeX's version, the environment variables mkdocs.yml reads."""
    import sysconfig

    digest = hashlib.sha256()
    for name in BUILD_INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or not file.exists():
                continue
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes() + b"\0")
    # The installed distributions, name and version, as their .dist-info folders spell them.
    versions = sorted(p.name for p in Path(sysconfig.get_paths()["purelib"]).glob("*.dist-info"))
    katex = ROOT / "node_modules" / "katex" / "package.json"
    digest.update(json.dumps([sys.version, versions, katex.read_text() if katex.exists() else "",
                              {k: env.get(k) for k in ("SITE_URL", "REPO_URL")}]).encode())
    return digest.hexdigest()[:20]


def cached_build(env: dict[str, str] | None = None) -> tuple[Path, str]:
    """The site built strictly with the environment's SITE_URL and REPO_URL (mkdocs.yml's defaults
    when unset): (its folder, its build log), built only when an input changed."""
    env = {**os.environ, **(env or {})}
    key = build_key(env)
    folder = SITE_CACHE / key
    from filelock import FileLock

    SITE_CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(str(SITE_CACHE / f"{key}.lock")):
        log_file = folder / "build.log"
        if not log_file.exists():
            shutil.rmtree(folder, ignore_errors=True)
            build = {**env, "NO_MKDOCS_2_WARNING": "1"}
            done = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "site")],
                cwd=ROOT, env=build, capture_output=True, text=True, check=False,
            )
            log = done.stdout + done.stderr
            if done.returncode != 0:
                shutil.rmtree(folder, ignore_errors=True)
                raise RuntimeError(f"mkdocs build --strict failed:\n{log}")
            log_file.write_text(log, encoding="utf-8")
            # Drop builds no run has used for a day (a running test session may still read a
            # recent one, made from other inputs).
            for old in SITE_CACHE.iterdir():
                if old.is_dir() and old != folder and time.time() - old.stat().st_mtime > 86_400:
                    shutil.rmtree(old, ignore_errors=True)
                    (SITE_CACHE / f"{old.name}.lock").unlink(missing_ok=True)
        else:
            os.utime(folder)
    return folder / "site", log_file.read_text(encoding="utf-8")


@contextlib.contextmanager
def served_site(www: Path, env: dict[str, str] | None = None):
    """Build the site into www/<SUB_PATH>/ and serve www; yield the site's base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/{SUB_PATH}/"
    build_site(www / SUB_PATH, base, env)
    with serve(www, port):
        yield base


def main() -> None:
    """Build into a temporary folder and serve until interrupted."""
    import tempfile
    import time

    with tempfile.TemporaryDirectory() as tmp, served_site(Path(tmp)) as base:
        print(f"serving {base} (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
