"""Build the site under a sub-path and serve it with a plain static file server, as GitHub Pages would.

    python -m tools.site_server   # build, then serve at http://127.0.0.1:8765/attention-steps/
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
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
