"""The project folder and its mkdocs.yml as the command line reads it: the preview address."""

from __future__ import annotations

import selectors
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from bs4 import BeautifulSoup
from conftest import REPO

from klantreis.project import preview_address, read_config

KLANTREIS = f"{sys.executable[: -len('python')]}klantreis"


def test_the_preview_lives_below_the_path_of_site_url(project, monkeypatch):
    monkeypatch.delenv("KLANTREIS_SITE_URL", raising=False)
    assert preview_address(REPO, "127.0.0.1:8000") == "http://127.0.0.1:8000/kennisbank/"
    assert preview_address(project(), "127.0.0.1:8123") == "http://127.0.0.1:8123/mini/"


def test_the_site_url_from_the_environment_counts_as_in_mkdocs(monkeypatch):
    monkeypatch.setenv("KLANTREIS_SITE_URL", "https://voorbeeld.nl/klanten/reis")
    assert preview_address(REPO, "127.0.0.1:8000") == "http://127.0.0.1:8000/klanten/reis/"
    assert read_config(REPO)["site_url"] == "https://voorbeeld.nl/klanten/reis"


def test_without_site_url_the_preview_is_at_the_root(project):
    root = project()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("site_url: https://example.nl/mini/\n", ""))
    assert preview_address(root, "127.0.0.1:8000") == "http://127.0.0.1:8000/"


def test_the_readme_gives_the_address_make_serve_prints(monkeypatch):
    monkeypatch.delenv("KLANTREIS_SITE_URL", raising=False)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"live preview on {preview_address(REPO, '127.0.0.1:8000')}" in readme
    assert "http://127.0.0.1:8000 " not in readme and "http://127.0.0.1:8000," not in readme


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_prints_the_address_where_the_site_is(project):
    root = project()
    port = _free_port()
    server = subprocess.Popen(
        [KLANTREIS, "serve", "--project", str(root), "--adres", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = _first_line(server)
        address = f"http://127.0.0.1:{port}/mini/"
        assert first == f"Voorbeeld op {address} (stoppen: Ctrl+C)."
        html = _get_when_ready(address, server)
        heading = BeautifulSoup(html, "html.parser").h1
        for permalink in heading.select("a.headerlink"):
            permalink.decompose()
        assert heading.get_text(strip=True) == "Welkom"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _first_line(server: subprocess.Popen, seconds: float = 30) -> str:
    """The first line the command prints, or '' when it prints none in time."""
    assert server.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(server.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=seconds):
            return ""
    return server.stdout.readline().strip()


def _get_when_ready(address: str, server: subprocess.Popen, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while True:
        assert server.poll() is None, "klantreis serve stopped"
        try:
            with urllib.request.urlopen(address, timeout=5) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, f"nothing served on {address}"
            time.sleep(0.3)
