"""The knowledge base itself: the content contract of the real sources, and a clean build."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, run_cli

from klantreis.content.loader import load_knowledge_base

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
    for journey in kb.journeys.values():
        assert {stage.phase for stage in journey.stages} == {phase.id for phase in kb.phases}
        for stage in journey.stages:
            assert stage.channels and stage.does and stage.feels and stage.emotion is not None


def test_models_cover_all_six(kb):
    assert {model.id for model in kb.models} >= {
        "aida", "mckinsey", "hubspot", "forrester", "see-think-do-care", "nieuwe-customer-journey"}


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
    if not tool.exists():
        pytest.skip("the seed-overlap tool is not beside this checkout")
    result = subprocess.run([str(tool), str(REPO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
