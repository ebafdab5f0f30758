"""The live preview: one full build, then after each save only the pages the save can change.

MkDocs' own `serve` builds the whole site on every save (seconds to minutes for a knowledge base
of a thousand pages), and its `--dirty` mode leaves other pages stale. Here the engine decides
which pages a save reaches (`site/incremental.py`); those pages go through MkDocs' own two steps
again (read and render, then fill the theme template), the lists and files made from all pages
(backlinks, search index, definitions for the tooltips) are brought up to date, and anything the
engine cannot trace falls back to a full build. tests/test_preview.py compares every page with
a clean build of the same sources.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from ..check import load_and_check
from ..content.load_cache import LoadCache, Stamp, file_stamp
from ..site import pages as page_paths
from ..site.incremental import Plan, plan_update
from .plugin import GLOSSARY_DATA, BuildState, KlantreisPlugin

log = logging.getLogger("mkdocs.klantreis.preview")
POLLING_INTERVAL = 0.1
"""Seconds between looks for saved files (MkDocs: 0.5): a save shows within a second."""
SETTLE_DELAY = 0.05
"""Seconds without another save before the update starts (MkDocs: 0.1); an editor that writes
a file in two steps is still caught as one save."""
INDEX_DELAY = 0.3
"""Seconds after an update before its search index is written. A save within that time (an
editor that saves while you type) renders its pages at once and writes the index for both."""
SOURCE_FOLDERS = ("glossary", "journeys")
"""Beside docs_dir: the folders whose files the engine can trace to pages."""


@dataclass
class Update:
    """What one save cost, for the log and the benchmark."""

    pages: int
    seconds: float
    full: str = ""
    """Why everything was built again; empty when only `pages` were."""


class Preview:
    """One preview session: the configuration and the state of the last build."""

    def __init__(self, project: Path, load_config: Any) -> None:
        self.project = project
        self._load_config = load_config
        self.cache = LoadCache()
        self.config: Any = None
        self._stamps: dict[str, Stamp] = {}
        self._search_index: _LaterIndex | None = None

    def settle(self) -> None:
        """Have the search index of the last save written (after its pages, see update)."""
        if self._search_index is not None:
            self._search_index.finish()
            self._search_index = None

    def build_all(self, reason: str = "") -> Update:
        """A full build, as `mkdocs serve` makes it; remembers what the build made."""
        self.settle()
        started = time.perf_counter()
        config = self._load_config()
        self._plugin(config).load_cache = self.cache
        mkdocs_build.build(config, serve_url=config.site_url)
        self.config = config
        # After the build: the plugins add the folders they need watched while configuring.
        self._stamps = self._watched_stamps(config)
        return Update(len(self._state().files), time.perf_counter() - started, reason)

    def update(self) -> Update:
        """After a save: render again what the save reaches, or everything when in doubt.

        The search index, made from every page, is written after the pages, while the browser
        already shows them (a third of the time of a save at 1,000 pages), and only once no
        other save came within INDEX_DELAY: that save writes it instead. A save while it is
        being written, or a full build, waits for it.
        """
        if self._search_index is not None:
            self._search_index.drop()
            self._search_index = None
        started = time.perf_counter()
        stamps = self._watched_stamps(self.config)
        changed = {
            path
            for path in stamps.keys() | self._stamps.keys()
            if stamps.get(path) != self._stamps.get(path)
        }
        self._stamps = stamps
        plan = self._plan(changed)
        if plan.full:
            return self.build_all(plan.full)
        count = self._render_again(plan)
        plugin, config = self._plugin(self.config), self.config
        self._search_index = _LaterIndex(lambda: plugin.write_search_index(config))
        return Update(count, time.perf_counter() - started)

    # -- deciding ---------------------------------------------------------------------------

    def _plan(self, changed: set[str]) -> Plan:
        if not changed:
            return Plan()
        folders = {self._docs_dir(self.config), *SOURCE_FOLDERS}
        outside = sorted(path for path in changed if path.split("/")[0] not in folders)
        if outside:
            return Plan(full=f"{outside[0]} is veranderd")
        plugin = self._plugin(self.config)
        engine = plugin._engine()
        if engine.problems:
            return Plan(full="de vorige versie had fouten")
        root = Path(self.config.config_file_path).resolve().parent
        kb, problems = load_and_check(
            root,
            self._docs_dir(self.config),
            extra_names=self.config.extra,
            cache=self.cache,
            only=changed,
        )
        if any(not problem.warning for problem in problems):
            return Plan(full="de bronnen bevatten nu fouten")
        plan = plan_update(engine.kb, kb, changed)
        if not plan.full:
            engine.kb = kb.for_site()
            plugin.indexer.use(engine.kb)
        return plan

    # -- rendering again ---------------------------------------------------------------------

    def _render_again(self, plan: Plan) -> int:
        config, plugin = self.config, self._plugin(self.config)
        state, engine = self._state(), plugin._engine()
        targets = [state.page(src) for src in sorted(plan.pages) if state.has(src)]
        if plan.articles:
            targets += [page for page in self._article_lists(state) if page not in targets]
        self._refresh_generated(targets)
        before = engine.forget_mentions(page.file.src_uri for page in targets)
        for page in targets:
            if page.file.src_uri in plan.pages and page.file.generated_by is None:
                self._read_again(page)
            mkdocs_build._populate_page(page, config, state.files)
        # Term pages whose list of mentions changed show it: they are rendered again too.
        changed = set().union(
            *(
                before[page.file.src_uri] ^ engine.mentioned_on(page.file.src_uri)
                for page in targets
            )
        )
        backlinked = [
            state.page(src)
            for src in sorted(page_paths.term_page(slug) for slug in changed)
            if state.has(src) and state.page(src) not in targets
        ]
        for page in backlinked:
            mkdocs_build._populate_page(page, config, state.files)
        rendered = targets + backlinked
        for page in rendered:
            if page.meta.get("kr_begrip"):
                page.content = engine.fill_backlinks(
                    str(page.content), page.file.src_uri, page.meta["kr_begrip"]
                )
        doc_files = state.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        if plugin.shared_parts is not None:
            plugin.shared_parts.forget()  # an edit may change what the navigation shows of a page
        for page in rendered:
            mkdocs_build._build_page(page, config, doc_files, state.nav, state.env)
        self._write_glossary_data()
        return len(rendered)

    def _read_again(self, page: Page) -> None:
        """Material's blog reads a post when it creates it, and its read_source does nothing:
        a post is read again by creating it anew and taking over what the reading set."""
        if type(page).read_source is Page.read_source:
            return  # MkDocs' own pages read their file in _populate_page
        post_class: Any = type(page)
        fresh = post_class(page.file, self.config)
        page.file.page = page  # creating a page claims its file; give it back
        page.markdown = fresh.markdown
        for name in ("meta", "authors", "config"):  # changed while rendering
            if hasattr(fresh, name):
                setattr(page, name, getattr(fresh, name))

    def _refresh_generated(self, targets: list[Page]) -> None:
        """Generated pages take their new Markdown from the engine (front matter included)."""
        wanted = {page.file.src_uri: page.file for page in targets}
        for generated in self._plugin(self.config)._engine().generated_pages():
            if generated.src_uri in wanted:
                wanted[generated.src_uri].content_string = generated.markdown

    def _article_lists(self, state: BuildState) -> list[Page]:
        """The blog's own pages (index, archive, categories): they show the articles' excerpts."""
        blog = self.config.plugins.get("material/blog") or self.config.plugins.get("blog")
        if blog is None:
            return []
        folder = blog.config.blog_dir.strip("/") + "/"
        posts = folder + blog.config.post_dir.replace("{blog}/", "").strip("/") + "/"
        # The blog's views are pages of its own classes (they render excerpts when they are
        # filled in); a page such as the tags listing shows titles only, which did not change.
        return [
            state.page(file.src_uri)
            for file in state.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if file.src_uri.startswith(folder)
            and not file.src_uri.startswith(posts)
            and type(file.page) is not Page
        ]

    def _write_glossary_data(self) -> None:
        """The definitions for the tooltips, made from all terms."""
        plugin = self._plugin(self.config)
        data = self._state().files.get_file_from_path(GLOSSARY_DATA)
        if data is not None:
            data.content_string = plugin._engine().glossary_data()
            data.copy_file()

    # -- helpers -----------------------------------------------------------------------------

    def _watched_stamps(self, config: Any) -> dict[str, Stamp]:
        """Every file the preview watches, by path relative to the project."""
        root = Path(config.config_file_path).resolve().parent
        stamps = {}
        for folder in [self._docs_dir(config), *SOURCE_FOLDERS, *config.watch]:
            base = Path(folder) if Path(folder).is_absolute() else root / folder
            if base.is_file():
                stamps[_relative(base, root)] = file_stamp(base)
            # os.walk and one stat per file, the folder resolved once: this runs after every
            # save, over every file.
            for here, _, names in os.walk(base):
                folder_key = _relative(Path(here), root)
                for name in names:
                    try:
                        stamps[f"{folder_key}/{name}"] = file_stamp(Path(here, name))
                    except OSError:
                        continue  # a dangling link, or a file removed a moment ago
        for name in ("mkdocs.yml", "macros.py"):
            if (root / name).is_file():
                stamps[name] = file_stamp(root / name)
        return stamps

    @staticmethod
    def _plugin(config: Any) -> KlantreisPlugin:
        return config.plugins["klantreis"]

    def _state(self) -> BuildState:
        state = self._plugin(self.config).state
        if state is None:
            raise RuntimeError("de preview heeft nog niet gebouwd")
        return state

    @staticmethod
    def _docs_dir(config: Any) -> str:
        root = Path(config.config_file_path).resolve().parent
        return Path(config.docs_dir).resolve().relative_to(root).as_posix()


class _LaterIndex:
    """The search index of the last save, written INDEX_DELAY seconds after it."""

    def __init__(self, write: Callable[[], None]) -> None:
        self._write = write
        self._started = threading.Event()
        self._timer = threading.Timer(INDEX_DELAY, self._run)
        self._timer.name = "zoekindex"
        self._timer.start()

    def _run(self) -> None:
        self._started.set()
        self._write()

    def drop(self) -> None:
        """Not wanted any more (a newer save writes its own); waits if writing has begun."""
        self._timer.cancel()
        self._timer.join()

    def finish(self) -> None:
        """Written now, or waited for if writing has begun."""
        self.drop()
        if not self._started.is_set():
            self._write()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.resolve().as_posix()  # a watched folder outside the project (templates)


def serve(project: Path, address: str) -> None:
    """The live preview on `address`, below the path of `site_url`, until Ctrl+C."""
    site_dir = tempfile.mkdtemp(prefix="klantreis-voorbeeld-")
    host, _, port = address.rpartition(":")
    first = _preview_config(project, site_dir, host, int(port))
    mount_path = urlsplit(first.site_url).path

    def load() -> Any:
        return _preview_config(project, site_dir, host, int(port))

    preview = Preview(project, load)

    def builder(config: Any = None) -> None:
        first = preview.config is None
        update = preview.build_all("eerste keer") if first else preview.update()
        _report(update)

    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=int(port),
        root=site_dir,
        mount_path=mount_path,
        polling_interval=POLLING_INTERVAL,
    )
    server.build_delay = SETTLE_DELAY
    server.error_handler = lambda code: _error_page(site_dir, code)
    try:
        builder()
        # As `mkdocs serve` does: plugins may add to the server (the editor at /admin/).
        server = preview.config.plugins.on_serve(server, config=preview.config, builder=builder)
        for path in [project / "docs", project / "mkdocs.yml", *preview.config.watch]:
            if Path(path).exists():
                server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Voorbeeld gestopt.")
        finally:
            server.shutdown()
    finally:
        preview.settle()
        shutil.rmtree(site_dir, ignore_errors=True)


def _preview_config(project: Path, site_dir: str, host: str, port: int) -> Any:
    # Not strict: a warning must not stop the preview; `klantreis build` stays strict.
    config = load_config(
        str(project / "mkdocs.yml"), site_dir=site_dir, strict=False, dev_addr=f"{host}:{port}"
    )
    config.plugins.on_startup(command="serve", dirty=False)
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = f"http://{host}:{port}{mount_path}"
    return config


def _report(update: Update) -> None:
    if update.full == "eerste keer":
        log.info(f"Voorbeeld gebouwd in {update.seconds:.1f} s.")
    elif update.full:
        log.info(f"Alles opnieuw gebouwd in {update.seconds:.1f} s ({update.full}).")
    else:
        log.info(f"{update.pages} pagina's bijgewerkt in {update.seconds:.2f} s.")


def _error_page(site_dir: str, code: int) -> bytes | None:
    page = Path(site_dir) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
