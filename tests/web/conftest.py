"""Web test set-up: a store with the sample corpus and a hostile article, the real server
(`ailedger serve` in a child process on loopback) and headless Chromium driven by Playwright.

Chromium is Debian's (/usr/bin/chromium, installed by `make system`); the browser tests fail,
not skip, in CI when it is missing.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

from ailedger import Store, ingest
from tests.conftest import CORPUS, ROOT
from tests.web import hostile

CHROMIUM = Path(os.environ.get("AILEDGER_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "tests" / "artifacts"
START_SECONDS = 60.0


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running `ailedger serve`: its base URL, write token, database and log file."""

    url: str
    token: str
    db: str
    log: Path
    process: subprocess.Popen[bytes]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30.0)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store holding the sample corpus and the hostile article."""
    root = tmp_path_factory.mktemp("web")
    (root / "hostile.jsonl").write_bytes(hostile.jsonl())
    db = str(root / "web.db")
    with Store.open(db) as store:
        report = ingest(store, [str(CORPUS), str(root / "hostile.jsonl")])
    assert report.facts > 100, report
    return db


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"ailedger serve exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{url}/openapi.json", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"ailedger serve did not start: {log.read_text(errors='replace')[-2000:]}")


@contextmanager
def serving(db: str, log: Path, token: str = "", via_env: bool = False) -> Iterator[Server]:
    """`ailedger --db DB serve` on a free loopback port, in a child process, until the block
    ends (with `token`: as `--token`, or in AILEDGER_TOKEN with `via_env`); its log must hold no
    traceback then."""
    port = free_port()
    args = [sys.executable, "-m", "ailedger", "--db", db, "serve", "--port", str(port)]
    env = dict(os.environ)
    if token and via_env:
        env["AILEDGER_TOKEN"] = token
    elif token:
        args += ["--token", token]
    with log.open("wb") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, log)
        yield Server(url, token, db, log, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text[-3000:]


@pytest.fixture(scope="session")
def server(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`ailedger serve` with a write token (from AILEDGER_TOKEN) on the sample store."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with serving(web_db, log, secrets.token_urlsafe(16), via_env=True) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (make system installs Debian's chromium)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        yield launched
        launched.close()


@dataclass
class Watch:
    """What a page did that it should not: script errors, dialogs, console errors."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser: Browser, server: Server, watch: Watch) -> Iterator[Page]:
    """A fresh browser tab on the server, recording errors and dialogs."""
    context = browser.new_context(
        base_url=server.url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.on("pageerror", lambda exc: watch.errors.append(str(exc)))

    def on_dialog(dialog: Dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            watch.console.append(msg.text)

    tab.on("dialog", on_dialog)
    tab.on("console", on_console)
    yield tab
    context.close()


def shot(tab: Page, name: str) -> Path:
    """A full-page screenshot into tests/artifacts/NAME.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def get_json(server: Server, path: str, **params: Any) -> Any:
    with server.client() as client:
        response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()
