"""Loading and validating every source file into a `KnowledgeBase`, with all problems at once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from .errors import ContentError, ContentErrors, did_you_mean
from .figures import citing_files
from .files import SourceFiles
from .knowledge import KnowledgeBase, sort_key
from .load_cache import FileOutcome, LoadCache, context_key, file_stamp
from .model import (
    PHASE_IDS,
    Channel,
    DocPage,
    Journey,
    JourneyFile,
    JourneyModel,
    PageSearchWords,
    Phase,
    Source,
    StyleRule,
    Term,
    TermFrontMatter,
)
from .sources import MarkdownSource, YamlDocument, split_front_matter
from .validation import validate

GLOSSARY_DIR = "glossary"
JOURNEYS_DIR = "journeys"
ARTICLES_DIR = "artikelen/posts"
CATALOGUE_FILES = {
    "sources": "_bronnen.yml",
    "style": "_stijl.yml",
    "phases": "_phases.yml",
    "channels": "_channels.yml",
    "models": "_models.yml",
}
# A knowledge base without figures or a house style needs neither file.
OPTIONAL_CATALOGUES = frozenset({"sources", "style"})
T = TypeVar("T")


class Loader:
    """Reads the project once; collects every `ContentError` before raising."""

    def __init__(self, root: Path, docs_dir: str = "docs", cache: LoadCache | None = None) -> None:
        self.root = root
        self.docs_dir = docs_dir
        self.cache = cache
        self.errors: list[ContentError] = []
        self.files = SourceFiles(root, self.errors)
        # Names kept for the cross-reference checks that run after all files are read.
        self._names: dict[str, list[tuple[str, int, bool]]] = {}
        # The YAML of every file that loaded, for checks that point at a line inside it.
        self.documents: dict[str, YamlDocument] = {}

    def load(self) -> KnowledgeBase:
        """Everything valid, as a knowledge base; the problems are in `self.errors`."""
        # References are checked only against a catalogue that loaded without errors: when the
        # catalogue itself is broken, that is the one problem to report, not every use of it.
        known: dict[str, set[str]] = {}
        sources = self._catalogue("sources", Source)
        if self._clean(CATALOGUE_FILES["sources"]):
            known["sources"] = {source.id for source in sources}
        style = self._catalogue("style", StyleRule)
        phases = self._catalogue("phases", Phase, known)
        if self._check_phase_order(phases):
            known["phases"] = {phase.id for phase in phases}
        channels = self._catalogue("channels", Channel, known)
        models = self._catalogue("models", JourneyModel, known)
        terms = {term.slug: term for term in self._terms(known)}
        self._check_term_names(terms)
        if channels and self._clean(CATALOGUE_FILES["channels"]):
            known["channels"] = {channel.id for channel in channels}
        journeys = {journey.slug: journey for journey in self._journeys(known)}
        pages = tuple(self._doc_pages(phases))
        return KnowledgeBase(
            phases=tuple(phases),
            channels={channel.id: channel for channel in channels},
            models=tuple(models),
            terms=dict(sorted(terms.items(), key=lambda item: sort_key(item[1]))),
            journeys=dict(sorted(journeys.items())),
            pages=pages,
            sources={source.id: source for source in sources},
            style=tuple(style),
            documents=self.documents,
        )

    # -- files ---------------------------------------------------------------------------

    def _catalogue(
        self, kind: str, model: type[Any], known: dict[str, set[str]] | None = None
    ) -> list[Any]:
        path = self.root / JOURNEYS_DIR / CATALOGUE_FILES[kind]
        rel = self.files.rel(path)
        if not path.is_file():
            if kind not in OPTIONAL_CATALOGUES:
                self.errors.append(ContentError(rel, 0, "dit catalogusbestand ontbreekt."))
            return []
        document = self.files.yaml(path)
        if document is None:
            return []
        self.documents[rel] = document
        if not isinstance(document.data, list):
            self.errors.append(
                ContentError(
                    rel, document.first_line, "verwacht een lijst van items ('- id: ...')."
                )
            )
            return []
        items, seen = [], set()
        for index, data in enumerate(document.data):
            # Duplicates are found in what was written, so an invalid first copy still counts.
            raw_id = data.get("id") if isinstance(data, dict) else None
            if isinstance(raw_id, str) and raw_id in seen:
                self.errors.append(
                    ContentError(
                        rel, document.line_of((index, "id")), f"id '{raw_id}' komt dubbel voor."
                    )
                )
                continue
            if isinstance(raw_id, str):
                seen.add(raw_id)
            item = validate(model, data, document, rel, self.errors, prefix=(index,), context=known)
            if item is not None:
                items.append(item)
        return items

    def _check_phase_order(self, phases: list[Phase]) -> bool:
        """True when the phase catalogue is complete, valid and in order."""
        ids = [phase.id for phase in phases]
        if phases and ids != list(PHASE_IDS):
            self.errors.append(
                ContentError(
                    f"{JOURNEYS_DIR}/{CATALOGUE_FILES['phases']}",
                    1,
                    f"de fasen moeten {', '.join(PHASE_IDS)} zijn, in die volgorde.",
                    f"Gevonden: {', '.join(ids)}.",
                )
            )
        return bool(phases) and self._clean(CATALOGUE_FILES["phases"])

    def _clean(self, catalogue_file: str) -> bool:
        path = f"{JOURNEYS_DIR}/{catalogue_file}"
        return not any(error.path == path for error in self.errors)

    # -- one file at a time, remembered between loads -------------------------------------

    def _cached(self, path: Path, context: int, load_one: Callable[[], T]) -> T:
        """What `load_one` gives for this file, from the cache when the file is unchanged."""
        if self.cache is None:
            return load_one()
        rel, stamp = self.files.rel(path), file_stamp(path)
        known = self.cache.get(rel, stamp, context)
        if known is not None:
            self.errors.extend(known.errors)
            if known.names is not None:
                self._names[rel] = known.names
            if known.document is not None:
                self.documents[rel] = known.document
            return cast(T, known.item)
        errors_before = len(self.errors)
        item = load_one()
        outcome = FileOutcome(
            stamp,
            context,
            item,
            tuple(self.errors[errors_before:]),
            self._names.get(rel),
            self.documents.get(rel),
        )
        self.cache.put(rel, outcome)
        return item

    # -- glossary ------------------------------------------------------------------------

    def _terms(self, known: dict[str, set[str]]) -> Iterator[Term]:
        files = list(self.files.slugged(self.root / GLOSSARY_DIR, (".md",)))
        context = {**known, "terms": {slug for slug, _ in files}}
        key = context_key(context)
        for slug, path in files:
            term = self._cached(path, key, partial(self._term, slug, path, context))
            if term is not None:
                yield term

    def _split(self, text: str, rel: str) -> MarkdownSource | None:
        """Front matter and body; None when the front matter is broken (the errors recorded)."""
        try:
            return split_front_matter(text, rel)
        except ContentErrors as failure:
            self.errors.extend(failure.errors)
            return None

    def _term(self, slug: str, path: Path, context: dict[str, set[str]]) -> Term | None:
        rel = self.files.rel(path)
        text = self.files.read(path)
        if text is None:
            return None
        if not text.strip():
            self.errors.append(ContentError(rel, 0, "het bestand is leeg."))
            return None
        if not text.startswith("---\n"):
            self.errors.append(
                ContentError(
                    rel,
                    1,
                    "de front matter ontbreekt.",
                    "Zet bovenaan een blok tussen twee '---' regels met title: en description:.",
                )
            )
            return None
        source = self._split(text, rel)
        if source is None:
            return None
        self._record_names(rel, source.front_matter)
        front = validate(
            TermFrontMatter,
            source.front_matter.data,
            source.front_matter,
            rel,
            self.errors,
            context=context,
        )
        if front is None:
            return None
        if not source.body.strip():
            self.errors.append(
                ContentError(
                    rel,
                    source.body_line,
                    "de uitleg onder de front matter ontbreekt.",
                    "Schrijf onder de afsluitende '---' een uitleg van het begrip.",
                )
            )
            return None
        self.documents[rel] = source.front_matter
        return Term(
            **front.model_dump(),
            slug=slug,
            path=rel,
            body=source.body,
            body_line=source.body_line,
        )

    def _record_names(self, rel: str, front: YamlDocument) -> None:
        """Keep the title and aliases as written, so clashes are found even in invalid files."""
        data = front.data if isinstance(front.data, dict) else {}
        title, aliases = data.get("title"), data.get("aliases")
        names = [(title, front.line_of(("title",)), False)] if isinstance(title, str) else []
        if isinstance(aliases, list):
            names += [
                (alias, front.line_of(("aliases", index)), True)
                for index, alias in enumerate(aliases)
                if isinstance(alias, str)
            ]
        self._names[rel] = names

    def _check_term_names(self, terms: dict[str, Term]) -> None:
        """No term is related to itself, and every word belongs to one term only.

        Titles claim their word before aliases do, so a clash is reported on the alias.
        """
        claims = sorted(
            (is_alias, path, line, name)
            for path, names in self._names.items()
            for name, line, is_alias in names
        )
        owners: dict[str, tuple[str, bool]] = {}
        for is_alias, path, line, name in claims:
            owner, _ = owners.setdefault(name.strip().casefold(), (path, is_alias))
            if owner != path:
                self.errors.append(
                    ContentError(
                        path,
                        line,
                        f"'{name}' is ook een naam van {owner}.",
                        "Een woord mag maar bij één begrip horen.",
                    )
                )
            elif is_alias and owners[name.strip().casefold()][1] is False:
                self.errors.append(
                    ContentError(
                        path,
                        line,
                        f"de alias '{name}' is gelijk aan de titel.",
                        "Haal de alias weg.",
                    )
                )
        for term in terms.values():
            if term.slug in term.related:
                line = self.documents[term.path].line_of(
                    ("related", term.related.index(term.slug))
                )
                self.errors.append(
                    ContentError(term.path, line, "een begrip kan niet aan zichzelf verwant zijn.")
                )

    # -- journeys ------------------------------------------------------------------------

    def _journeys(self, known: dict[str, set[str]]) -> Iterator[Journey]:
        folder = self.root / JOURNEYS_DIR
        key = context_key(known)
        for slug, path in self.files.slugged(folder, (".yml", ".yaml")):
            journey = self._cached(path, key, partial(self._journey, slug, path, known))
            if journey is not None:
                yield journey

    def _journey(self, slug: str, path: Path, known: dict[str, set[str]]) -> Journey | None:
        document = self.files.yaml(path)
        if document is None:
            return None
        rel = self.files.rel(path)
        if not isinstance(document.data, dict):
            self.errors.append(
                ContentError(
                    rel,
                    document.first_line,
                    "het bestand moet een klantreis met sleutels zijn (title:, persona:, stages:), "
                    "geen " + ("lijst." if isinstance(document.data, list) else "losse tekst."),
                    "Zet elke klantreis in een eigen bestand, zonder '- ' voor title:.",
                )
            )
            return None
        data = validate(JourneyFile, document.data, document, rel, self.errors, context=known)
        self.documents[rel] = document
        if data is None or not self._opportunity_stages_exist(data, document, rel):
            return None
        return Journey(**dict(data), slug=slug, path=rel)

    def _opportunity_stages_exist(
        self, journey: JourneyFile, document: YamlDocument, rel: str
    ) -> bool:
        """Every opportunity names a stage of this journey (1 is the first)."""
        count, fine = len(journey.stages), True
        for index, opportunity in enumerate(journey.opportunities):
            if opportunity.stage is not None and opportunity.stage > count:
                self.errors.append(
                    ContentError(
                        rel,
                        document.line_of(("opportunities", index, "stage")),
                        f"de kans '{opportunity.title}' hoort bij stap {opportunity.stage}, "
                        f"maar de reis heeft {count} stappen.",
                        f"Gebruik een nummer van 1 tot en met {count}.",
                    )
                )
                fine = False
        return fine

    # -- hand-written pages --------------------------------------------------------------

    def _doc_pages(self, phases: list[Phase]) -> Iterator[DocPage]:
        docs = self.root / self.docs_dir
        names = {phase.name.casefold(): phase.id for phase in phases}
        key = context_key({"phases": set(names.values())})
        for path in self.files.files(docs, (".md",)):
            page = self._cached(path, key, partial(self._doc_page, path, docs, names))
            if page is not None:
                yield page

    def _doc_page(self, path: Path, docs: Path, names: dict[str, str]) -> DocPage | None:
        rel = self.files.rel(path)
        text = self.files.read(path)
        if text is None:
            return None
        source = self._split(text, rel)
        if source is None:
            return None
        meta = source.front_matter.data
        if not isinstance(meta, dict):
            self.errors.append(ContentError(rel, 1, "de front matter moet sleutels bevatten."))
            return None
        src_uri = path.relative_to(docs).as_posix()
        is_article = src_uri.startswith(ARTICLES_DIR + "/")
        page_phases = self._page_phases(meta, source.front_matter, rel, names, is_article)
        return DocPage(
            src_uri=src_uri,
            path=rel,
            title=_page_title(meta, source.body, path),
            description=str(meta.get("description") or ""),
            phases=tuple(page_phases),
            is_article=is_article,
            draft=bool(meta.get("draft")),
            date=_date(meta.get("date")),
            tags=tuple(str(tag) for tag in meta.get("tags") or ()),
            aliases=self._page_aliases(meta, source.front_matter, rel),
            body=source.body,
            body_line=source.body_line,
            render_macros=meta.get("render_macros", True) is not False,
            front_matter=text[: len(text) - len(source.body)],
        )

    def _page_aliases(self, meta: dict[str, Any], front: YamlDocument, rel: str) -> tuple[str, ...]:
        """The words a reader searches the page by, checked like a term's aliases."""
        checked = validate(
            PageSearchWords, {"aliases": meta.get("aliases") or []}, front, rel, self.errors
        )
        return tuple(checked.aliases) if checked else ()

    def _page_phases(
        self,
        meta: dict[str, Any],
        front: YamlDocument,
        rel: str,
        names: dict[str, str],
        is_article: bool,
    ) -> list[str]:
        known = set(names.values())
        found = []
        key = "categories" if is_article else "phases"
        values = meta.get(key) or []
        if not isinstance(values, list):
            self.errors.append(
                ContentError(rel, front.line_of((key,)), f"'{key}' moet een lijst zijn.")
            )
            return []
        for index, value in enumerate(values):
            text = str(value)
            phase = names.get(text.casefold()) if is_article else text
            if phase in known:
                found.append(phase)
            elif not known:
                continue  # the phase catalogue is broken; that error is reported already
            elif is_article:
                self.errors.append(
                    ContentError(
                        rel,
                        front.line_of((key, index)),
                        f"onbekende categorie '{text}'.",
                        "Kies de naam van een fase: "
                        + ", ".join(sorted(name.capitalize() for name in names))
                        + ".",
                    )
                )
            else:
                self.errors.append(
                    ContentError(
                        rel,
                        front.line_of((key, index)),
                        f"onbekende fase '{text}'.",
                        did_you_mean(text, known),
                    )
                )
        return found


def _page_title(meta: dict[str, Any], body: str, path: Path) -> str:
    if meta.get("title"):
        return str(meta["title"])
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return heading.group(1) if heading else path.stem.replace("-", " ").capitalize()


def _date(value: Any) -> Any:
    if isinstance(value, dict):
        value = value.get("created")
    return value if hasattr(value, "year") else None


def load_knowledge_base(root: Path, docs_dir: str = "docs") -> KnowledgeBase:
    """Read and validate every source under `root`; raise `ContentErrors` with all problems."""
    kb, errors = load_with_errors(root, docs_dir)
    if errors:
        raise ContentErrors(errors)
    return kb


def load_with_errors(
    root: Path, docs_dir: str = "docs", cache: LoadCache | None = None
) -> tuple[KnowledgeBase, list[ContentError]]:
    """What is valid, and every problem found: for `klantreis check`, which reports them all.

    With a `cache` (the preview), files that did not change since the last load are not read.
    """
    loader = Loader(root, docs_dir, cache)
    kb = loader.load()
    if not kb.sources:
        return kb, loader.errors
    citations = {source: tuple(paths) for source, paths in citing_files(kb).items()}
    return replace(kb, citations=citations), loader.errors
