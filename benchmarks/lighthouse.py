"""Lighthouse scores of the built knowledge base, with Debian's Chromium, on 127.0.0.1.

Usage: .venv/bin/python benchmarks/lighthouse.py   (or: make lighthouse)
Builds the site with site_url pointing at the local server (so canonical URLs match), runs
Lighthouse (desktop preset) on the home page, a phase, a term, a journey and an article, prints
the scores as a table and writes benchmarks/lighthouse.md.
"""

from __future__ import annotations

import datetime
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_for(base_url: str, target: Path) -> Path:
    import shutil

    from klantreis.mkdocs_adapter.build import build

    for name in ("docs", "glossary", "journeys"):
        shutil.copytree(REPO / name, target / name)
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(REPO / name, target / name)
    os.environ["KLANTREIS_SITE_URL"] = base_url
    try:
        return build(target).site_dir
    finally:
        os.environ.pop("KLANTREIS_SITE_URL", None)


def run_lighthouse(url: str) -> dict[str, int]:
    binary = REPO / "node_modules" / ".bin" / "lighthouse"
    result = subprocess.run(
        [
            str(binary),
            url,
            "--preset=desktop",
            "--quiet",
            "--output=json",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        timeout=180,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    report = json.loads(result.stdout)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def measure() -> dict[str, dict[str, int]]:
    """Scores per page, from a fresh build served on a free local port."""
    # The same real HTTP server and the same key pages as the browser tests.
    from conftest import KEY_PAGES, serve_directory

    port = _free_port()
    with tempfile.TemporaryDirectory() as temp:
        site = build_for(f"http://127.0.0.1:{port}/", Path(temp) / "kennisbank")
        with serve_directory(site, port=port) as base:
            return {name: run_lighthouse(f"{base}/{path}") for name, path in KEY_PAGES.items()}


def table(scores: dict[str, dict[str, int]]) -> str:
    lines = ["| pagina | " + " | ".join(CATEGORIES) + " |", "|---" * (len(CATEGORIES) + 1) + "|"]
    for name, values in scores.items():
        lines.append(f"| {name} | " + " | ".join(str(values[c]) for c in CATEGORIES) + " |")
    return "\n".join(lines)


def main() -> None:
    scores = measure()
    text = table(scores)
    print(text)
    stamp = datetime.date.today().isoformat()
    (REPO / "benchmarks" / "lighthouse.md").write_text(
        f"# Lighthouse ({stamp}, desktop, Debian Chromium)\n\n{text}\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
