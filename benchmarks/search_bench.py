"""Search benchmark: `make bench-search` writes benchmarks/search-results.md.

It types every query of benchmarks/search_queries.yml into the real built site in Chromium and
reads the result list, for three searches on the same pages:
- ours: the klantreis index and worker (the default);
- Material: Material's own lunr search (`klantreis: {search: false}`);
- Material + expansion: Material's search with the Dutch plural expansion we shipped before
  (benchmarks/material_dutch_expansion.js, injected into the page).
Then, on a synthetic knowledge base of 2,000 pages (benchmarks/scale.py): the index sizes, the
time from the last key press to the result list, and the time to the first result from file://.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    copy_of_the_knowledge_base,
    serve_directory,
)
from search_driver import ask, open_search, prepare, rank  # noqa: E402
from synthetic import dump_mkdocs_yaml, generate, load_mkdocs_yaml  # noqa: E402

from klantreis.content.loader import load_knowledge_base  # noqa: E402
from klantreis.mkdocs_adapter.build import build  # noqa: E402

QUERIES = BENCH / "search_queries.yml"
OLD_EXPANSION = BENCH / "material_dutch_expansion.js"
RESULTS = BENCH / "search-results.md"
VARIANTS = ("ours", "material", "material+expansion")


@dataclass
class HitRate:
    name: str
    top1: int = 0
    top3: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)
    zero: list[str] = field(default_factory=list)
    names_checked: int = 0


def use_our_search(project: Path, enabled: bool) -> None:
    """Switch the klantreis plugin's search on or off in the project's mkdocs.yml."""
    config = load_mkdocs_yaml(project / "mkdocs.yml")
    plugins = []
    for plugin in config["plugins"]:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        plugins.append({"klantreis": {"search": enabled}} if name == "klantreis" else plugin)
    config["plugins"] = plugins
    dump_mkdocs_yaml(config, project / "mkdocs.yml")


def build_site(project: Path, site: Path, ours: bool, offline: bool = False) -> Path:
    use_our_search(project, ours)
    build(project, site, offline=offline)
    return site


@contextmanager
def search_tab(browser: Any, base: str, *, width: int = 1280, script: str | None = None
               ) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    prepare(context)
    if script:
        context.add_init_script(script)
    tab = context.new_page()
    tab.goto(base if base.endswith(".html") else base + "/")
    open_search(tab)
    try:
        yield tab
    finally:
        context.close()


def hit_rate(name: str, tab: Any, base: str, queries: Sequence[dict[str, Any]]) -> HitRate:
    rate = HitRate(name, total=len(queries))
    for query in queries:
        answer = ask(tab, base, query["q"])
        position = rank(answer, query["expect"])
        rate.top1 += position == 1
        rate.top3 += position is not None and position <= 3
        if position is None or position > 3:
            rate.misses.append(f"{query['q']} -> {position or '-'} ({', '.join(answer.urls[:3])})")
    return rate


def zero_results(rate: HitRate, tab: Any, base: str, names: Sequence[str]) -> None:
    rate.names_checked = len(names)
    for name in names:
        if not ask(tab, base, name, type_it=False, quiet_ms=120).urls:
            rate.zero.append(name)


def real_site_rates(browser: Any, work: Path, queries: Sequence[dict[str, Any]],
                    variants: Sequence[str] = VARIANTS) -> list[HitRate]:
    project = copy_of_the_knowledge_base(work / "echt")
    kb = load_knowledge_base(project)
    names = [form for term in kb.terms.values() for form in term.forms]
    rates = []
    for variant in variants:
        ours = variant == "ours"
        site = work / f"site-{variant}"
        if variant != "material+expansion":
            build_site(project, site, ours)
        else:
            site = work / "site-material"
        expansion = variant == "material+expansion"
        script = OLD_EXPANSION.read_text(encoding="utf-8") if expansion else None
        with serve_directory(site) as base, search_tab(browser, base, script=script) as tab:
            rate = hit_rate(variant, tab, base, queries)
            zero_results(rate, tab, base, names)
        rates.append(rate)
        print(f"{variant}: top-1 {rate.top1}/{rate.total}, top-3 {rate.top3}/{rate.total}, "
              f"zero results {len(rate.zero)}/{rate.names_checked}", flush=True)
    return rates


# -- 2,000 pages ------------------------------------------------------------------------------


@dataclass
class ScaleResult:
    name: str
    index_bytes: int
    latencies: list[float]
    file_first_result_ms: float | None = None
    file_longest_task_ms: float | None = None


LONGEST_TASK = """
(() => {
  window.__krLongest = 0;
  try {
    new PerformanceObserver(list => {
      for (const entry of list.getEntries())
        window.__krLongest = Math.max(window.__krLongest, entry.duration);
    }).observe({type: "longtask", buffered: true});
  } catch (e) {}
})();
"""


def scale_queries(project: Path) -> list[str]:
    """Queries a reader could type on the synthetic knowledge base: term names, two words."""
    kb = load_knowledge_base(project)
    terms = sorted(kb.terms.values(), key=lambda term: term.slug)[::50]
    queries = [term.title for term in terms[:8]] + [term.aliases[0] for term in terms[8:12]]
    queries += [f"{a.title} {b.title}" for a, b in zip(terms[12:16], terms[16:20], strict=False)]
    return [*queries, "klant", "klantreis fase", "overwegingsfase", "websiet"]


def time_to_first_result(browser: Any, site: Path, query: str) -> tuple[float, float]:
    """From opening the offline home page to the first result, and the longest main-thread task."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    prepare(context)
    context.add_init_script(LONGEST_TASK)
    outside: list[str] = []
    context.on("request", lambda request: outside.append(request.url)
               if not request.url.startswith("file:") else None)
    tab = context.new_page()
    start = time.perf_counter()
    tab.goto((site / "index.html").as_uri())
    open_search(tab)
    tab.locator("input.md-search__input").press_sequentially(query, delay=15)
    tab.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    elapsed = (time.perf_counter() - start) * 1000
    longest = tab.evaluate("window.__krLongest")
    context.close()
    if outside:
        raise SystemExit(f"requests outside file:// from the offline site: {outside[:3]}")
    return elapsed, longest


def scale_results(browser: Any, work: Path, pages: int, terms: int) -> list[ScaleResult]:
    project = work / "schaal"
    generate(project, pages, terms)
    queries = scale_queries(project)
    results = []
    for ours in (True, False):
        name = "ours" if ours else "material"
        started = time.perf_counter()
        site = build_site(project, work / f"schaal-{name}", ours, offline=True)
        print(f"{name}: built {pages} pages in {time.perf_counter() - started:.0f} s", flush=True)
        size = (site / "search" / "search_index.json").stat().st_size
        with serve_directory(site) as base, search_tab(browser, base + "/index.html") as tab:
            latencies = [ask(tab, base, query).latency_ms for query in queries]
        result = ScaleResult(name, size, latencies)
        result.file_first_result_ms, result.file_longest_task_ms = time_to_first_result(
            browser, site, queries[0])
        results.append(result)
        print(f"{name}: index {size / 1e6:.1f} MB, median latency "
              f"{statistics.median(latencies):.0f} ms", flush=True)
    return results


# -- report -----------------------------------------------------------------------------------


def display(path: Path) -> str:
    """A path as the repository names it, where it is in the repository."""
    resolved = path.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(path)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def report(rates: Sequence[HitRate], scale: Sequence[ScaleResult], pages: int,
           queries: Sequence[dict[str, Any]], queries_file: Path = QUERIES) -> str:
    kinds: dict[str, int] = {}
    for query in queries:
        kinds[query["kind"]] = kinds.get(query["kind"], 0) + 1
    lines = [
        "# Search benchmark",
        "",
        f"Run {datetime.date.today().isoformat()} on {platform.node() or 'this machine'} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}, Debian Chromium) with "
        "`make bench-search` (`benchmarks/search_bench.py`).",
        "",
        f"## Hit rates on the real knowledge base ({len(queries)} queries)",
        "",
        f"Queries: `{display(queries_file)}` ("
        + ", ".join(f"{kind} {count}" for kind, count in kinds.items()) + "). Each query is "
        "typed key by key into the search box of the built site; a hit is an expected page "
        "among the first results. Zero results: every term title and alias typed as a query.",
        "",
        "| search | top-1 | top-3 | zero results (term names) |",
        "|---|---|---|---|",
    ]
    for rate in rates:
        lines.append(f"| {rate.name} | {percent(rate.top1, rate.total)} | "
                     f"{percent(rate.top3, rate.total)} | {len(rate.zero)} of "
                     f"{rate.names_checked} ({percent(len(rate.zero), rate.names_checked)}) |")
    for rate in rates:
        if rate.misses:
            lines += ["", f"Not in the top 3 with {rate.name}:", ""]
            lines += [f"- {miss}" for miss in rate.misses]
        if rate.zero:
            lines += ["", f"No result with {rate.name}: " + ", ".join(rate.zero)]
    if scale:
        lines += [
            "", f"## {pages} pages (synthetic, `benchmarks/scale.py`, offline build)", "",
            "Latency: from the last key press to the last change of the result list, measured "
            "inside the page, over HTTP. File: from opening index.html over file:// to the "
            "first result of the first query, and the longest main-thread task meanwhile.",
            "",
            "| search | search_index.json | latency median | latency max | "
            "file:// first result | longest task |",
            "|---|---|---|---|---|---|",
        ]
        for result in scale:
            lines.append(
                f"| {result.name} | {result.index_bytes / 1e6:.2f} MB | "
                f"{statistics.median(result.latencies):.0f} ms | {max(result.latencies):.0f} ms | "
                f"{result.file_first_result_ms or 0:.0f} ms | "
                f"{result.file_longest_task_ms or 0:.0f} ms |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--zonder-schaal", action="store_true", help="only the real site")
    parser.add_argument("--alleen-schaal", action="store_true", help="only the 2,000 pages")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--alleen-ons", action="store_true", help="only our search, not Material's")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    queries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))["queries"]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="klantreis-zoeken-") as temp, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        rates = [] if args.alleen_schaal else real_site_rates(
            browser, Path(temp), queries, ("ours",) if args.alleen_ons else VARIANTS)
        scale = [] if args.zonder_schaal else scale_results(
            browser, Path(temp), args.pages, args.terms)
        browser.close()
    text = report(rates, scale, args.pages, queries, args.queries)
    args.output.write_text(text, encoding="utf-8")
    print(f"written: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
