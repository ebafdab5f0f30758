"""Checks beyond the schema: macros in Markdown, and what `klantreis check` reports as findings.

The macro check parses every page with Jinja before MkDocs runs, so a typo in a macro name, a
template syntax error or an unknown slug is reported with the line in the file on disk.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes

from .content.errors import ContentError, ContentErrors, did_you_mean
from .content.figures import check_sources
from .content.house_style import check_style
from .content.knowledge import KnowledgeBase
from .content.load_cache import LoadCache
from .content.loader import load_with_errors
from .content.schema import stale_schemas
from .links import LinkChecker
from .site.blocks import AUTHOR_MACROS
from .site.linker import TermMatcher
from .site.macro_calls import MacroCall, simple_calls

# Names the macros plugin itself offers to every page, and Jinja's globals.
STANDARD_NAMES = frozenset(
    {
        "config",
        "page",
        "environment",
        "plugin",
        "git",
        "extra",
        "navigation",
        "files",
        "macros_info",
        "now",
        "fix_url",
        "context",
        "render_macros",
        "range",
        "dict",
        "lipsum",
        "cycler",
        "joiner",
        "namespace",
    }
)
# Which argument of which macro names what, so unknown slugs are caught before the build.
REFERENCES = {
    "begrip": "terms",
    "fase": "phase",
    "kanaal": "channels",
    "klantreis": "journeys",
    "fase_sjabloon": "phase",
    "kanalen_van_fase": "phase",
    "begrippen_van_fase": "phase",
    "klantreis_kaart": "journeys",
    "emotiecurve": "journeys",
    "model": "model_ids",
}
KIND_LABELS = {
    "terms": "onbekend begrip",
    "phase": "onbekende fase",
    "channels": "onbekend kanaal",
    "journeys": "onbekende klantreis",
    "model_ids": "onbekend model",
}
# Jinja's syntax errors, recognised by a piece of their English text, in Dutch.
SYNTAX_MESSAGES = (
    ("expected ')'", "er ontbreekt een ')'."),
    ("expected ']'", "er ontbreekt een ']'."),
    (
        "unexpected end of template",
        "een {% %}-blok wordt niet afgesloten (bijvoorbeeld met {% endif %}).",
    ),
    ("unexpected '}'", "er staat een '}' te veel of te weinig."),
    ("unexpected char", "er staat een teken dat hier niet mag."),
    ("expected token 'end of print statement'", "de {{ }} wordt niet goed afgesloten."),
    ("unknown tag", "onbekende opdracht tussen {% %}."),
)


def _sources(
    kb: KnowledgeBase, only: Collection[str] | None
) -> Iterator[tuple[str, str, int]]:
    """(path, Markdown body, line of the body's first line) for every text with macros."""
    for page in kb.pages:
        if page.render_macros and (only is None or page.path in only):
            yield page.path, page.body, page.body_line
    for term in kb.terms.values():
        if only is None or term.path in only:
            yield term.path, term.body, term.body_line


def check_templates(
    kb: KnowledgeBase,
    extra_names: Iterable[str] = (),
    skip: Iterable[str] = (),
    only: Collection[str] | None = None,
) -> None:
    """Raise `ContentErrors` for every macro problem in every page.

    Slugs of the kinds in `skip` are not checked: some files of that kind did not load, so a
    valid slug could look unknown.
    """
    env = Environment()
    known = set(AUTHOR_MACROS) | STANDARD_NAMES | set(extra_names)
    errors: list[ContentError] = []
    for path, body, first_line in _sources(kb, only):
        if "{{" not in body and "{%" not in body and "{#" not in body:
            continue
        calls = simple_calls(body)
        if calls is not None:  # each call parsed on its own: no need to compile the page
            errors.extend(_check_calls(calls, kb, known, path, first_line, set(skip)))
            continue
        try:
            tree = env.parse(body)
        except TemplateSyntaxError as error:
            errors.append(
                ContentError(
                    path,
                    first_line + (error.lineno or 1) - 1,
                    f"fout in een macro: {_syntax_message(error.message or '')}",
                    "Controleer de {{ }} en {% %} op deze regel.",
                )
            )
            continue
        errors.extend(_check_tree(tree, kb, known, path, first_line, set(skip)))
    if errors:
        raise ContentErrors(errors)


def _syntax_message(message: str) -> str:
    for needle, dutch in SYNTAX_MESSAGES:
        if needle in message:
            return dutch
    return "deze macro is niet goed geschreven."


def failed_kinds(errors: Iterable[ContentError]) -> set[str]:
    """Which kinds of source had a file that did not load (their slugs may look unknown)."""
    kinds = set()
    for error in errors:
        if error.path.startswith("glossary/"):
            kinds.add("terms")
        elif error.path.endswith("_phases.yml"):
            kinds.add("phase")
        elif error.path.endswith("_channels.yml"):
            kinds.add("channels")
        elif error.path.endswith("_models.yml"):
            kinds.add("model_ids")
        elif error.path.startswith("journeys/"):
            kinds.add("journeys")
    return kinds


def _check_tree(
    tree: nodes.Template,
    kb: KnowledgeBase,
    known: set[str],
    path: str,
    first_line: int,
    skip: set[str],
) -> Iterator[ContentError]:
    assigned = {node.name for node in tree.find_all(nodes.Name) if node.ctx in ("store", "param")}
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in known and node.name not in assigned:
            yield _unknown_name(node.name, path, first_line + node.lineno - 1)
    for call in tree.find_all(nodes.Call):
        name = call.node.name if isinstance(call.node, nodes.Name) else None
        if name in REFERENCES and call.args and isinstance(call.args[0], nodes.Const):
            line = first_line + call.lineno - 1
            yield from _check_reference(name, call.args[0].value, kb, path, line, skip)


def _check_calls(
    calls: list[MacroCall],
    kb: KnowledgeBase,
    known: set[str],
    path: str,
    first_line: int,
    skip: set[str],
) -> Iterator[ContentError]:
    for call in calls:
        line = first_line + call.line - 1
        if call.name not in known:
            yield _unknown_name(call.name, path, line)
        elif call.name in REFERENCES and call.args:
            yield from _check_reference(call.name, call.args[0], kb, path, line, skip)


def _unknown_name(name: str, path: str, line: int) -> ContentError:
    return ContentError(
        path,
        line,
        f"onbekende macro of variabele '{name}'.",
        did_you_mean(name, AUTHOR_MACROS),
    )


def _check_reference(
    macro: str, value: Any, kb: KnowledgeBase, path: str, line: int, skip: set[str]
) -> Iterator[ContentError]:
    kind = REFERENCES[macro]
    known: Any = getattr(kb, kind)
    if kind not in skip and value not in known:
        yield ContentError(
            path,
            line,
            f"{KIND_LABELS[kind]} '{value}' in {macro}(...).",
            did_you_mean(value, known),
        )


# -- findings for `klantreis check` ---------------------------------------------------------

def load_and_check(
    project: Path,
    docs_dir: str = "docs",
    extra_names: Iterable[str] = (),
    cache: LoadCache | None = None,
    only: Collection[str] | None = None,
) -> tuple[KnowledgeBase, list[ContentError]]:
    """What is valid, and every error: of the files, of the macros and of the links.

    The build and `klantreis check` both start here, so they report the same problems. The
    preview passes `only`, the files just saved, when nothing else can have changed: the
    checks within a file then run for those files alone.
    """
    kb, problems = load_with_errors(project, docs_dir, cache)
    try:
        check_templates(kb, extra_names=extra_names, skip=failed_kinds(problems), only=only)
    except ContentErrors as failure:
        problems.extend(failure.errors)
    problems.extend(LinkChecker(project, docs_dir).broken(kb, only))
    if not problems:
        # Warnings a strict build treats as errors: a figure must name its source.
        problems.extend(check_sources(kb, only))
    return kb, problems


def findings(project: Path, docs_dir: str = "docs") -> list[ContentError]:
    """Everything `klantreis check` reports: errors, or else warnings; never raises."""
    kb, problems = load_and_check(project, docs_dir)
    if not any(not problem.warning for problem in problems):
        problems += [
            *check_style(kb),
            *_unused_terms(kb),
            *_articles_without_phase(kb),
            *_journey_gaps(kb),
            *stale_schemas(project, kb),
        ]
    return sorted(problems)


def _unused_terms(kb: KnowledgeBase) -> Iterator[ContentError]:
    matcher = TermMatcher(kb.terms.values())
    # (the term whose own page a text is on, the text): a term naming itself does not count.
    texts: list[tuple[str | None, str]] = [(None, page.body) for page in kb.pages]
    texts += [(term.slug, f"{term.description}\n{term.body}") for term in kb.terms.values()]
    texts += [(None, journey.model_dump_json()) for journey in kb.journeys.values()]
    used = {
        match.slug
        for owner, text in texts
        for match in matcher.find_in_source(text)
        if match.slug != owner
    }
    for term in kb.terms.values():
        if term.slug not in used:
            yield ContentError(
                term.path,
                0,
                f"het begrip '{term.title}' komt op geen enkele andere pagina voor.",
                "Gebruik het in een tekst, of haal het weg.",
                warning=True,
            )


def _articles_without_phase(kb: KnowledgeBase) -> Iterator[ContentError]:
    for page in kb.pages:
        if page.is_article and not page.phases:
            yield ContentError(
                page.path,
                1,
                "dit artikel heeft geen fase.",
                "Zet de fase als categorie: categories: [Aandacht].",
                warning=True,
            )


def _journey_gaps(kb: KnowledgeBase) -> Iterator[ContentError]:
    for journey in kb.journeys.values():
        if journey.ending:
            continue  # the consultant says where and how this journey stops
        covered = {stage.phase for stage in journey.stages}
        missing = [phase.name for phase in kb.phases if phase.id not in covered]
        if missing:
            yield ContentError(
                journey.path,
                0,
                "geen stap in de fase(n) " + ", ".join(missing) + ".",
                "Voeg een stap toe, of zeg met 'ending:' hoe de reis eerder afloopt.",
                warning=True,
            )
