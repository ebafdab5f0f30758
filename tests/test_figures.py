"""Figures and their sources: what `klantreis check` warns about, and what the reader sees."""

from __future__ import annotations

import re

from conftest import build, content, page, run_cli

from klantreis.content.figures import needs_source

SOURCES = (
    "- id: rtm-2019\n"
    "  title: 'Trend: de nieuwe customer journey'\n"
    "  publisher: RTM Business\n"
    "  year: 2019\n"
    "  url: https://example.nl/trend\n"
    "- id: zonder-jaar\n"
    "  title: Wat is een klantreis?\n"
    "  publisher: Een blog <b>vet</b>\n"
    "  note: Noemt geen onderzoek.\n"
)
SEO = (
    "---\ntitle: SEO\naliases: [zoekmachineoptimalisatie]\n"
    "description: Het beter vindbaar maken van je website in zoekmachines.\n"
    "phases: [aandacht]\nrelated: [google-ads]\n---\n"
)


def check_lines(root) -> list[str]:
    result = run_cli("check", "--project", str(root), "--geen-kleur")
    return [line.strip() for line in result.output.splitlines() if line.startswith("  ")]


def test_kinds_of_figure_and_worked_examples():
    assert needs_source("Ruim 70% van de kopers zoekt eerst online.")
    assert needs_source("Een nieuwe klant kost vijf keer zoveel.")
    assert needs_source("Het kost 5 tot 25 keer zoveel.")
    assert needs_source("Negen op de tien mensen lezen reviews.")
    assert needs_source("Dat is 20 procent van de omzet.")
    assert needs_source("Een op\nde tien kopers belt eerst.")  # a line break inside "op de"
    assert needs_source("Dat is 20 PROCENT van de omzet.")
    assert not needs_source("Stel dat 10% van je bezoekers koopt.")
    assert not needs_source("Een rekenvoorbeeld: 40% marge op 100 euro.")
    assert not needs_source("Er zijn 5 fasen in 2024, met 3 kanalen.")


def test_figures_without_a_source_are_warned_about_on_their_line(project):
    root = project({
        "journeys/_bronnen.yml": SOURCES,
        "glossary/seo.md": SEO + (
            "SEO gaat over vindbaarheid.\n\n"
            "Ruim 70% van de kopers\nbegint bij Google, en 9 op de 10 lezen reviews.\n\n"
            "- Een lijstpunt met 80 procent.[^rtm-2019]\n"
            "- Een lijstpunt met 60 procent.\n\n"
            "Een bron die niet bestaat.[^rtm-2091]\n\n"
            "```\n50% in code telt niet\n```\n"
        ),
        "journeys/_channels.yml": (
            "- id: website\n  name: Website\n  online: true\n"
            "  description: Je eigen website, bezocht door 70 procent van de klanten.\n"
            "- id: google\n  name: Google\n  online: true\n  description: De zoekmachine.\n"
            "  phases:\n    aandacht: Negen op de tien zoektochten beginnen hier.\n"
            "  bron: [rtm-2019]\n"
            "- id: winkel\n  name: Winkel\n  online: false\n  description: De fysieke winkel.\n"
            "  phases:\n    aankoop: Hier rekent de klant af.\n"
        ),
    })
    lines = check_lines(root)
    assert [line for line in lines if "bron" in line] == [
        "glossary/seo.md:10: waarschuwing: het cijfer '70%' heeft geen bron. Zet in dezelfde "
        "alinea een voetnoot [^id] met een id uit journeys/_bronnen.yml, of laat het cijfer weg. "
        "Is het een verzonnen voorbeeld, zeg dat dan ('bijvoorbeeld').",
        "glossary/seo.md:14: waarschuwing: het cijfer '60 procent' heeft geen bron. Zet in "
        "dezelfde alinea een voetnoot [^id] met een id uit journeys/_bronnen.yml, of laat het "
        "cijfer weg. Is het een verzonnen voorbeeld, zeg dat dan ('bijvoorbeeld').",
        "glossary/seo.md:16: waarschuwing: onbekende bron 'rtm-2091'. Bedoel je 'rtm-2019'?",
        "journeys/_channels.yml:4: waarschuwing: het cijfer '70 procent' heeft geen bron. Zet "
        "'bron: [id]' bij dit item, met een id uit journeys/_bronnen.yml, of laat het cijfer weg.",
    ]


def test_a_strict_build_fails_on_a_figure_without_source_and_keeps_the_old_site(project):
    root = project({"journeys/_bronnen.yml": SOURCES})
    site = build(root)
    before = (site / "index.html").read_bytes()
    (root / "glossary" / "seo.md").write_text(SEO + "Ruim 70% zoekt eerst online.\n")
    result = run_cli("build", "--project", str(root))
    assert result.exit_code == 1
    assert "glossary/seo.md:8: waarschuwing: het cijfer '70%' heeft geen bron." in result.output
    assert (site / "index.html").read_bytes() == before


def test_unknown_source_in_yaml_is_an_error_with_did_you_mean(project):
    root = project({"journeys/_bronnen.yml": SOURCES})
    channels = (root / "journeys" / "_channels.yml").read_text()
    (root / "journeys" / "_channels.yml").write_text(
        channels.replace("  description: De zoekmachine.\n",
                         "  description: De zoekmachine.\n  bron: [rtm-2009]\n")
    )
    result = run_cli("check", "--project", str(root), "--geen-kleur")
    assert result.exit_code == 1
    assert "journeys/_channels.yml:12: onbekende bron 'rtm-2009'. Bedoel je 'rtm-2019'?" in (
        result.output)


def test_footnotes_and_markers_link_every_figure_to_the_sources_page(project):
    root = project({
        "journeys/_bronnen.yml": SOURCES,
        "glossary/seo.md": SEO + (
            "SEO gaat over vindbaarheid, met Google Ads betaal je.\n\n"
            "Ruim 70% van de kopers begint bij Google.[^rtm-2019]\n\n"
            "Een blog zegt het ook.[^zonder-jaar]\n"
        ),
        "journeys/_channels.yml": (
            "- id: website\n  name: Website\n  online: true\n  description: Je website.\n"
            "  phases:\n    aandacht: Wordt gevonden.\n"
            "- id: google\n  name: Google\n  online: true\n"
            "  description: Negen op de tien zoektochten beginnen hier.\n"
            "  phases:\n    aandacht: Hier begint de zoektocht.\n"
            "  bron: [rtm-2019]\n"
            "- id: winkel\n  name: Winkel\n  online: false\n  description: De fysieke winkel.\n"
            "  phases:\n    aankoop: Hier rekent de klant af.\n"
        ),
    })
    site = build(root)
    term = content(page(site, "begrippen/seo/"))
    paragraph = next(p for p in term.find_all("p") if "70%" in p.get_text())
    ref = paragraph.select_one("sup[id^=fnref] a")
    assert ref is not None
    note = term.select_one(f"li[id='{ref['href'].lstrip('#')}']")
    assert "RTM Business" in note.get_text() and "2019" in note.get_text()
    blog = next(li for li in term.select("div.footnote li") if "Een blog" in li.get_text())
    assert "Een blog <b>vet</b>" in blog.get_text()  # escaped, shown as written
    assert "jaartal onbekend" in blog.get_text()
    about = note.find("a", string="Over deze bron")
    assert about["href"] == "../../bronnen/#bron-rtm-2019"

    channel = content(page(site, "kanalen/google/"))
    described = next(p for p in channel.find_all("p") if "Negen op de tien" in p.get_text())
    marker = described.select_one(".kr-bron a")
    assert marker["href"] == "../../bronnen/#bron-rtm-2019"
    website = content(page(site, "kanalen/website/"))
    assert website.select(".kr-bron") == []  # no figure, no marker

    sources = content(page(site, "bronnen/"))
    entry = sources.find(id="bron-rtm-2019")
    assert entry.get_text() == "Trend: de nieuwe customer journey"
    used = [a.get_text() for a in entry.find_next_sibling("dd").find_all("a")]
    assert used == ["Naar de bron", "Kanalen", "SEO"]
    assert re.search(r"Noemt geen onderzoek", sources.get_text())


def test_a_guide_describes_a_model_from_the_same_data_as_the_table(project):
    root = project({
        "journeys/_bronnen.yml": SOURCES,
        "journeys/_models.yml": (
            "- id: mckinsey\n  name: Consumer decision journey\n"
            "  origin: McKinsey & Company, 2009\n  shape: lus\n"
            "  description: De klant begint met een handvol merken en voegt er later aan toe.\n"
            "  differs: Op internet heet dit model vaak een trechter.\n"
            "  stages:\n    - name: Initial consideration\n      phases: [aandacht]\n"
            "    - name: Loyalty loop\n      phases: [loyaliteit]\n"
        ),
        "docs/gids/modellen.md": "# Modellen\n\n{{ model('mckinsey') }}\n\n{{ modellen_vergelijking() }}\n",
    })
    site = build(root)
    guide = content(page(site, "gids/modellen/"))
    card = guide.select_one("#model-uitleg-mckinsey")
    assert "McKinsey & Company, 2009" in card.get_text()
    assert "als een lus" in card.get_text()
    assert "Op internet heet dit model vaak een trechter." in card.get_text()
    assert [li.select_one(".kr-modelstap").get_text() for li in card.select("li")] == [
        "Initial consideration", "Loyalty loop"]
    row = guide.select_one("tr#model-mckinsey")
    assert "De klant begint met een handvol merken" in row.get_text()


def test_an_unknown_model_in_a_guide_is_an_error_on_its_line(project):
    root = project({"docs/gids/modellen.md": "# Modellen\n\nTekst.\n\n{{ model('mckinsy') }}\n"})
    result = run_cli("check", "--project", str(root), "--geen-kleur")
    assert result.exit_code == 1
    assert "docs/gids/modellen.md:5: onbekend model 'mckinsy' in model(...). Kies uit: aida." in (
        result.output)


def test_a_worked_example_covers_what_follows_it_not_a_claim_before_it():
    assert not needs_source("Stel dat je 100 bezoekers hebt. Als 5% koopt, zijn dat er 5.")
    assert needs_source("Ruim 90% leest reviews. Een bijvoorbeeld-zin zonder cijfers.")
    assert needs_source("Ruim 90% leest reviews. Stel dat je 40% haalt.")
