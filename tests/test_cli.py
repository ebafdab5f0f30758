"""The command line: new, check and the build summary, as the consultant uses them."""

from __future__ import annotations

import gc
import re

import yaml
from conftest import build, content, page, run_cli


def test_new_makes_safe_slugs_and_never_overwrites(project):
    root = project()
    result = run_cli("new", "--project", str(root), "begrip", "Één café & SEO!")
    assert result.exit_code == 0
    assert result.output.strip() == "glossary/een-cafe-seo.md"
    text = (root / "glossary" / "een-cafe-seo.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == "Één café & SEO!"
    (root / "glossary" / "een-cafe-seo.md").write_text("mijn werk", encoding="utf-8")
    again = run_cli("new", "--project", str(root), "begrip", "Één café & SEO!")
    assert again.exit_code == 1
    assert "bestaat al" in again.output
    assert (root / "glossary" / "een-cafe-seo.md").read_text(encoding="utf-8") == "mijn werk"


def test_new_without_letters_and_with_an_unknown_kind(project):
    root = project()
    assert run_cli("new", "--project", str(root), "artikel", "!!!").exit_code == 1
    assert run_cli("new", "--project", str(root), "recept", "Soep").exit_code == 2


def test_new_journey_and_article_are_valid_and_build(project):
    root = project()
    journey = run_cli("new", "--project", str(root), "klantreis", "Sam koopt een fiets: snel").output.strip()
    article = run_cli("new", "--project", str(root), "artikel", "Vijf tips voor je CTA").output.strip()
    assert journey == "journeys/sam-koopt-een-fiets-snel.yml"
    assert article == "docs/artikelen/posts/vijf-tips-voor-je-cta.md"
    assert run_cli("check", "--project", str(root)).exit_code == 0
    site = build(root)
    written = yaml.safe_load((root / journey).read_text(encoding="utf-8"))
    journey_map = content(page(site, "klantreizen/sam-koopt-een-fiets-snel/")).select_one("table.kr-kaart")
    steps = [cell.get_text(" ", strip=True) for cell in journey_map.select("th.kr-stap")]
    assert len(steps) == len(written["stages"]) > 0
    assert all(stage["title"] in step for stage, step in zip(written["stages"], steps, strict=True))
    # A new article starts as a draft: written, previewable, not yet published.
    assert not (site / "artikelen" / "vijf-tips-voor-je-cta").exists()


def test_check_reports_every_seeded_problem_in_one_run(project):
    root = project({
        "glossary/seo.md": "---\ntitle: SEO\ndescription: Vindbaar.\nphases: [aandachtt]\n---\nx\n",
        "glossary/cta.md": "---\ntitle: CTA\naliases: [SEO]\ndescription: Knop.\nrelated: [ceo]\n---\nx\n",
        "journeys/vera.yml": "title: Vera\npersona: {name: Vera}\nstages:\n  - phase: aankoop\n"
                             "    title: Boeken\n    channels: [winkell]\n    emotion: 3\n",
        "docs/gids/gids.md": "---\ntitle: Gids\n---\n# Gids\n\nZie [dit](niet-er.md) en {{ begrip('seoo') }}.\n"
                             "{{ kanaaltabel('aandacht') }}\n",
    })
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1
    lines = [line.strip() for line in result.output.splitlines()
             if re.match(r"\s+(glossary|journeys)\S+:\d+:", line)]
    assert lines == [
        "glossary/cta.md:3: 'SEO' is ook een naam van glossary/seo.md. Een woord mag maar bij één begrip horen.",
        "glossary/cta.md:5: onbekend begrip 'ceo'. Bedoel je 'seo'?",
        "glossary/seo.md:4: onbekende fase 'aandachtt'. Bedoel je 'aandacht'?",
        "journeys/vera.yml:6: onbekend kanaal 'winkell'. Bedoel je 'winkel'?",
        "journeys/vera.yml:7: 'stages[1].emotion' moet tussen -2 en 2 liggen, gevonden: 3. "
        "Gebruik -2 (heel negatief), -1, 0, 1 of 2 (heel positief).",
    ]
    gids = [line.strip() for line in result.output.splitlines() if "docs/gids/gids.md" in line]
    assert gids == [
        "docs/gids/gids.md", "docs/gids/gids.md:6: de link 'niet-er.md' wijst naar een pagina die niet "
        "bestaat. Controleer de map en de bestandsnaam (met .md).",
        "docs/gids/gids.md:7: onbekende macro of variabele 'kanaaltabel'. Bedoel je 'kanaal'?"]
    assert "Traceback" not in result.output


def test_check_finds_macro_and_link_problems_with_their_lines(project):
    root = project({
        "docs/gids/gids.md": "---\ntitle: Gids\nphases: [aandacht]\n---\n# Gids\n\n"
                             "Zie [dit](niet-er.md).\n\n{{ begrip('seoo') }}\n\n{{ kanaaltabel('aandacht') }}\n",
    })
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1
    assert "docs/gids/gids.md:9: onbekend begrip 'seoo' in begrip(...). Bedoel je 'seo'?" in result.output
    assert "docs/gids/gids.md:11: onbekende macro of variabele 'kanaaltabel'." in result.output
    fixed = (root / "docs/gids/gids.md").read_text().replace("{{ begrip('seoo') }}", "").replace(
        "{{ kanaaltabel('aandacht') }}", "")
    (root / "docs/gids/gids.md").write_text(fixed)
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1
    assert "docs/gids/gids.md:7: de link 'niet-er.md' wijst naar een pagina die niet bestaat." in result.output
    assert "docs/gids/gids.md:9" not in result.output


def test_check_warns_about_unused_terms_articles_without_phase_and_journey_gaps(project):
    root = project({
        "glossary/webinar.md": "---\ntitle: webinar\ndescription: Een online seminar.\n---\nUitleg.\n",
        "docs/artikelen/posts/los.md": "---\ndate: 2026-10-03\nauthors: [marieke]\n---\n# Los\n\nTekst.\n",
    })
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 0
    assert "glossary/webinar.md: waarschuwing: het begrip 'webinar' komt op geen enkele andere pagina voor." in result.output
    assert "docs/artikelen/posts/los.md:1: waarschuwing: dit artikel heeft geen fase." in result.output
    assert "journeys/vera.yml: waarschuwing: geen stap in de fase(n) Service, Loyaliteit." in result.output


def test_build_summary_matches_the_built_site(project):
    root = project()
    result = run_cli("build", "--project", str(root))
    assert result.exit_code == 0
    numbers = dict(re.findall(r"^\s+([a-z' ]+):\s+(\S+)", result.output, re.MULTILINE))
    site = root / "site"
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    links = sum(len(content(page(site, p.relative_to(site).as_posix())).select("a.kr-begrip[data-begrip]"))
                for p in pages)
    assert int(numbers["begrippen"]) == len(list((site / "begrippen").glob("*/index.html")))
    assert int(numbers["klantreizen"]) == 1
    assert int(numbers["gelinkte begrippen"]) <= links
    assert int(numbers["pagina's"]) == len(pages)
    assert numbers["site"] == str(site)


def test_check_output_is_plain_unless_colour_is_asked_for(project):
    root = project({"glossary/seo.md": "---\ntitle: SEO\ndescription: Vindbaar.\nphases: [x]\n---\nx\n"})
    plain = run_cli("check", "--project", str(root))
    coloured = run_cli("check", "--project", str(root), "--kleur")
    assert "\033[" not in plain.output
    assert "\033[31monbekende fase 'x'." in coloured.output
    # The location stays uncoloured at the start of the line, so editors can still jump to it.
    assert "\n  glossary/seo.md:4: " in coloured.output


def test_a_build_leaves_the_garbage_collector_as_it_found_it(project):
    """A build freezes what lives to its end, so the collector does not walk it again and
    again; a program that builds more than once (the editor, these tests) gets it back, after
    a failed build too."""
    root = project()
    assert run_cli("build", "--project", str(root)).exit_code == 0
    assert gc.get_freeze_count() == 0
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n{{ 1 / 0 }}\n", encoding="utf-8")
    result = run_cli("build", "--project", str(root))
    assert result.exit_code != 0, result.output
    assert gc.get_freeze_count() == 0
