"""Shared test helpers: fixture projects in a temporary directory, real builds, parsed HTML."""

from __future__ import annotations

import contextlib
import http.server
import json
import shutil
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from klantreis.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

Files = dict[str, str | bytes | None]
# Examples run by the loader fuzzing (tests/test_fuzz_loader.py), reported at the end of the run.
FUZZ_COUNTS: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter) -> None:
    """CI's output says how much fuzzing was done, with or without -rA or -s."""
    if FUZZ_COUNTS:
        terminalreporter.write_line(
            f"loader fuzzing: {FUZZ_COUNTS['check'] + FUZZ_COUNTS['build']} examples "
            f"({FUZZ_COUNTS['check']} checked in-process, {FUZZ_COUNTS['build']} also built)"
        )


def make_project(root: Path, files: Files | None = None, base: str = "mini") -> Path:
    """Copy fixture project `base` to `root`, then write (or with None: delete) `files`."""
    shutil.copytree(FIXTURES / base, root, dirs_exist_ok=True)
    shutil.copy(REPO / "macros.py", root / "macros.py")
    for rel, content in (files or {}).items():
        path = root / rel
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def build(project: Path) -> Path:
    """A real `klantreis build`; fails the test with the tool's own output if the build fails."""
    result = run_cli("build", "--project", str(project))
    assert result.exit_code == 0, result.output
    return project / "site"


def one_a3_page_text(pdf: Path) -> str:
    """The text of a printed PDF that must be one landscape A3 page, white space as one space."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) == 1, f"{pdf.name}: {len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    # A3 landscape: 420 x 297 mm in points.
    assert abs(float(box.width) - 1190.55) < 2 and abs(float(box.height) - 841.89) < 2
    return " ".join(reader.pages[0].extract_text().split())


def page(site: Path, url: str) -> BeautifulSoup:
    """Parse a built page by its URL ('' for home, 'begrippen/seo/')."""
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def glossary_data(site: Path) -> dict[str, dict[str, str]]:
    """The titles and definitions the tooltips read, as the browser gets them."""
    script = (site / "assets" / "klantreis" / "begrippen.js").read_text(encoding="utf-8")
    return json.loads(script[script.index("{") : script.rindex("}") + 1])


def content(soup: BeautifulSoup) -> BeautifulSoup:
    """The article of a Material page: what the reader reads, without navigation."""
    article = soup.select_one("article.md-content__inner") or soup.select_one("div.md-content")
    assert article is not None
    return article


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    def factory(files: Files | None = None, base: str = "mini") -> Path:
        return make_project(tmp_path / "kennisbank", files, base)

    return factory


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture built once for the read-only tests."""
    return build(make_project(tmp_path_factory.mktemp("mini") / "kennisbank"))


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    """The file and anchor a relative link on page `page_url` points to."""
    target, _, anchor = href.partition("#")
    base = (site / page_url) if page_url.endswith("/") or page_url == "" else (site / page_url).parent
    path = (base / target).resolve() if target else (site / page_url / "index.html")
    if path.is_dir():
        path = path / "index.html"
    return path, anchor


def assert_link_resolves(site: Path, page_url: str, href: str) -> None:
    path, anchor = resolve(site, page_url, href)
    assert path.is_file(), f"{href} on {page_url or 'home'} points to missing {path}"
    if anchor:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.find(id=anchor) is not None, f"{href} on {page_url}: no anchor #{anchor}"


# -- real browser and real HTTP server -------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
ARTIFACTS = REPO / "test-artifacts"
# One page of each kind of the real knowledge base: for screenshots, axe and Lighthouse.
KEY_PAGES = {
    "home": "",
    "fase": "fasen/overweging/",
    "begrip": "begrippen/seo/",
    "klantreis": "klantreizen/vera-afslankcoach/",
    "artikel": "artikelen/",
}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def serve_directory(root: Path, prefix: str = "", port: int = 0):
    """A real HTTP server on 127.0.0.1 serving `root`, optionally below a sub-path `prefix`."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def translate_path(self, path: str) -> str:
            if prefix:
                if not path.startswith(prefix):
                    return str(root / "__niet-onder-prefix__")
                path = "/" + path[len(prefix):].lstrip("/")
            return super().translate_path(path)

        def log_message(self, *args) -> None:
            pass

        def end_headers(self) -> None:
            # Lets LinkChecker go faster than 10 requests a second on this (our own) server.
            self.send_header("LinkChecker", "toegestaan")
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def copy_of_the_knowledge_base(root: Path) -> Path:
    """A copy of the repository's own knowledge base in `root` (sources and configuration)."""
    root.mkdir(parents=True)
    for name in ("docs", "glossary", "journeys"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(REPO / name, root / name)
    return root


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own knowledge base, built once (a copy: the build never writes to sources)."""
    return build(copy_of_the_knowledge_base(tmp_path_factory.mktemp("echt") / "kennisbank"))
