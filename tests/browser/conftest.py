"""Browser tests: Debian's Chromium driven by Playwright, against a real uvicorn server.

The server runs in its own process on a free loopback port, on the sample database of the web
tests. Without /usr/bin/chromium the tests skip, unless SPHERE_REQUIRE_BROWSER=1 (CI), where
they fail. SPHERE_SCREENSHOTS=1 (`make screenshots`) also saves a PNG of each page under
bench/results/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))  # the sample database builder
from webdata import build_sample  # noqa: E402

CHROMIUM = Path(os.environ.get("SPHERE_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "bench" / "results" / "screenshots"


def need_browser() -> None:
    problem = None
    if not CHROMIUM.exists():
        problem = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright is not installed"
    if problem:
        if os.environ.get("SPHERE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required (SPHERE_REQUIRE_BROWSER=1) but {problem}")
        pytest.skip(problem)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str):
    """A uvicorn process serving the database at `url` on a free loopback port: (base URL, process)."""
    port = free_port()
    env = dict(os.environ, SPHERE_DB=url)
    env.pop("SPHERE_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "sphere.api.server:app_from_environment", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env, cwd=REPO,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/events?limit=1", timeout=2).status_code == 200:
                return base, proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the test server did not start (exit code {proc.poll()})")
        time.sleep(0.2)


def stop_server(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    need_browser()
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'sample.db'}"
    build_sample(url)
    base, proc = start_server(url)
    yield base
    stop_server(proc)


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """The demo corpus through the real pipeline (`sphere ingest examples/corpus`), served."""
    need_browser()
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-demo') / 'demo.db'}"
    sphere = Path(sys.executable).with_name("sphere")
    done = subprocess.run([str(sphere), "ingest", str(REPO / "examples" / "corpus"), "--db", url],
                          capture_output=True, text=True, timeout=900)  # fmt: skip
    assert "broken.html" in done.stdout + done.stderr, done.stderr[-2000:]
    base, proc = start_server(url)
    yield base
    stop_server(proc)


@pytest.fixture(scope="session")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A browser page that records console errors, page errors and dialogs."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("dialog", self.on_dialog)

    def on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str):
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return response


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = Page(context.new_page(), server)
    yield p
    context.close()


@pytest.fixture
def demo_page(browser, demo_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = Page(context.new_page(), demo_server)
    yield p
    context.close()


@pytest.fixture
def screenshot():
    """save(page, name): a full-page PNG in bench/results/screenshots/ under `make screenshots`."""

    def save(page: Page, name: str) -> None:
        if os.environ.get("SPHERE_SCREENSHOTS") == "1":
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return save
