"""Helpers for the unit tests of the engine: the mini fixture as a knowledge base, and the
blocks of one page, without MkDocs."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES

from klantreis.content.knowledge import KnowledgeBase
from klantreis.content.loader import load_knowledge_base
from klantreis.site.page_blocks import PageBlocks
from klantreis.site.pages import STARTER_FILE, generated_pages
from klantreis.site.render import Renderer
from klantreis.site.urls import Urls

MINI = FIXTURES / "mini"


def mini_kb(root: Path = MINI) -> KnowledgeBase:
    return load_knowledge_base(root)


def directory_url(src_uri: str) -> str:
    """Where MkDocs puts a page with directory URLs: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def site_urls(kb: KnowledgeBase, leave_out: tuple[str, ...] = ()) -> Urls:
    """The URL of every page of a build (hand-written and generated), minus `leave_out`."""
    sources = [page.src_uri for page in kb.pages] + [page.src_uri for page in generated_pages(kb)]
    sources.append(STARTER_FILE)
    return Urls({src: directory_url(src) for src in sources if src not in leave_out})


def blocks_for(page_src: str, kb: KnowledgeBase | None = None, urls: Urls | None = None) -> PageBlocks:
    kb = kb or mini_kb()
    return PageBlocks(kb, urls or site_urls(kb), Renderer(), page_src)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(str(html), "html.parser")


def texts(elements) -> list[str]:
    return [element.get_text(" ", strip=True) for element in elements]


def front_matter(path: Path) -> dict:
    """The front matter of a Markdown source file, as written."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def yaml_file(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def markdown_page(text: str) -> BeautifulSoup:
    """A generated page's Markdown as the reader gets it: converted to HTML, then parsed."""
    import markdown

    return soup(markdown.markdown(str(text), extensions=["md_in_html", "attr_list", "tables"]))


def section(page: BeautifulSoup, heading: str) -> BeautifulSoup:
    """The part of `page` below the h2 `heading`, up to the next h2."""
    start = next(h2 for h2 in page.find_all("h2") if h2.get_text(strip=True) == heading)
    parts = []
    for sibling in start.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(str(sibling))
    return soup("".join(parts))
