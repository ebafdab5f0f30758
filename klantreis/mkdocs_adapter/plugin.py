"""The MkDocs plugin: connects MkDocs' build events to the engine, and nothing more."""

from __future__ import annotations

import functools
import gc
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..check import load_and_check
from ..content.load_cache import LoadCache
from ..content.schema import SCHEMA_DIR, all_schemas
from ..report import format_errors
from ..site import pages as page_paths
from ..site import worksheet
from ..site.blocks import AUTHOR_MACROS
from ..site.engine import Engine
from ..site.macro_calls import simple_calls
from ..site.search import SearchIndexer, SearchPage, write_material_index
from ..site.seo import PageFacts, json_ld, structured_data
from .shared_parts import SharedParts, with_material_prefix

log = get_plugin_logger(__name__)
# Progress lines go to their own logger: the CLI shows them, MkDocs' strict mode ignores them.
progress = logging.getLogger("klantreis.voortgang")
PACKAGE = Path(__file__).resolve().parent.parent
STYLESHEETS = ("klantreis.css", "kaart.css")
SCRIPTS = ("tooltips.js", "kaart.js", "kaart-afdruk.js")
# Linked by theme/main.html with media="print", so not in extra_css.
PRINT_STYLESHEET = "kaart-afdruk.css"
GLOSSARY_DATA = "assets/klantreis/begrippen.js"
"""Every term's definition for the tooltips, made by the engine (loaded before tooltips.js)."""
SEARCH_WORKER = "assets/klantreis/search-worker.js"
# Material's worker URL in the config block of base.html (tests/test_search_contract.py).
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
IFRAME_WORKER = "assets/vendor/iframe-worker/shim.js"
PROGRESS_EVERY = 250


@dataclass
class BuildState:
    """The files, navigation and template environment of the last build."""

    files: Files
    nav: Any
    env: Any = None

    def has(self, src_uri: str) -> bool:
        file = self.files.get_file_from_path(src_uri)
        return file is not None and file.page is not None

    def page(self, src_uri: str) -> Any:
        file = self.files.get_file_from_path(src_uri)
        if file is None or file.page is None:
            raise KeyError(src_uri)
        return file.page


class EditorConfig(Config):
    """The browser editor on the published site (off unless turned on; `serve` always has it)."""

    enabled = config_options.Type(bool, default=False)
    repo = config_options.Type(str, default="")
    """owner/name of the GitHub repository; empty: taken from repo_url."""
    branch = config_options.Type(str, default="main")
    base_url = config_options.Type(str, default="")
    """The OAuth service Decap signs in through; empty: Netlify's."""
    auth_endpoint = config_options.Type(str, default="")
    site_domain = config_options.Type(str, default="")
    """The Netlify site that signs in for a site hosted elsewhere (kennisbank.netlify.app)."""


class KlantreisConfig(Config):
    enabled = config_options.Type(bool, default=True)
    editor = config_options.SubConfig(EditorConfig)
    search = config_options.Type(bool, default=True)
    """Our search worker and index; false leaves Material's own search (for the benchmark)."""


class KlantreisPlugin(BasePlugin[KlantreisConfig]):
    """Adds the generated pages, the macros' engine, term links and backlinks to a build."""

    engine: Engine | None = None
    is_serve = False
    load_cache: LoadCache | None = None
    """Set by the preview: files that did not change since the last build are not read again."""
    state: BuildState | None = None
    """What the last build made, for the preview to render single pages again."""
    indexer: SearchIndexer
    material_search: dict[str, Any] | None = None
    """Material's search_index.json as its plugin wrote it (only its config is kept)."""
    shared_parts: SharedParts | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent
        docs_dir = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        # The same checks as `klantreis check`, before MkDocs' own (English, without lines).
        kb, problems = load_and_check(
            root, docs_dir, extra_names=config.extra, cache=self.load_cache
        )
        errors = [problem for problem in problems if not problem.warning]
        if problems and not self.is_serve and (errors or config.strict):
            self.engine = None
            raise PluginError(_failure_message(problems, strict_warnings=not errors))
        if errors:
            # In the preview, show the problems on every page instead of stopping: the
            # consultant sees them in the browser, and the next save that fixes them recovers.
            log.error("De bronbestanden bevatten fouten:\n" + format_errors(errors))
        elif problems:
            log.warning("Waarschuwingen:\n" + format_errors(problems))
        problems = errors
        # Our theme folder sits after the user's custom_dir and before Material's own templates.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE / "theme"))
        self.engine = Engine.create(kb.for_site(), [Path(d) for d in config.theme.dirs], problems)
        self.indexer = SearchIndexer(self.engine.kb)
        if self._offline(config):
            # The offline plugin drops its CDN shim only when a polyfill names iframe-worker.
            config.extra.setdefault("polyfills", []).append(IFRAME_WORKER)
        if kb.sources and "footnotes" not in config.markdown_extensions:
            config.markdown_extensions.append("footnotes")  # sources are cited as footnotes
        config.extra_css.extend(f"assets/klantreis/{name}" for name in STYLESHEETS)
        config.extra_javascript.append(GLOSSARY_DATA)
        config.extra_javascript.extend(f"assets/klantreis/{name}" for name in SCRIPTS)
        for folder in ("glossary", "journeys"):
            if (root / folder).is_dir():
                config.watch.append(str(root / folder))
        config.watch.append(str(PACKAGE / "templates"))
        return config

    # Last, so the pages of the blog plugin exist when we check for clashes.
    @event_priority(-100)
    def on_files(self, files: Files, *, config: Any) -> Files:
        engine = self._engine()
        if self.config.search:
            # Here, once every plugin has its configuration: Material's search made its index.
            _spare_material_indexing(config)
        for page in engine.generated_pages():
            # Out of the navigation even when mkdocs.yml builds it automatically.
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            self._add(
                files,
                File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion),
            )
        self._add(
            files,
            File.generated(
                config, page_paths.STARTER_FILE, content=page_paths.starter_file(engine.renderer)
            ),
        )
        self._add(files, File.generated(config, GLOSSARY_DATA, content=engine.glossary_data()))
        for name, text in all_schemas(engine.kb).items():
            # The same schemas as in the repository's schema/, for editors that read a URL.
            self._add(files, File.generated(config, f"{SCHEMA_DIR}/{name}", content=text))
        if config.site_url:
            robots = f"User-agent: *\nAllow: /\n\nSitemap: {config.site_url}sitemap.xml\n"
            self._add(files, File.generated(config, "robots.txt", content=robots))
        if self.config.search:
            self._add(
                files,
                File.generated(
                    config, SEARCH_WORKER, abs_src_path=str(PACKAGE / "assets" / "search-worker.js")
                ),
            )
        for name in (*STYLESHEETS, *SCRIPTS, PRINT_STYLESHEET):
            self._add(
                files,
                File.generated(
                    config, f"assets/klantreis/{name}", abs_src_path=str(PACKAGE / "assets" / name)
                ),
            )
        self._add_worksheet(files, config)
        if self.config.editor.enabled and not self._offline(config):
            self._add_editor(files, config)
        if self._offline(config):
            for name in ("shim.js", "LICENSE"):
                src_uri = f"assets/vendor/iframe-worker/{name}"
                self._add(
                    files, File.generated(config, src_uri, abs_src_path=str(PACKAGE / src_uri))
                )
        return files

    def _add_worksheet(self, files: Files, config: Any) -> None:
        """The worksheet editor's scripts, styles and data (klantreizen/werkblad loads them)."""
        engine = self._engine()
        data = worksheet.data_script(engine.kb, engine.renderer, config.site_name)
        self._add(files, File.generated(config, worksheet.DATA_FILE, content=data))
        for name in worksheet.OWN_FILES:
            path = str(PACKAGE / "assets" / name)
            self._add(files, File.generated(config, f"assets/klantreis/{name}", abs_src_path=path))
        for name in worksheet.VENDOR_FILES:
            src_uri = f"assets/vendor/{name}"
            self._add(files, File.generated(config, src_uri, abs_src_path=str(PACKAGE / src_uri)))

    def _add_editor(self, files: Files, config: Any) -> None:
        """admin/ with the browser editor against GitHub (never in the offline zip: it needs
        the internet to sign in)."""
        from ..cms_adapter.site_files import admin_files, github_repo

        editor = self.config.editor
        repo = editor.repo or github_repo(config.repo_url or "")
        if not repo:
            raise PluginError(
                "klantreis: editor staat aan, maar er is geen GitHub-repository. Zet "
                "'repo: eigenaar/naam' onder editor, of repo_url in mkdocs.yml."
            )
        backend = {"name": "github", "repo": repo, "branch": editor.branch}
        backend.update({key: value for key in ("base_url", "auth_endpoint", "site_domain")
                        if (value := editor[key])})
        root = Path(config.config_file_path).resolve().parent
        for src_uri, source in admin_files(root, self._engine().kb, backend).items():
            if isinstance(source, Path):
                self._add(files, File.generated(config, src_uri, abs_src_path=str(source)))
            else:
                self._add(files, File.generated(config, src_uri, content=source))

    @staticmethod
    def _offline(config: Any) -> bool:
        return any(
            name.split("/")[-1] == "offline" and plugin.config.enabled
            for name, plugin in config.plugins.items()
        )

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None and existing.generated_by is None:
            raise PluginError(
                f"docs/{file.src_uri} bestaat al, maar de kennisbank maakt die pagina zelf. "
                "Geef je eigen bestand een andere naam."
            )
        file.generated_by = "klantreis"
        files.append(file)

    # --- Integration point of the browser editor (issue 20) ---------------------------------
    # `klantreis serve` answers /admin/ with the editor (klantreis/cms_adapter); everything else
    # goes to MkDocs' live-reload app as before. One call: move it with the serve code.
    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        from ..cms_adapter.protocol import mount

        root = Path(config.config_file_path).resolve().parent
        host, port = config.dev_addr
        server.set_app(mount(server.get_app(), root, host, port))
        log.info(f"Editor: http://{host}:{port}/admin/")
        return server

    # After the blog plugin has decided which posts are drafts and where posts live.
    @event_priority(-100)
    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        self._files = files
        self.state = BuildState(files, nav)
        self.shared_parts = SharedParts(nav)
        self._engine().set_urls(
            {
                file.src_uri: file.url
                for file in files
                if file.inclusion is not InclusionLevel.EXCLUDED
            }
        )
        if not self.is_serve:
            # What exists now (configuration, knowledge base, pages) lives to the end of the
            # build: the garbage collector need not walk it again and again (its full
            # collections took 0.22 s of a build of 1,000 pages, 0.08 s so). Thawed when done.
            gc.collect()
            gc.freeze()
        return nav

    # Before the macros plugin renders the page, so titles never reach Jinja as code.
    @event_priority(100)
    def _before_macros(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        engine = self._engine()
        if engine.has_problems_in(page.file.src_uri):
            page.meta["render_macros"] = False  # a broken macro must not stop the preview
        elif not has_template_syntax(markdown):
            page.meta["render_macros"] = False  # nothing to render: spare compiling the page
        elif self._renders_plain_macros(config, page):
            calls = simple_calls(markdown)
            if calls is not None and all(call.name in AUTHOR_MACROS for call in calls):
                # Only our macros with constant arguments: call them, the page needs no Jinja.
                # Not for a blog post: its excerpt is converted again from its Markdown, where
                # nothing would put stashed blocks back.
                markdown = engine.render_calls(
                    markdown, page.file.src_uri, calls, keep_html=not _shown_in_blog_lists(page)
                )
                page.meta["render_macros"] = False
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = neutralise(value)
        return markdown

    # After the macros plugin, so the sources' own text is never read as a template.
    @event_priority(-100)
    def _after_macros(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        engine = self._engine()
        markdown = engine.fill_generated(markdown, page.file.src_uri)
        return engine.add_source_notes(markdown, page.file.src_uri)

    on_page_markdown = CombinedEvent(_before_macros, _after_macros)

    @staticmethod
    def _renders_plain_macros(config: Any, page: Any) -> bool:
        """Whether the macros plugin would render this page with Jinja's standard syntax."""
        macros = config.plugins.get("macros")
        if macros is None:
            return False
        settings = macros.config
        standard = all(  # an empty setting means Jinja's own marker
            settings.get(f"j2_{kind}_start_string") in ("", None, marker)
            for kind, marker in (("variable", "{{"), ("block", "{%"), ("comment", "{#"))
        )
        return standard and page.meta.get("render_macros", settings.get("render_by_default", True))

    # First, so every other plugin sees the page's finished HTML.
    @event_priority(100)
    def _restore_html(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        return self._engine().restore_html(html)

    # Late, so the links go into the final HTML of every other content plugin.
    @event_priority(-50)
    def _link_terms(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        engine = self._engine()
        html = engine.link_page(html, page.file.src_uri, page.title or "", page.meta)
        if engine.stats.pages % PROGRESS_EVERY == 0:
            progress.info(f"{engine.stats.pages} pagina's verwerkt ...")
        return engine.problems_banner() + html if engine.problems else html

    on_page_content = CombinedEvent(_restore_html, _link_terms)

    # Before Material's search plugin, which strips the data-search-exclude markers.
    @event_priority(50)
    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        engine = self._engine()
        search_meta = page.meta.get("search")
        excluded = isinstance(search_meta, dict) and search_meta.get("exclude")
        if self.config.search and page.content and not excluded:
            self.indexer.add(
                SearchPage(
                    src_uri=page.file.src_uri,
                    location=page.url,
                    title=_plain(page.title),
                    html=page.content,
                    description=_plain(page.meta.get("description")),
                )
            )
        facts = PageFacts(
            src_uri=page.file.src_uri,
            url=page.canonical_url or "",
            title=_plain(page.title),
            description=_plain(page.meta.get("description") or config.site_description),
            breadcrumbs=self._breadcrumbs(page, config),
            term=page.meta.get("kr_begrip"),
            published=_iso_date(page.meta.get("date")),
            authors=[author.name for author in getattr(page, "authors", [])],
        )
        page.kr_structured_data = [
            json_ld(item)
            for item in structured_data(
                facts, engine.kb, lambda src: self._absolute(config, engine.urls.url(src))
            )
        ]
        return context

    def _breadcrumbs(self, page: Any, config: Any) -> list[tuple[str, str]]:
        """Home, then the index page of every folder above this page, then the page itself."""
        crumbs = [(config.site_name, self._absolute(config, ""))]
        parts = page.file.src_uri.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            index = self._files.get_file_from_path("/".join(parts[:depth]) + "/index.md")
            if index is not None and index.page is not None and index.page is not page:
                crumbs.append((_plain(index.page.title), self._absolute(config, index.url)))
        if not page.is_homepage:
            crumbs.append((_plain(page.title), page.canonical_url or ""))
        return crumbs

    @staticmethod
    def _absolute(config: Any, url: str) -> str:
        base = config.site_url or ""
        return base + ("" if url in ("", "./", ".") else url)

    # Last: every other plugin is done with the page once it is written.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        page.kr_structured_data = []
        if not self.is_serve and not _shown_in_blog_lists(page):
            # MkDocs keeps every page's texts to the end of the build; nothing reads them
            # again, so they would only add to the peak of memory. The preview renders pages
            # again, and the blog plugin puts posts in its lists: those keep theirs.
            # Empty, not None: MkDocs reads the title of a page without Markdown as None.
            page.markdown = page.content = ""
            page.toc = []  # as MkDocs sets it before a page is rendered
        return output

    # After Material's search plugin wrote its index, before the offline plugin copies it.
    @event_priority(-50)
    def on_post_build(self, *, config: Any) -> None:
        gc.unfreeze()
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not self.config.search or not path.is_file():
            return
        self.material_search = json.loads(path.read_text(encoding="utf-8"))
        self.write_search_index(config)

    def write_search_index(self, config: Any) -> None:
        """Our index in Material's search_index.json; the preview calls this after a save
        (Material's file is then ours already, so its config is taken from the last build)."""
        if not self.config.search or self.material_search is None:
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        write_material_index(path, self.material_search, self.indexer.index())

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        env.filters["kr_search_worker"] = self._search_worker
        env.globals["kr_shared"] = self.shared_parts
        env.loader = with_material_prefix(env.loader, config.theme.dirs, PACKAGE / "theme")
        if self.state is not None:
            self.state.env = env
        engine = self._engine()
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.content and page.meta.get("kr_begrip"):
                page.content = engine.fill_backlinks(
                    page.content, file.src_uri, page.meta["kr_begrip"]
                )
        return env

    def _search_worker(self, config_block: str) -> str:
        """Point Material's config block at our search worker (theme/main.html)."""
        if not self.config.search:
            return config_block
        replaced, count = MATERIAL_WORKER.subn(SEARCH_WORKER, str(config_block))
        if count != 1:
            raise PluginError(
                "Het zoekscript van Material staat niet meer in het configuratieblok van "
                "base.html; na een update van Material moet theme/main.html worden aangepast."
            )
        return Markup(replaced)

    def _engine(self) -> Engine:
        if self.engine is None:
            raise PluginError("De kennisbank kon niet worden geladen.")
        return self.engine


class _ConfigOnlyIndex:
    """Stands in for the index of Material's search plugin while ours is on.

    Material's page script needs the plugin (for the search box) and its index file (for the
    config); its documents would be parsed from every page's HTML and then thrown away.
    """

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = {key: settings[key] for key in ("lang", "separator", "pipeline", "fields")}

    def add_entry_from_context(self, page: Any) -> None:
        pass

    def generate_search_index(self, previous: Any) -> str:
        return json.dumps({"config": self.settings, "docs": []})


def _shown_in_blog_lists(page: Any) -> bool:
    """A post or a list of posts of Material's blog plugin, which may read the posts' texts
    when it renders a later page."""
    return type(page).__module__.startswith("material.plugins.blog")


def _spare_material_indexing(config: Any) -> None:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is not None and plugin.config.enabled and hasattr(plugin, "search_index"):
        # tests/test_search_contract.py checks the names this relies on.
        plugin.search_index = _ConfigOnlyIndex(dict(plugin.config))
        # Its page step now only strips data-search-* attributes, with a pattern that tries
        # every position of every page (0.2 s at 1,000 pages): call it where there are some.
        handlers = config.plugins.events["page_context"]
        if plugin.on_page_context in handlers:
            handlers[handlers.index(plugin.on_page_context)] = functools.partial(
                _only_with_search_attributes, plugin.on_page_context
            )


def _only_with_search_attributes(
    material_step: Any, context: Any, *, page: Any, **kwargs: Any
) -> Any:
    if page.content and "data-search-" in page.content:
        return material_step(context, page=page, **kwargs)
    return None


def _plain(value: Any) -> str:
    """Text as the reader sees it: undo our escaping of titles and descriptions."""
    if isinstance(value, Markup):
        return value.unescape()
    return str(value or "")


def _iso_date(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("created")
    return value.isoformat()[:10] if hasattr(value, "isoformat") else None


def _failure_message(problems: list[Any], strict_warnings: bool) -> str:
    message = "De bronbestanden bevatten fouten:\n" + format_errors(problems)
    if strict_warnings:
        message += "\n(Een strikte bouw, strict: true in mkdocs.yml, telt waarschuwingen als fout.)"
    return message


def has_template_syntax(markdown: str) -> bool:
    return "{{" in markdown or "{%" in markdown or "{#" in markdown


def neutralise(text: str) -> Markup:
    """Source text as safe HTML that no theme template or Jinja pass can turn into code.

    Material writes titles and descriptions into the page unescaped, and the macros plugin
    renders a title that contains '{{'; escaping and encoding the braces disarms both.
    """
    escaped = str(Markup.escape(text))
    return Markup(escaped.replace("{", "&#123;").replace("}", "&#125;"))
