"""The knowledge base itself: the content contract of the real sources, and a clean build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import REPO, content, page, run_cli

from klantreis.content.figures import needs_source
from klantreis.content.loader import load_knowledge_base
from klantreis.content.texts import units

REQUIRED_TERMS = [
    "SEO", "SEA", "Google Ads", "CTA", "conversie", "webinar", "doelgroep", "persona",
    "e-mailmarketing", "nieuwsbrief", "touchpoint", "klantreis", "retargeting", "remarketing",
    "know-like-trust", "lead", "leadmagnet", "funnel", "AIDA", "see-think-do-care", "NPS",
    "klantloyaliteit", "retentie", "reviews", "keurmerk", "live chat", "landingspagina",
    "contentmarketing", "social media", "influencer", "upsell", "cross-sell",
    "customer lifetime value", "omnichannel", "A/B-test",
]
REQUIRED_CHANNELS = ["website", "google", "google-ads", "social-media", "e-mail", "webinar",
                     "reviews", "winkel", "telefoon", "live-chat"]


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(REPO)


def test_every_phase_has_the_full_template(kb):
    assert [phase.id for phase in kb.phases] == [
        "aandacht", "overweging", "aankoop", "service", "loyaliteit"]
    for phase in kb.phases:
        for field in ("goal", "wants", "thinks", "feels", "contact", "content"):
            assert getattr(phase, field), f"{phase.id} mist {field}"
        assert len(phase.measure) >= 2


def test_channel_catalogue(kb):
    assert len(kb.channels) >= 20
    assert set(REQUIRED_CHANNELS) <= set(kb.channels)
    assert {channel.online for channel in kb.channels.values()} == {True, False}
    assert all(channel.phases for channel in kb.channels.values())


def test_glossary_terms_are_complete(kb):
    assert len(kb.terms) >= 35
    names = {form.casefold() for term in kb.terms.values() for form in term.forms}
    missing = [name for name in REQUIRED_TERMS if name.casefold() not in names]
    assert missing == []
    for term in kb.terms.values():
        assert len(re.findall(r"\w+", term.body)) >= 80, term.slug
        assert term.description.count(". ") == 0 and term.description.endswith("."), term.slug
        assert term.aliases and term.phases, term.slug


def test_journeys_fill_their_lanes(kb):
    assert len(kb.journeys) >= 4
    order = [phase.id for phase in kb.phases]
    for journey in kb.journeys.values():
        reached = max(order.index(stage.phase) for stage in journey.stages)
        # A journey that says how it ends may stop early, but never skips a phase on the way.
        expected = set(order[: reached + 1]) if journey.ending else set(order)
        assert {stage.phase for stage in journey.stages} == expected, journey.slug
        for stage in journey.stages:
            assert stage.channels and stage.does and stage.feels and stage.emotion is not None


def test_models_cover_all_six(kb):
    assert {model.id for model in kb.models} >= {
        "aida", "mckinsey", "hubspot", "forrester", "see-think-do-care", "nieuwe-customer-journey"}


def test_models_are_described_as_their_authors_do(kb):
    models = {model.id: model for model in kb.models}
    assert models["mckinsey"].shape == "lus"  # the 2009 article set a loop against the funnel
    assert [stage.name for stage in models["hubspot"].stages] == [
        "Awareness", "Consideration", "Decision"]
    assert [stage.name for stage in models["forrester"].stages] == [
        "Discover", "Explore", "Buy", "Engage"]
    assert "Kaushik" in models["see-think-do-care"].origin
    assert "google-model" not in models["see-think-do-care"].name.casefold()


def test_the_models_guide_and_its_table_come_from_the_same_models(kb, real_site):
    guide = (REPO / "docs" / "gids" / "modellen-vergelijken.md").read_text(encoding="utf-8")
    shown = re.findall(r"\{\{\s*model\(\s*\"([^\"]+)\"\s*\)\s*\}\}", guide)
    assert sorted(shown) == sorted(model.id for model in kb.models)
    assert re.search(r"\{\{\s*modellen_vergelijking\(\)\s*\}\}", guide)
    article = content(page(real_site, "gids/modellen-vergelijken/"))
    for model in kb.models:
        card = article.select_one(f"#model-uitleg-{model.id}")
        row = article.select_one(f"tr#model-{model.id}")
        assert card is not None and row is not None, model.id
        stages = {stage.name for stage in model.stages}
        assert {step.get_text() for step in card.select(".kr-modelstap")} == stages
        assert {step.get_text() for step in row.select(".kr-modelstap")} == stages


# Phrases that lean on research without saying which; quoting them in code is fine.
UNNAMED_RESEARCH = re.compile(
    r"uit (?:recent |eigen )?onderzoek(?:en)? blijkt|volgens (?:diverse|verschillende) onderzoeken"
    r"|uit (?:diverse|verschillende) onderzoeken blijkt|uit recente cijfers blijkt"
    r"|onderzoek wijst uit|volgens onderzoek\b",
    re.IGNORECASE,
)


def test_no_text_leans_on_research_it_does_not_name(kb):
    found = [
        f"{unit.path}:{unit.line}: {match.group(0)}"
        for unit in units(kb)
        for match in [UNNAMED_RESEARCH.search(" ".join(unit.text.split()))]
        if match
    ]
    assert found == []


def _prose(block: Tag) -> str:
    """The text a reader sees in a block, without code (examples of markup are no claims)."""
    return " ".join(
        text for text in block.find_all(string=True) if text.find_parent(["code", "pre"]) is None
    )


def _cites_a_listed_source(block: Tag, notes: dict[str, Tag]) -> bool:
    for ref in block.select("sup[id^=fnref] a[href^='#']"):
        note = notes.get(str(ref["href"])[1:])
        if note is not None and note.select_one("a[href*='bronnen/']") is not None:
            return True
    return block.select_one(".kr-bron a[href*='bronnen/']") is not None


def figures_without_source(site: Path) -> list[str]:
    """Every paragraph, list item and table cell on the site that states a figure but cites
    no source of the catalogue: neither a footnote that leads to the sources page nor a marker."""
    missing = []
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        if article is None:
            continue
        notes = {str(note["id"]): note for note in article.select(".footnote li[id]")}
        for block in article.select("p, li, td"):
            if block.find_parent(class_="footnote") is not None:
                continue
            text = _prose(block)
            if needs_source(text) and not _cites_a_listed_source(block, notes):
                missing.append(f"{html.relative_to(site)}: {' '.join(text.split())[:90]}")
    return missing


def test_every_figure_on_the_site_names_a_listed_source(real_site):
    assert (real_site / "bronnen" / "index.html").is_file()
    assert figures_without_source(real_site) == []


def test_enough_guides_and_articles(kb):
    written = [page for page in kb.pages if page.src_uri.startswith(("gids/", "artikelen/posts/"))]
    assert len(written) >= 10


def test_check_is_clean_and_the_strict_build_has_no_warning(real_site):
    result = run_cli("check", "--project", str(REPO))
    assert result.exit_code == 0, result.output
    assert "0 fouten, 0 waarschuwingen" in result.output
    assert (real_site / "index.html").is_file()  # built with strict: any warning would fail it


def test_no_source_sentence_is_copied():
    import subprocess

    tool = REPO.parent / "shared" / "tools" / "seed-overlap"
    assert tool.exists(), f"the seed-overlap tool is missing: {tool}"
    result = subprocess.run([str(tool), str(REPO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
