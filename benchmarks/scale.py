"""Scale benchmark: the engine's cost against plain MkDocs + Material, and the preview's speed.

    .venv/bin/python benchmarks/scale.py            # default sizes 1000x500,2000x1000
    .venv/bin/python benchmarks/scale.py --quick    # smoke run: N=50, T=20
    .venv/bin/python benchmarks/scale.py --sizes 250x100,1000x500 --keep

For every size NxT a synthetic knowledge base is generated (benchmarks/synthetic.py) and built
in two configurations, in rounds (below), every build in its own process:

  - own nav: mkdocs.yml with an explicit `nav:` of the main pages, as the repository has it, with
    the guides beyond the first ten and every term page outside it;
  - automatic nav: no `nav:`, so MkDocs puts every page in the navigation;

  (a) plain: MkDocs + Material with the same theme features and the other plugins, without
      klantreis and macros, on the same docs with the glossary files copied in as plain pages
      outside the navigation (`python -m mkdocs build -f plain-<configuration>.yml`);
  (b) ours: `klantreis build` with that configuration.

Wall time is measured around the process, CPU time (user + system) and peak memory (max RSS)
with os.wait4 for that one child. The machines we measure on swing in speed by a third within
minutes, so the two sides are compared in rounds: a round builds both, back to back, plain
first in odd rounds and ours first in even ones, so that neither side always runs in the
other's wake. Each round gives a ratio of ours over plain taken under the same conditions, and
the time ratio that is judged is the median of those ratios: the interleaved, paired trials of
Abedi and Brecht ("Conducting Repeatable Experiments in Highly Variable Cloud Computing
Environments", ICPE 2017), who show that comparing runs taken at different moments can report
a difference of 38% between identical systems. The ratio of the fastest build of each side
(the reasoning of Python's `timeit`) is reported beside it: it pairs builds from different
moments, so one lucky build of either side moves it. The own nav runs ROUNDS rounds (its
builds are short), the automatic nav fewer (`--repeat` sets both).

At the middle size one build per configuration runs under cProfile (benchmarks/profile.txt)
and the preview is measured end to end: `klantreis serve` runs, a file is saved, and the
served page is polled until it shows the change. At every size both builds with the own nav also run
once under valgrind, which counts the instructions each executes: a measure the machine's
swings in speed do not touch (skipped, and said so, without valgrind). At the largest size
`klantreis check` and `klantreis bundle` run too, and the term linker is timed alone against
a regular expression per term form.
The report goes to benchmarks/results.md (a quick run writes results-quick.md). Targets are
reported, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime
import io
import math
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from synthetic import CONFIGURATIONS, ROOT, generate, load_mkdocs_yaml  # noqa: F401

BENCH_DIR = ROOT / "benchmarks"
DEFAULT_SIZES = "1000x500,2000x1000"
QUICK_SIZES = "50x20"
NAIVE_BUDGET_SECONDS = 90.0  # the naive linker runs over as many pages as fit in this budget
PREVIEW_EDITS = 3  # saves per kind of edit in the preview measurement
# Rounds per configuration, even so that each side goes first equally often. More rounds of the
# short own-nav builds make its median steadier; automatic nav builds take minutes each.
ROUNDS = {"eigen-nav": 6, "auto-nav": 2}

TARGETS = {
    "time_ratio": 1.15,
    "memory_ratio": 1.2,
    "preview_seconds": 1.0,
    "linker_speedup": 20.0,
    "check_share": 0.10,
}


# -- running builds --------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int
    output: str

    def ok(self) -> bool:
        return self.returncode == 0


BUILD_ENV = {"KLANTREIS_OFFLINE": "false", "PYTHONHASHSEED": "0"}


def run(command: list[str], cwd: Path, label: str) -> Run:
    """Run one command in a fresh process; wall time, CPU time and peak RSS of that child."""
    env = {**os.environ, **BUILD_ENV}
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    result = Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 process.returncode, output)
    state = "ok" if result.ok() else f"FAILED (exit {result.returncode})"
    print(f"    {label:<28} {seconds:8.2f} s  {result.peak_mb:7.0f} MB  {state}", flush=True)
    if not result.ok():
        print("      " + "\n      ".join(output.strip().splitlines()[-15:]), flush=True)
    return result


def klantreis_command(*args: str) -> list[str]:
    script = Path(sys.executable).parent / "klantreis"
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "klantreis.cli", *args]


def self_command(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def fastest_run(runs: Sequence[Run]) -> Run:
    """The run with the shortest wall time (its CPU and memory come with it)."""
    return min(runs, key=lambda item: item.seconds)


@dataclass
class Comparison:
    """One size in one configuration: plain MkDocs + Material against ours, round by round."""

    n: int
    t: int
    configuration: str
    plain_runs: list[Run]
    our_runs: list[Run]
    html_plain: int = 0
    html_ours: int = 0

    @property
    def plain(self) -> Run:
        return fastest_run(self.plain_runs)

    @property
    def ours(self) -> Run:
        return fastest_run(self.our_runs)

    def round_ratios(self) -> list[float]:
        """Ours over plain in time, round by round."""
        return [ours.seconds / plain.seconds
                for plain, ours in zip(self.plain_runs, self.our_runs, strict=True)]

    @property
    def time_ratio(self) -> float:
        """The judged ratio: the median of the rounds' paired ratios (see the module's text)."""
        return statistics.median(self.round_ratios())

    @property
    def fastest_ratio(self) -> float:
        """Ours over plain, the fastest build of each side: reported, not judged."""
        return self.ours.seconds / self.plain.seconds

    @property
    def cpu_ratio(self) -> float:
        return self.ours.cpu_seconds / self.plain.cpu_seconds

    @property
    def memory_ratio(self) -> float:
        return self.ours.peak_mb / self.plain.peak_mb


def compare(project: Path, n: int, t: int, configuration: str, rounds: int) -> Comparison:
    plain_runs, our_runs = [], []

    def build_plain() -> None:
        plain_runs.append(run(plain_command(configuration), project, f"plain, {configuration}"))

    def build_ours() -> None:
        shutil.copy(project / f"mkdocs-{configuration}.yml", project / "mkdocs.yml")
        our_runs.append(run(klantreis_command("build", "-p", "."), project,
                            f"ours, {configuration}"))

    for number in range(rounds):
        for build in (build_plain, build_ours) if number % 2 == 0 else (build_ours, build_plain):
            build()
    result = Comparison(n, t, configuration, plain_runs, our_runs)
    result.html_plain = len(list((project / "site-plain").rglob("*.html")))
    result.html_ours = len(list((project / "site").rglob("*.html")))
    return result


def plain_command(configuration: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean",
            "-f", f"plain-{configuration}.yml"]


@dataclass
class Instructions:
    """Instructions executed by one build of each side, counted by valgrind (cachegrind)."""

    n: int
    configuration: str
    plain: int
    ours: int

    @property
    def ratio(self) -> float:
        return self.ours / self.plain


def count_instructions(project: Path, n: int, configuration: str) -> Instructions | None:
    """Both builds under valgrind, side by side (a count does not depend on the machine's load).

    Wall time on a shared machine swings by a third from build to build; the number of
    instructions a build executes does not, so it shows what the engine itself adds. Ours
    builds in a copy of the project, so the two never share a folder.
    """
    if shutil.which("valgrind") is None:
        return None
    copy = project.with_name(project.name + "-valgrind")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", "site-plain"))
    shutil.copy(copy / f"mkdocs-{configuration}.yml", copy / "mkdocs.yml")
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
                "--cachegrind-out-file=/dev/null"]
    print(f"    counting instructions, {configuration} (valgrind, some minutes) ...", flush=True)
    started = [
        subprocess.Popen([*valgrind, *command], cwd=cwd, env={**os.environ, **BUILD_ENV},
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for command, cwd in ((plain_command(configuration), project),
                             (klantreis_command("build", "-p", "."), copy))
    ]
    counts = [_instructions(process.communicate()[1]) for process in started]
    shutil.rmtree(copy, ignore_errors=True)
    if None in counts:
        return None
    return Instructions(n, configuration, *counts)


def _instructions(valgrind_output: str) -> int | None:
    found = re.search(r"I\s+refs:\s+([\d,]+)", valgrind_output)
    return int(found.group(1).replace(",", "")) if found else None


# -- the preview -----------------------------------------------------------------------------


@dataclass
class PreviewEdit:
    """One kind of save, and how long until the served page showed it."""

    kind: str
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else math.nan


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(condition: Callable[[], bool], limit: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if condition():
            return time.perf_counter() - started
        time.sleep(0.01)
    return math.nan


def measure_preview(project: Path) -> tuple[list[PreviewEdit], float, str]:
    """`klantreis serve` on the project; per kind of save, the seconds until the page shows it."""
    shutil.copy(project / "mkdocs-eigen-nav.yml", project / "mkdocs.yml")
    port = free_port()
    log = project / "serve.log"
    base = f"http://127.0.0.1:{port}/mini/"
    with log.open("w") as output:
        process = subprocess.Popen(klantreis_command("serve", "-p", ".", "--adres",
                                                     f"127.0.0.1:{port}"),
                                   cwd=project, stdout=output, stderr=subprocess.STDOUT)
        try:
            first = wait_until(lambda: "Welkom" in fetch(base), 600)
            edits = [_edit_term(project, base), _edit_journey(project, base),
                     _edit_article(project, base)]
        finally:
            process.terminate()
            process.wait(timeout=30)
    lines = [line for line in log.read_text().splitlines() if "bijgewerkt" in line
             or "gebouwd" in line]
    return edits, first, "\n".join(lines[-10:])


def _save_and_wait(path: Path, old: str, new: str, url: str, marker: str) -> float:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return wait_until(lambda: marker in fetch(url), 60)


def _edit_term(project: Path, base: str) -> PreviewEdit:
    edit = PreviewEdit("a term's definition")
    term = sorted((project / "glossary").glob("*.md"))[0]
    url = base + f"begrippen/{term.stem}/"
    for number in range(PREVIEW_EDITS):
        old = "description: Het begrip" if number == 0 else f"description: Versie {number - 1} van"
        new = f"description: Versie {number} van" + (" Het begrip" if number == 0 else "")
        edit.seconds.append(_save_and_wait(term, old, new, url, f"Versie {number} van"))
    return edit


def _edit_journey(project: Path, base: str) -> PreviewEdit:
    edit = PreviewEdit("a journey's stage")
    journey = project / "journeys" / "reis-1.yml"
    url = base + "klantreizen/reis-1/"
    for number in range(PREVIEW_EDITS):
        old = "feels: Nieuwsgierig." if number == 0 else f"feels: Wijziging {number - 1}."
        edit.seconds.append(_save_and_wait(journey, old, f"feels: Wijziging {number}.", url,
                                           f"Wijziging {number}."))
    return edit


def _edit_article(project: Path, base: str) -> PreviewEdit:
    edit = PreviewEdit("an article")
    article = project / "docs" / "artikelen" / "posts" / "eerste.md"
    url = base + "artikelen/eerste-artikel/"
    text = article.read_text(encoding="utf-8")
    for number in range(PREVIEW_EDITS):
        marker = f"Toegevoegde zin {number}."
        text = text.rstrip("\n") + f"\n\n{marker}\n"
        article.write_text(text, encoding="utf-8")
        edit.seconds.append(wait_until(lambda marker=marker: marker in fetch(url), 60))
    return edit


# -- profile ---------------------------------------------------------------------------------


def _profile_child(project: Path, configuration: str, out: Path) -> None:
    from klantreis.mkdocs_adapter.build import build

    os.chdir(project)
    shutil.copy(project / f"mkdocs-{configuration}.yml", project / "mkdocs.yml")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    outcome = build(project)
    profiler.disable()
    seconds = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    text = io.StringIO()
    text.write(f"# {configuration}: cProfile of a build ({outcome.engine.stats.pages} pages, "
               f"{len(outcome.engine.kb.terms)} terms, {seconds:.1f} s under the profiler)\n\n")
    text.write("## Top 30 by cumulative time\n")
    stats.stream = text  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(30)
    text.write("\n## Top 25 by own time\n")
    stats.sort_stats("tottime").print_stats(25)
    out.write_text(text.getvalue().replace(str(project), "<project>"), encoding="utf-8")


# -- term linker alone -----------------------------------------------------------------------


@dataclass
class LinkerBench:
    terms: int
    forms: int
    pages: int
    naive_pages: int
    build_seconds: float
    linker_seconds: float  # over naive_pages
    linker_all_seconds: float  # over all pages
    naive_compile_seconds: float
    naive_seconds: float
    agreement: str

    @property
    def speedup(self) -> float:
        return self.naive_seconds / self.linker_seconds if self.linker_seconds else math.nan


def bench_linker(project: Path, budget: float) -> LinkerBench:
    import markdown

    from klantreis.content.loader import load_knowledge_base
    from klantreis.site.linker import TermLinker

    kb = load_knowledge_base(project)
    terms = list(kb.terms.values())
    converter = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc", "tables"])
    htmls = []
    for page in kb.pages:
        if page.src_uri.startswith("gids/"):
            converter.reset()
            htmls.append(converter.convert(page.body))

    def render(slug: str, text: str) -> str:
        return f'<a href="../begrippen/{slug}/" class="kr-begrip">{text}</a>'

    started = time.perf_counter()
    linker = TermLinker(terms)
    build_seconds = time.perf_counter() - started
    linker_times, linker_mentions = [], []
    for html in htmls:
        started = time.perf_counter()
        result = linker.link(html, render)
        linker_times.append(time.perf_counter() - started)
        linker_mentions.append(result.mentioned)

    started = time.perf_counter()
    patterns = [(term.slug, re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)",
                                       0 if form.isupper() else re.IGNORECASE))
                for term in terms for form in term.forms]
    compile_seconds = time.perf_counter() - started
    naive_seconds, naive_mentions = 0.0, []
    for html in htmls:
        started = time.perf_counter()
        found = set()
        for slug, pattern in patterns:
            for _ in pattern.finditer(html):
                found.add(slug)
        naive_seconds += time.perf_counter() - started
        naive_mentions.append(found)
        if naive_seconds > budget and len(naive_mentions) >= 20:
            break
    done = len(naive_mentions)
    subset = sum(1 for ours, naive in zip(linker_mentions, naive_mentions, strict=False)
                 if ours <= naive)
    return LinkerBench(len(terms), len(patterns), len(htmls), done, build_seconds,
                       sum(linker_times[:done]), sum(linker_times), compile_seconds,
                       naive_seconds,
                       f"{subset}/{done} pages: terms the linker found are a subset of the naive "
                       "matches (naive also matches headings, code and attributes)")


# -- the report ------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        n, _, t = part.strip().lower().partition("x")
        sizes.append((int(n), int(t)))
    return sizes


def growth_exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) against log(x)."""
    points = [(x, y) for x, y in points if x > 0 and y > 0]
    if len({x for x, _ in points}) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / \
        sum((x - mean_x) ** 2 for x in xs)


def verdict(value: float | None, target: float, higher_is_better: bool = False) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    met = value >= target if higher_is_better else value <= target
    return "met" if met else "NOT met"


def environment_lines() -> list[str]:
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True, check=False).stdout
    versions = []
    for package in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown",
                    "pyahocorasick"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{package} {metadata.version(package)}")
    return [
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- uname -a: `{uname.strip()}`",
        f"- CPU count: {os.cpu_count()}",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- packages: {', '.join(versions)}",
        "- load average (1, 5, 15 min) at the end: "
        + ", ".join(f"{load:.2f}" for load in os.getloadavg()),
    ]


def table(results: Sequence[Comparison]) -> list[str]:
    lines = [
        "| N | T | HTML pages plain/ours | time per round | time (median) | plain s | ours s "
        "| time (fastest) | CPU plain/ours s | CPU | plain MB | ours MB | memory |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rounds = ", ".join(f"{ratio:.2f}" for ratio in r.round_ratios())
        lines.append(
            f"| {r.n} | {r.t} | {r.html_plain}/{r.html_ours} | {rounds} | x{r.time_ratio:.2f} "
            f"| {r.plain.seconds:.1f} | {r.ours.seconds:.1f} | x{r.fastest_ratio:.2f} "
            f"| {r.plain.cpu_seconds:.1f}/{r.ours.cpu_seconds:.1f} | x{r.cpu_ratio:.2f} "
            f"| {r.plain.peak_mb:.0f} | {r.ours.peak_mb:.0f} | x{r.memory_ratio:.2f} |")
    note = ("time per round: ours over plain in each round (plain built first in odd rounds, "
            "ours in even ones); time (median): their median, the ratio judged against the "
            "target. plain s and ours s are the fastest build of each side; time (fastest), "
            "CPU and memory compare those two builds.")
    return [*lines, "", note]


@dataclass
class Report:
    comparisons: list[Comparison] = field(default_factory=list)
    preview: list[PreviewEdit] = field(default_factory=list)
    preview_size: tuple[int, int] | None = None
    preview_first: float = math.nan
    preview_log: str = ""
    linker: LinkerBench | None = None
    instructions: list[Instructions] = field(default_factory=list)
    check: Run | None = None
    bundle: Run | None = None
    profile: str = ""
    problems: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        lines = ["# Scale benchmark", "", *environment_lines(), ""]
        for name, description in CONFIGURATIONS.items():
            rows = [r for r in self.comparisons if r.configuration == name]
            lines += [f"## {name}: {description}", "", *table(rows), ""]
        lines += self._instruction_lines()
        lines += self._preview_lines() + self._other_lines() + self._target_lines()
        if self.problems:
            lines += ["", "## Problems", "", *[f"- {problem}" for problem in self.problems]]
        return "\n".join(lines) + "\n"

    def _instruction_lines(self) -> list[str]:
        if not self.instructions:
            return []
        lines = ["## Instructions executed (valgrind), one build each, side by side", "",
                 "| configuration | N | plain | ours | ours / plain |", "|---|---:|---:|---:|---:|"]
        for count in self.instructions:
            lines.append(f"| {count.configuration} | {count.n} | {count.plain / 1e9:.1f} G "
                         f"| {count.ours / 1e9:.1f} G | x{count.ratio:.3f} |")
        return [*lines, ""]

    def _preview_lines(self) -> list[str]:
        if not self.preview or self.preview_size is None:
            return []
        n, t = self.preview_size
        lines = [f"## Preview at N={n}, T={t} (own nav): save, then poll the served page", "",
                 f"First build before serving: {self.preview_first:.1f} s.", "",
                 "| save | seconds until the page shows it (each save) | median |",
                 "|---|---|---:|"]
        for edit in self.preview:
            each = ", ".join(f"{seconds:.2f}" for seconds in edit.seconds)
            lines.append(f"| {edit.kind} | {each} | {edit.median:.2f} |")
        return [*lines, "", "What the preview logged:", "", "```", self.preview_log, "```", ""]

    def _other_lines(self) -> list[str]:
        lines = []
        last = max(self.comparisons, key=lambda r: (r.n, r.configuration == "eigen-nav"),
                   default=None)
        if self.check and last:
            lines.append(f"- `klantreis check` at N={last.n}: {self.check.seconds:.2f} s = "
                         f"{self.check.seconds / last.ours.seconds:.1%} of a build")
        if self.bundle:
            lines.append(f"- `klantreis bundle` at N={last.n if last else '?'}: "
                         f"{self.bundle.seconds:.1f} s")
        if self.linker:
            linker = self.linker
            lines.append(
                f"- term linker at T={linker.terms} ({linker.forms} forms): "
                f"{1000 * linker.linker_all_seconds / max(linker.pages, 1):.2f} ms a page; "
                f"{linker.speedup:.0f}x faster than a regular expression per form")
        return [*lines, ""] if lines else []

    def _target_lines(self) -> list[str]:
        lines = ["## Targets (reported, not asserted)", "", "| target | value | |",
                 "|---|---:|---|"]
        for r in self.comparisons:
            lines.append(f"| time <= x{TARGETS['time_ratio']}, {r.configuration}, N={r.n} "
                         f"| x{r.time_ratio:.2f} (median of the rounds; fastest "
                         f"x{r.fastest_ratio:.2f}) "
                         f"| {verdict(r.time_ratio, TARGETS['time_ratio'])} |")
            lines.append(f"| memory <= x{TARGETS['memory_ratio']}, {r.configuration}, N={r.n} "
                         f"| x{r.memory_ratio:.2f} "
                         f"| {verdict(r.memory_ratio, TARGETS['memory_ratio'])} |")
        for edit in self.preview:
            worst = max(edit.seconds) if edit.seconds else math.nan
            lines.append(f"| preview <= {TARGETS['preview_seconds']:.0f} s, {edit.kind} "
                         f"| {worst:.2f} s (slowest) "
                         f"| {verdict(worst, TARGETS['preview_seconds'])} |")
        if self.linker:
            lines.append(f"| linker >= {TARGETS['linker_speedup']:.0f}x naive "
                         f"| {self.linker.speedup:.0f}x "
                         f"| {verdict(self.linker.speedup, TARGETS['linker_speedup'], True)} |")
        return lines


# -- the run ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help=f"smoke run: {QUICK_SIZES}")
    parser.add_argument("--sizes", default=None, help=f"NxT,... (default {DEFAULT_SIZES})")
    parser.add_argument("--repeat", type=int, default=None,
                        help=f"rounds per configuration (default {ROUNDS}; --quick: 1)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--naive-budget", type=float, default=None)
    parser.add_argument("--preview-only", action="store_true",
                        help="only the preview, at the first size (results-preview.md)")
    parser.add_argument("--_profile", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._profile:
        _profile_child(Path(args._profile[0]), args._profile[1], Path(args._profile[2]))
        return 0
    if args.preview_only:
        return preview_only(parse_sizes(args.sizes or "1000x500")[0])
    sizes = sorted(parse_sizes(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)))
    repeat = args.repeat or (1 if args.quick else None)
    suffix = "-quick" if args.quick else ""
    budget = args.naive_budget or (10.0 if args.quick else NAIVE_BUDGET_SECONDS)
    report = Report()
    workdir = Path(tempfile.mkdtemp(prefix="klantreis-bench-"))
    print(f"Working in {workdir}", flush=True)
    try:
        for n, t in sizes:
            measure_size(workdir / f"kb-{n}x{t}", n, t, repeat, budget, sizes, report, suffix)
            if not args.keep:
                shutil.rmtree(workdir / f"kb-{n}x{t}", ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    text = report.markdown()
    if report.profile:
        (BENCH_DIR / f"profile{suffix}.txt").write_text(report.profile, encoding="utf-8")
    (BENCH_DIR / f"results{suffix}.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    return 0


def preview_only(size: tuple[int, int]) -> int:
    """The preview alone (a few minutes instead of the whole benchmark)."""
    report = Report(preview_size=size)
    with tempfile.TemporaryDirectory(prefix="klantreis-bench-") as workdir:
        project = Path(workdir) / "kb"
        generate(project, *size)
        report.preview, report.preview_first, report.preview_log = measure_preview(project)
    text = "\n".join(["# Preview benchmark", "", *environment_lines(), "",
                      *report._preview_lines()]) + "\n"
    (BENCH_DIR / "results-preview.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    return 0


def measure_size(project: Path, n: int, t: int, repeat: int | None, budget: float,
                 sizes: Sequence[tuple[int, int]], report: Report, suffix: str) -> None:
    print(f"\n== N={n} T={t}", flush=True)
    generate(project, n, t)
    for configuration in CONFIGURATIONS:
        comparison = compare(project, n, t, configuration, repeat or ROUNDS[configuration])
        report.comparisons.append(comparison)
        # Every build, not only the fastest: a build that fails early is also the fastest.
        for label, runs in (("plain", comparison.plain_runs), ("ours", comparison.our_runs)):
            for outcome in runs:
                if not outcome.ok():
                    report.problems.append(f"N={n} {configuration}: {label} failed: "
                                           + " | ".join(outcome.output.strip().splitlines()[-3:]))
    counted = count_instructions(project, n, "eigen-nav")
    if counted is None:
        report.problems.append(f"N={n}: instructions not counted: valgrind missing or it failed")
    else:
        report.instructions.append(counted)
    if (n, t) == sizes[(len(sizes) - 1) // 2]:
        profiles = []
        for configuration in CONFIGURATIONS:
            out = project / f"profile-{configuration}.txt"
            run(self_command("--_profile", str(project), configuration, str(out)), project,
                f"cProfile, {configuration}")
            if out.exists():
                profiles.append(out.read_text(encoding="utf-8"))
        report.profile = "\n\n".join(profiles)
        print("    measuring the preview ...", flush=True)
        report.preview, report.preview_first, report.preview_log = measure_preview(project)
        report.preview_size = (n, t)
    if (n, t) == sizes[-1]:
        shutil.copy(project / "mkdocs-eigen-nav.yml", project / "mkdocs.yml")
        report.check = run(klantreis_command("check", "-p", "."), project, "klantreis check")
        report.bundle = run(klantreis_command("bundle", "-p", "."), project, "klantreis bundle")
        report.linker = bench_linker(project, budget)


if __name__ == "__main__":
    sys.exit(main())
