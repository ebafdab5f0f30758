"""The preview renders only what a save changes, and the result is that of a clean build."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_of_the_knowledge_base, page

from klantreis.mkdocs_adapter.preview import Preview, _preview_config


def preview_of(project: Path, site_dir: Path) -> Preview:
    return Preview(project, lambda: _preview_config(project, str(site_dir), "127.0.0.1", 8000))


# The feeds carry the moment of the build; two builds a second apart differ only there.
BUILD_TIME = re.compile(rb"\d\d:\d\d:\d\d(?: [-+]0000|\.\d+\+00:00)")


def site_files(site: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            if path.name.startswith("feed_"):
                content = BUILD_TIME.sub(b"<bouwtijd>", content)
            files[path.relative_to(site).as_posix()] = content
    return files


def differences(incremental: Path, clean: Path) -> list[str]:
    ours, theirs = site_files(incremental), site_files(clean)
    names = sorted(ours.keys() | theirs.keys())
    return [name for name in names if ours.get(name) != theirs.get(name)]


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    root = copy_of_the_knowledge_base(tmp_path_factory.mktemp("voorbeeld") / "kennisbank")
    site = tmp_path_factory.mktemp("voorbeeld-site")
    preview = preview_of(root, site)
    assert preview.build_all().full == ""
    return root, site, preview


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CLEAN_BUILD = """
import sys
from pathlib import Path
from klantreis.mkdocs_adapter.preview import Preview, _preview_config
project, site = Path(sys.argv[1]), sys.argv[2]
Preview(project, lambda: _preview_config(project, site, "127.0.0.1", 8000)).build_all()
"""


def assert_same_as_a_clean_build(root: Path, site: Path, tmp_path: Path,
                                 preview: Preview) -> None:
    preview.settle()  # the search index is written after the pages
    # In a process of its own: MkDocs keeps one instance of each plugin per process.
    clean = tmp_path / "schoon"
    subprocess.run([sys.executable, "-c", CLEAN_BUILD, str(root), str(clean)], check=True,
                   capture_output=True)
    assert differences(site, clean) == []


def test_a_term_definition_and_explanation(session, tmp_path):
    root, site, preview = session
    term = root / "glossary" / "persona.md"
    text = term.read_text(encoding="utf-8")
    description = next(line for line in text.splitlines() if line.startswith("description:"))
    edit(term, description, "description: Een verzonnen maar herkenbare klant, getest.")
    # The explanation now names another term: that term's page lists this one as a mention.
    term.write_text(term.read_text(encoding="utf-8") + "\nDenk ook aan je webinar.\n",
                    encoding="utf-8")
    update = preview.update()
    assert update.full == ""
    assert 3 < update.pages < 40
    assert "Een verzonnen maar herkenbare klant, getest." in (
        site / "begrippen" / "persona" / "index.html").read_text(encoding="utf-8")
    assert_same_as_a_clean_build(root, site, tmp_path, preview)


def test_a_term_explanation_only(session, tmp_path):
    """The explanation is on the term's own page only: that page is rendered again (and the
    page of a term it now names, for its backlinks), not every page with the definition."""
    root, site, preview = session
    term = root / "glossary" / "funnel.md"
    term.write_text(term.read_text(encoding="utf-8") + "\nVergelijk het met een persona.\n",
                    encoding="utf-8")
    update = preview.update()
    assert update.full == ""
    shown = " ".join(page(site, "begrippen/funnel/").get_text().split())
    assert "Vergelijk het met een persona." in shown
    assert_same_as_a_clean_build(root, site, tmp_path, preview)


def test_saves_in_quick_succession_each_show_and_the_index_follows_the_last(session, tmp_path):
    """An editor that saves while you type: each save renders its pages at once, and the search
    index, written after a pause, is that of the last save."""
    root, site, preview = session
    term = root / "glossary" / "doelgroep.md"
    text = term.read_text(encoding="utf-8")
    description = next(line for line in text.splitlines() if line.startswith("description:"))
    for version in ("eerste", "tweede"):
        new = f"description: De groep mensen die je wilt bereiken ({version} versie)."
        edit(term, description, new)
        description = new
        assert preview.update().full == ""
        shown = " ".join(page(site, "begrippen/doelgroep/").get_text().split())
        assert f"({version} versie)" in shown
    assert_same_as_a_clean_build(root, site, tmp_path, preview)
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "(tweede versie)" in index and "(eerste versie)" not in index


def test_a_journey_stage(session, tmp_path):
    root, site, preview = session
    journey = root / "journeys" / "vera-afslankcoach.yml"
    text = journey.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.strip().startswith("- phase:"))
    stage_title = text.split("title: ", 2)[2].splitlines()[0]
    edit(journey, f"title: {stage_title}", f"title: {stage_title} (aangepast)")
    update = preview.update()
    assert update.full == "", title
    assert "(aangepast)" in (site / "klantreizen" / "vera-afslankcoach" / "index.html").read_text(
        encoding="utf-8")
    assert_same_as_a_clean_build(root, site, tmp_path, preview)


def test_what_a_customer_does_in_a_stage(session, tmp_path):
    """Text only the journey's own page shows: the phase, channel and overview pages stay as
    they are, the term it now names lists the journey under its backlinks."""
    root, site, preview = session
    journey = root / "journeys" / "vera-afslankcoach.yml"
    lines = journey.read_text(encoding="utf-8").splitlines()
    does = lines[next(i for i, line in enumerate(lines) if line.strip() == "does: >-") + 1]
    edit(journey, does, does + " Ze kijkt ook naar de klikratio van haar eigen berichten.")
    update = preview.update()
    assert update.full == ""
    shown = " ".join(page(site, "klantreizen/vera-afslankcoach/").get_text().split())
    assert "Ze kijkt ook naar de klikratio van haar eigen berichten." in shown
    assert_same_as_a_clean_build(root, site, tmp_path, preview)


def test_an_article(session, tmp_path):
    root, site, preview = session
    article = root / "docs" / "artikelen" / "posts" / "reviews-nemen-twijfel-weg.md"
    text = article.read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    first = next(line for line in body.splitlines() if len(line) > 40 and not line.startswith("#"))
    edit(article, first, first + " Een zin die er net bij kwam, over SEO.")
    update = preview.update()
    assert update.full == ""
    assert_same_as_a_clean_build(root, site, tmp_path, preview)


def test_a_new_file_builds_everything(session, tmp_path):
    root, site, preview = session
    (root / "docs" / "gids" / "nieuw.md").write_text("# Nieuw\n\nEen nieuwe gids.\n",
                                                     encoding="utf-8")
    update = preview.update()
    assert update.full == "docs/gids/nieuw.md is nieuw of verdwenen"
    assert_same_as_a_clean_build(root, site, tmp_path, preview)


def test_the_mkdocs_steps_the_preview_calls_are_still_there():
    # The preview renders single pages with MkDocs' own two steps; an upgrade that renames or
    # reorders them must fail here, not in the consultant's preview.
    import inspect

    from mkdocs.commands import build
    from mkdocs.livereload import LiveReloadServer

    populate = list(inspect.signature(build._populate_page).parameters)
    assert populate[:3] == ["page", "config", "files"], populate
    render = list(inspect.signature(build._build_page).parameters)
    assert render[:5] == ["page", "config", "doc_files", "nav", "env"], render
    server = list(inspect.signature(LiveReloadServer.__init__).parameters)
    assert {"builder", "host", "port", "root", "mount_path", "polling_interval"} <= set(server)
