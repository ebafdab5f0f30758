"""Typing into the site's search box in Chromium and reading the result list, as a reader does.

Shared by `benchmarks/search_bench.py` and the browser tests: one way to ask the built site a
question. A mutation observer inside the page records when the result list last changed, so a
query's results are read once the list is quiet, and the time from the last key press to the
list is measured inside the page, without the test driver's own delays.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

OBSERVER = """
(() => {
  window.__kr = {seen: 0, first: 0, last: 0, keydown: 0};
  const start = () => {
    const target = document.querySelector(".md-search-result");
    if (!target) return setTimeout(start, 50);
    new MutationObserver(() => {
      const now = performance.now();
      if (!window.__kr.seen) window.__kr.first = now;
      window.__kr.seen += 1;
      window.__kr.last = now;
    }).observe(target, {childList: true, subtree: true, characterData: true});
  };
  document.addEventListener("keydown", () => { window.__kr.keydown = performance.now(); }, true);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
"""
QUIET_MS = 250


@dataclass
class Answer:
    query: str
    urls: list[str]
    """Result pages, as site-relative URLs ('begrippen/seo/'), best first."""
    latency_ms: float
    """From the last key press to the last change of the result list."""
    text: str = ""


def prepare(context) -> None:
    """Install the result-list observer in every page of a browser context."""
    context.add_init_script(OBSERVER)


def open_search(tab) -> None:
    """Open the search box as a reader does: the magnifier in the header (phone) or the box."""
    opener = tab.locator('label.md-header__button[for="__search"]:visible, '
                         "input.md-search__input:visible")
    opener.first.click()
    tab.locator("input.md-search__input").wait_for(state="visible")


def ask(tab, base: str, query: str, *, type_it: bool = True, timeout_ms: int = 15_000,
        quiet_ms: int = QUIET_MS) -> Answer:
    """Type `query` into the open search box and read the result list once it is quiet."""
    box = tab.locator("input.md-search__input")
    box.fill("")
    if type_it and len(query) > 1:
        box.press_sequentially(query[:-1], delay=15)
        tab.wait_for_timeout(QUIET_MS)
        tab.evaluate("window.__kr.seen = 0")
        box.press_sequentially(query[-1])
    else:
        box.fill(query[:-1])
        tab.evaluate("window.__kr.seen = 0")
        box.press_sequentially(query[-1])
    tab.wait_for_function(
        f"window.__kr.seen > 0 && performance.now() - window.__kr.last > {quiet_ms}",
        timeout=timeout_ms,
        polling=50,
    )
    state = tab.evaluate("window.__kr")
    # The first link of each result is its page; Material lists matching sections after it.
    urls = [site_path(href, base) for href in tab.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(li => li.querySelector('a.md-search-result__link').href)")]
    first = tab.locator(".md-search-result__item").first
    text = first.inner_text() if urls else ""
    return Answer(query, urls, state["last"] - state["keydown"], text)


def site_path(href: str, base: str) -> str:
    """'http://127.0.0.1:8000/kennisbank/begrippen/seo/?h=seo' -> 'begrippen/seo/'."""
    path = urlparse(href).path
    base_path = urlparse(base).path.rstrip("/") + "/"
    if href.startswith("file:"):
        base_path = urlparse(base).path.rsplit("/", 1)[0] + "/"
    path = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    return path


def rank(answer: Answer, expected: list[str]) -> int | None:
    """1-based position of the first expected page in the results, None when absent."""
    for position, url in enumerate(answer.urls, start=1):
        if url in expected:
            return position
    return None
