"""The live preview: it rebuilds when a term or journey changes and recovers from mistakes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

KLANTREIS = Path(sys.executable).parent / "klantreis"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("the preview did not show the change in time")


@pytest.fixture
def preview(project, tmp_path):
    root = project()
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen([str(KLANTREIS), "serve", "--project", str(root), "--adres",
                                f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/mini/"
    try:
        wait_for(lambda: "Welkom" in fetch(url))
        yield root, url, tmp_path / "serve.log"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_preview_reloads_glossary_and_journey_changes_and_recovers_from_errors(preview):
    root, url, log = preview
    term = root / "glossary" / "seo.md"
    term.write_text(term.read_text().replace("Het beter vindbaar", "Het veel beter vindbaar"))
    wait_for(lambda: "Het veel beter vindbaar" in fetch(url + "begrippen/seo/"))

    journey = root / "journeys" / "vera.yml"
    journey.write_text(journey.read_text().replace("Vera boekt", "Vera boekt een intake"))
    wait_for(lambda: "Vera boekt een intake" in fetch(url + "klantreizen/vera/"))

    good = journey.read_text()
    journey.write_text(good.replace("emotion: 2", "emotion: 9"))
    wait_for(lambda: "journeys/vera.yml:34" in fetch(url))
    assert "moet tussen -2 en 2 liggen" in log.read_text()
    banner = fetch(url + "begrippen/seo/")
    assert "1 fout in de bronbestanden" in banner and "gevonden: 9" in banner
    # The broken journey's own page explains itself instead of a 404.
    broken = fetch(url + "klantreizen/vera/")
    assert "gevonden: 9" in broken and "journeys/vera.yml klopt" in broken

    journey.write_text(good.replace("Vera boekt een intake", "Vera boekt twee sessies"))
    wait_for(lambda: "Vera boekt twee sessies" in fetch(url + "klantreizen/vera/"))
    # Fixed: the red box is gone from every page.
    assert "fout in de bronbestanden" not in fetch(url + "begrippen/seo/")
    assert "fout in de bronbestanden" not in fetch(url)
    assert "Traceback" not in log.read_text()
