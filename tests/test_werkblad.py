"""The worksheet editor (klantreizen/werkblad) in real Chromium.

Opened from the unpacked offline zip (file://) and online below a sub-path; filled in with the
keyboard; its YAML downloaded, then checked and built by the real `klantreis check` and
`klantreis build`; repository journeys opened and downloaded again; printed; on a tablet; axe.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import (
    ARTIFACTS,
    REPO,
    build,
    content,
    make_project,
    one_a3_page_text,
    page,
    run_cli,
    serve_directory,
)
from playwright.sync_api import expect

from klantreis.bundle import make_bundle

pytestmark = pytest.mark.browser
DAY = datetime.date(2026, 11, 30)
DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 1024, "height": 768}
SHOTS = ARTIFACTS / "screenshots"
# The repository's catalogues, so that its journeys fit the mini knowledge base.
CATALOGUES = ("_phases.yml", "_channels.yml", "_bronnen.yml")
REPOSITORY_JOURNEYS = sorted(p for p in (REPO / "journeys").glob("*.yml") if p.name[0] != "_")

# What the keyboard test types, and the file the authoring guide would have a person write.
SANNE = """\
# yaml-language-server: $schema=../schema/klantreis.schema.json
title: Sanne kiest een fietsenmaker
description: Sanne heeft een lekke band en zoekt een fietsenmaker die snel helpt.
sector: Fietsen
persona:
  name: Sanne
  about: Sanne is 34 en fietst elke dag naar haar werk.
  goal: Snel en zonder gedoe weer op de fiets.

stages:
  - phase: aandacht
    title: Sanne heeft een lekke band
    channels: [mond-tot-mond]
    online: false
    does: >-
      Op weg naar haar werk rijdt Sanne door glas. Haar achterband loopt leeg en ze moet het laatste stuk lopen.
    feels: Geïrriteerd en gehaast.
    emotion: -2
    pain_points:
      - Geen tijd om zelf te plakken
      - Geen gereedschap bij de hand

  - phase: overweging
    title: Sanne zoekt een fietsenmaker
    channels: [website, google]
    online: true
    duration: Een lunchpauze
    thinks: "Wie kan dit vandaag nog doen? Liefst: dichtbij."
    emotion: -1
    emotion_to_be: 1
    improvements:
      - Wachttijd op de website

  - phase: aankoop
    title: Sanne brengt haar fiets
    moment_of_truth: true
    channels: [winkel]
    online: false
    emotion: 1
    evidence: observatie
    kpis:
      - Klanten die dezelfde dag geholpen zijn

  - phase: service
    title: Sanne haalt haar fiets op
    online: mixed
    emotion: 2
    quotes:
      - Binnen een uur klaar, top!

opportunities:
  - title: Wachttijd op de website laten zien
    impact: 3
    effort: 1
    stage: 2
"""


@pytest.fixture(scope="module")
def knowledge_base(tmp_path_factory) -> Path:
    """The mini knowledge base with the repository's catalogues."""
    root = make_project(tmp_path_factory.mktemp("werkblad") / "kb")
    for name in CATALOGUES:
        shutil.copy(REPO / "journeys" / name, root / "journeys" / name)
    return root


@pytest.fixture(scope="module")
def offline_worksheet(knowledge_base, tmp_path_factory) -> str:
    """The worksheet's address in the unpacked offline zip."""
    archive = make_bundle(knowledge_base, today=DAY)
    target = tmp_path_factory.mktemp("uitgepakt")
    zipfile.ZipFile(archive).extractall(target)
    path = target / f"klantreis-kennisbank-{DAY}" / "klantreizen" / "werkblad.html"
    assert path.is_file()
    return path.as_uri()


def with_file(knowledge_base: Path, target: Path, name: str, text: str) -> Path:
    """A copy of the knowledge base with one more journey."""
    shutil.copytree(knowledge_base, target, ignore=shutil.ignore_patterns("dist", "site"))
    (target / "journeys" / name).write_text(text, encoding="utf-8")
    return target


def check_messages(project: Path, name: str) -> tuple[int, list[str]]:
    result = run_cli("check", "--project", str(project))
    lines = re.findall(rf"^\s+journeys/{re.escape(name)}:\d+: (.*)$", result.output, re.M)
    return result.exit_code, lines


@contextlib.contextmanager
def worksheet(browser, url: str, **options):
    """A fresh browser (empty storage) on the worksheet; no page errors, and from disk no
    request that leaves file://."""
    context = browser.new_context(accept_downloads=True, **{"viewport": DESKTOP, **options})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    failed: list[str] = []
    context.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(url)
    tab.locator(".kr-wb-editor").wait_for(state="visible")
    try:
        yield tab
    finally:
        context.close()
    assert errors == [] and failed == []
    if url.startswith("file:"):
        assert [url for url in requests if not url.startswith("file://")] == []


def tab_to(tab, target, backwards: bool = False, limit: int = 150) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus: it is reachable by keyboard."""
    for _ in range(limit):
        if target.evaluate("node => node === document.activeElement"):
            return
        tab.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"not reachable with the keyboard: {target}")


def field(scope, name: str):
    return scope.locator(f'[data-veld="{name}"]').locator("input, textarea, select").first


def type_into(tab, scope, name: str, text: str) -> None:
    tab_to(tab, field(scope, name))
    tab.keyboard.type(text)


def choose(tab, scope, name: str, label: str) -> None:
    """A choice by typing the start of its label, as a keyboard user does in a closed list."""
    select = field(scope, name)
    tab_to(tab, select)
    tab.keyboard.type(label)
    assert select.evaluate("s => s.options[s.selectedIndex].text") == label


def tick_channels(tab, stage, ids: list[str]) -> None:
    unfold = stage.get_by_role("button", name="Kanalen kiezen")
    tab_to(tab, unfold)
    tab.keyboard.press("Enter")
    assert unfold.get_attribute("aria-expanded") == "true"
    for channel in ids:
        tab_to(tab, stage.locator(f'input[value="{channel}"]'))
        tab.keyboard.press("Space")


def open_file(tab, path: Path) -> None:
    with tab.expect_file_chooser() as chooser:
        tab.get_by_role("button", name="Open YAML").click()
    chooser.value.set_files(str(path))
    tab.locator(".kr-wb-status", has_text="is geopend").wait_for()


def download(tab, target: Path) -> Path:
    with tab.expect_download() as info:
        tab.get_by_role("button", name="Download als YAML").first.click()
    path = target / info.value.suggested_filename
    info.value.save_as(path)
    return path


def stage_box(tab, number: int):
    return tab.locator('[data-kr-lijst="stages"] .kr-wb-item').nth(number - 1)


def fill_sanne(tab) -> None:
    """The journey of SANNE, typed with the keyboard only."""
    journey = tab.locator('[data-kr-groep="reis"]')
    type_into(tab, journey, "title", "Sanne kiest een fietsenmaker")
    type_into(tab, journey, "description", "Sanne heeft een lekke band en zoekt een fietsenmaker die snel helpt.")
    type_into(tab, journey, "sector", "Fietsen")
    persona = tab.locator('[data-kr-groep="persona"]')
    type_into(tab, persona, "name", "Sanne")
    type_into(tab, persona, "about", "Sanne is 34 en fietst elke dag naar haar werk.")
    type_into(tab, persona, "goal", "Snel en zonder gedoe weer op de fiets.")

    stage = stage_box(tab, 1)
    choose(tab, stage, "phase", "Aandacht")
    type_into(tab, stage, "title", "Sanne heeft een lekke band")
    tick_channels(tab, stage, ["mond-tot-mond"])
    choose(tab, stage, "online", "offline")
    type_into(tab, stage, "does", "Op weg naar haar werk rijdt Sanne door glas. Haar achterband loopt "
              "leeg en ze moet het laatste stuk lopen.")
    type_into(tab, stage, "feels", "Geïrriteerd en gehaast.")
    type_into(tab, stage, "emotion", "-2")
    type_into(tab, stage, "pain_points", "Geen tijd om zelf te plakken\nGeen gereedschap bij de hand")

    stage = add_stage(tab, 2)
    choose(tab, stage, "phase", "Overweging")
    type_into(tab, stage, "title", "Sanne zoekt een fietsenmaker")
    tick_channels(tab, stage, ["website", "google"])
    choose(tab, stage, "online", "online")
    type_into(tab, stage, "duration", "Een lunchpauze")
    type_into(tab, stage, "thinks", "Wie kan dit vandaag nog doen? Liefst: dichtbij.")
    type_into(tab, stage, "emotion", "-1")
    type_into(tab, stage, "emotion_to_be", "1")
    type_into(tab, stage, "improvements", "Wachttijd op de website")

    stage = add_stage(tab, 3)
    choose(tab, stage, "phase", "Aankoop")
    type_into(tab, stage, "title", "Sanne brengt haar fiets")
    tab_to(tab, field(stage, "moment_of_truth"))
    tab.keyboard.press("Space")
    tick_channels(tab, stage, ["winkel"])
    choose(tab, stage, "online", "offline")
    type_into(tab, stage, "emotion", "1")
    choose(tab, stage, "evidence", "observatie")
    type_into(tab, stage, "kpis", "Klanten die dezelfde dag geholpen zijn")

    stage = add_stage(tab, 4)
    choose(tab, stage, "phase", "Service")
    type_into(tab, stage, "title", "Sanne haalt haar fiets op")
    choose(tab, stage, "online", "online en offline")
    type_into(tab, stage, "emotion", "2")
    type_into(tab, stage, "quotes", "Binnen een uur klaar, top!")

    tab_to(tab, tab.get_by_role("button", name="Kans toevoegen"))
    tab.keyboard.press("Enter")
    chance = tab.locator('[data-kr-lijst="opportunities"] .kr-wb-item').first
    assert field(chance, "title").evaluate("node => node === document.activeElement")
    tab.keyboard.type("Wachttijd op de website laten zien")
    type_into(tab, chance, "impact", "3")
    type_into(tab, chance, "effort", "1")
    choose(tab, chance, "stage", "Stap 2: Sanne zoekt een fietsenmaker")


def add_stage(tab, number: int):
    tab_to(tab, tab.get_by_role("button", name="Stap toevoegen"))
    tab.keyboard.press("Enter")
    stage = stage_box(tab, number)
    # The new stage's first field has the focus, so typing goes on there.
    assert field(stage, "phase").evaluate("node => node === document.activeElement")
    return stage


def test_keyboard_only_journey_is_downloaded_checked_and_built(
    browser, offline_worksheet, knowledge_base, tmp_path
):
    with worksheet(browser, offline_worksheet) as tab:
        fill_sanne(tab)
        # The map and its curve are drawn while typing.
        expect(tab.locator(".kr-wb-kaart th.kr-stap")).to_have_count(4)
        expect(tab.locator(".kr-wb-kaart .kr-lane-emotion .kr-punt[data-kr-curve=nu]")).to_have_count(4)
        # No loyalty stage and no ending: the warning of `klantreis check`, which does not block.
        warning = tab.locator(".kr-wb-samenvatting li.kr-wb-waarschuwing")
        expect(warning).to_contain_text("Geen stap in de fase(n) Loyaliteit.")
        # At the end of the form, the download button (the same as the one at the top).
        tab_to(tab, tab.locator(".kr-wb-klaar").get_by_role("button", name="Download als YAML"))
        with tab.expect_download() as info:
            tab.keyboard.press("Enter")
        name = info.value.suggested_filename
        info.value.save_as(tmp_path / name)
    assert name == "sanne-kiest-een-fietsenmaker.yml"
    text = (tmp_path / name).read_bytes().decode("utf-8")
    assert text == SANNE

    project = with_file(knowledge_base, tmp_path / "kb", name, text)
    code, messages = check_messages(project, name)
    assert code == 0 and not [m for m in messages if "waarschuwing" not in m], messages
    site = build(project)
    journey = content(page(site, "klantreizen/sanne-kiest-een-fietsenmaker/"))
    stages = [th.get_text(" ", strip=True) for th in journey.select("th.kr-stap")]
    assert stages == [
        "1 Sanne heeft een lekke band",
        "2 Sanne zoekt een fietsenmaker",
        "3 Sanne brengt haar fiets Moment van de waarheid",
        "4 Sanne haalt haar fiets op",
    ]
    points = [(p["data-stap"], p["data-emotie"])
              for p in journey.select(".kr-lane-emotion .kr-punt[data-kr-curve=nu]")]
    assert points == [("1", "-2"), ("2", "-1"), ("3", "1"), ("4", "2")]
    assert journey.select_one(".kr-kans-stap").get_text() == "Stap 2: Sanne zoekt een fietsenmaker"


def test_a_repository_journey_changed_in_one_stage_differs_only_there(
    browser, offline_worksheet, knowledge_base, tmp_path
):
    original = (REPO / "journeys" / "vera-afslankcoach.yml").read_text(encoding="utf-8")
    with worksheet(browser, offline_worksheet) as tab:
        open_file(tab, REPO / "journeys" / "vera-afslankcoach.yml")
        expect(tab.locator(".kr-wb-kaart th.kr-stap")).to_have_count(original.count("  - phase:"))
        stage = stage_box(tab, 3)
        field(stage, "feels").fill("Opgelucht: eindelijk een coach die past.")
        field(stage, "emotion").fill("2")
        tab.locator(".kr-wb-kaart .kr-punt[data-stap='3'][data-emotie='2']").wait_for()
        saved = download(tab, tmp_path)
    assert saved.name == "vera-afslankcoach.yml"
    changed = saved.read_text(encoding="utf-8")
    starts = [index for index, line in enumerate(original.splitlines())
              if line.startswith("  - phase: ")]
    third, fourth = starts[2], starts[3]
    differing = [
        (tag, i1, i2)
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(
            None, original.splitlines(), changed.splitlines()).get_opcodes()
        if tag != "equal"
    ]
    assert differing and all(third <= i1 and i2 <= fourth for _, i1, i2 in differing), differing
    assert len(changed.splitlines()) == len(original.splitlines())
    assert "    feels: Opgelucht: eindelijk" not in changed  # a colon and a space need quotes
    project = with_file(knowledge_base, tmp_path / "kb", saved.name, changed)
    code, messages = check_messages(project, saved.name)
    assert code == 0 and messages == []


def test_every_repository_journey_comes_back_byte_for_byte(browser, offline_worksheet, tmp_path):
    with worksheet(browser, offline_worksheet) as tab:
        tab.on("dialog", lambda dialog: dialog.accept())  # "replace the current work?"
        for path in REPOSITORY_JOURNEYS:
            open_file(tab, path)
            saved = download(tab, tmp_path)
            assert saved.read_bytes() == path.read_bytes(), path.name
            # The writer's house style alone (without the opened file's text) gives the same file.
            again = tab.evaluate(
                "text => WerkbladYaml.emit(WerkbladYaml.parse(text).data, null, null, "
                "klantreisWerkblad.shape)", path.read_text(encoding="utf-8"))
            assert again == "# yaml-language-server: $schema=../schema/klantreis.schema.json\n" + \
                path.read_text(encoding="utf-8"), path.name


def shown_errors(tab) -> list[str]:
    """The summary's messages, as `klantreis check` words them (after 'Stap 2: ')."""
    items = tab.locator(".kr-wb-samenvatting li").all_inner_texts()
    texts = [item.split(": ", 1)[1] if re.match(r"^(Stap \d+|Kans \d+|Persona|De reis): ", item)
             else item for item in items]
    return sorted(text[:1].lower() + text[1:] for text in texts)


def test_messages_while_typing_are_checks_own_and_block_the_download(
    browser, offline_worksheet, knowledge_base, tmp_path
):
    with worksheet(browser, offline_worksheet) as tab:
        stage = stage_box(tab, 1)
        title = field(stage, "title")
        title.press_sequentially("Eerste stap")
        for _ in range("Eerste stap".__len__()):
            title.press("Backspace")
        message = stage.locator('[data-veld="title"] .kr-wb-fout')
        message.wait_for()
        assert message.inner_text() == "Het verplichte veld 'stages[1].title' ontbreekt. Voeg 'title:' toe."
        assert message.get_attribute("id") in title.get_attribute("aria-describedby").split()
        assert title.get_attribute("aria-invalid") == "true"
        emotion = field(stage, "emotion")
        emotion.press_sequentially("3")
        emotion_message = stage.locator('[data-veld="emotion"] .kr-wb-fout')
        emotion_message.wait_for()
        assert emotion_message.inner_text() == (
            "'stages[1].emotion' moet tussen -2 en 2 liggen, gevonden: 3. "
            "Gebruik -2 (heel negatief), -1, 0, 1 of 2 (heel positief).")
        downloads: list[object] = []
        tab.on("download", lambda started: downloads.append(started))
        tab.get_by_role("button", name="Download als YAML").first.click()
        summary = tab.locator(".kr-wb-samenvatting")
        assert summary.evaluate("node => node === document.activeElement")
        assert summary.locator("h2").inner_text().startswith("5 fouten")
        tab.wait_for_timeout(300)
        assert downloads == []
        # A link in the summary brings the keyboard to the field.
        summary.get_by_role("link", name="Stap 1").last.click()
        assert emotion.evaluate("node => node === document.activeElement")

        # A file with mistakes: the worksheet names them as `klantreis check` does.
        broken = (REPO / "journeys" / "vera-afslankcoach.yml").read_text(encoding="utf-8")
        broken = broken.replace("  - phase: overweging\n", "  - phase: overwegen\n", 1)
        broken = broken.replace("    emotion: 1\n", "    emotion: 3\n", 1)
        broken = broken.replace("    title: Vera googelt naar afslankcoaches\n", "", 1)
        broken = broken.replace("    online: true\n", "    online: ja\n", 1)
        broken = broken.replace("channels: [google, google-ads, website]", "channels: [google, webstie]")
        broken = broken.replace("    evidence: aanname\n", "    evidence: gok\n", 1)
        broken = broken.replace("    impact: 3\n", "    impact: 5\n", 1)
        path = tmp_path / "fouten.yml"
        path.write_text(broken, encoding="utf-8")
        tab.on("dialog", lambda dialog: dialog.accept())
        open_file(tab, path)
        shown = shown_errors(tab)
        assert "onbekende fase 'overwegen'. Bedoel je 'overweging'?" in shown
    project = with_file(knowledge_base, tmp_path / "kb", path.name, broken)
    code, messages = check_messages(project, path.name)
    assert code == 1 and len(messages) == 7
    assert shown == sorted(messages)


def test_reload_keeps_the_work_and_clearing_empties_it(browser, offline_worksheet):
    with worksheet(browser, offline_worksheet) as tab:
        field(tab.locator('[data-kr-groep="reis"]'), "title").fill("Mijn reis")
        field(stage_box(tab, 1), "title").fill("Eerste stap")
        expect(tab.locator(".kr-wb-kaart th.kr-stap")).to_have_text("1 Eerste stap")
        tab.reload()
        tab.locator(".kr-wb-editor").wait_for(state="visible")
        assert field(tab.locator('[data-kr-groep="reis"]'), "title").input_value() == "Mijn reis"
        expect(tab.locator(".kr-wb-kaart th.kr-stap")).to_have_text("1 Eerste stap")
        tab.once("dialog", lambda dialog: dialog.dismiss())
        tab.get_by_role("button", name="Wissen").click()
        assert field(stage_box(tab, 1), "title").input_value() == "Eerste stap"
        tab.once("dialog", lambda dialog: dialog.accept())
        tab.get_by_role("button", name="Wissen").click()
        assert field(stage_box(tab, 1), "title").input_value() == ""
        expect(tab.locator(".kr-wb-leeg-melding")).to_be_visible()
        tab.reload()
        tab.locator(".kr-wb-editor").wait_for(state="visible")
        assert field(tab.locator('[data-kr-groep="reis"]'), "title").input_value() == ""


def test_online_below_a_sub_path(browser, mini_site):
    with serve_directory(mini_site, prefix="/mini") as base, worksheet(
        browser, f"{base}/klantreizen/werkblad/"
    ) as tab:
        stage = stage_box(tab, 1)
        field(stage, "phase").select_option(label="Overweging")
        field(stage, "title").fill("Vergelijken")
        link = tab.locator(".kr-wb-kaart .kr-fasenrij a").first
        link.wait_for()
        assert link.evaluate("a => a.href") == f"{base}/fasen/overweging/"


def test_tablet_touch_targets_axe_and_screenshots(browser, offline_worksheet):
    from axe_playwright_python.sync_playwright import Axe

    SHOTS.mkdir(parents=True, exist_ok=True)
    with worksheet(browser, offline_worksheet, viewport=TABLET, has_touch=True) as tab:
        open_file(tab, REPO / "journeys" / "jip-duurzame-kleding.yml")
        stage_box(tab, 1).get_by_role("button", name="Kanalen kiezen").click()
        assert tab.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
        small = tab.evaluate("""() => [...document.querySelectorAll(
            '.kr-wb button, .kr-wb input, .kr-wb select, .kr-wb textarea')]
            .map(node => node.type === 'checkbox' ? node.closest('label') : node)
            .filter(node => node.offsetParent !== null)
            .map(node => [node.textContent.trim() || node.id, node.getBoundingClientRect()])
            .filter(([, box]) => box.height < 44 || box.width < 44)
            .map(([name, box]) => name + ' ' + Math.round(box.width) + 'x' + Math.round(box.height))""")
        assert small == []
        tab.screenshot(path=str(SHOTS / "werkblad-tablet.png"))
    with worksheet(browser, offline_worksheet) as tab:
        open_file(tab, REPO / "journeys" / "jip-duurzame-kleding.yml")
        field(stage_box(tab, 2), "emotion").fill("3")
        tab.locator(".kr-wb-fout:visible").first.wait_for()
        tab.screenshot(path=str(SHOTS / "werkblad-desktop.png"))
        results = Axe().run(tab)
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []


def test_print_gives_the_filled_worksheet_and_an_empty_one_the_blank_sheet(
    browser, offline_worksheet, tmp_path
):

    SHOTS.mkdir(parents=True, exist_ok=True)
    with worksheet(browser, offline_worksheet) as tab:
        blank = tmp_path / "leeg.pdf"
        tab.pdf(path=str(blank), prefer_css_page_size=True, print_background=True)
        assert "Moeite (1–3)" in one_a3_page_text(blank)
        # The mini knowledge base's own journey: its page prints on one A3 page too.
        open_file(tab, REPO / "tests" / "fixtures" / "mini" / "journeys" / "vera.yml")
        filled = ARTIFACTS / "werkblad-print.pdf"
        tab.pdf(path=str(filled), prefer_css_page_size=True, print_background=True)
    text = one_a3_page_text(filled)
    for expected in ("Vera zoekt een afslankcoach", "Vera ziet een advertentie", "Vera boekt",
                     "Emotie", "Knelpunten", "Te veel keuze"):
        assert expected in text
    for absent in ("Download als YAML", "Bestandsnaam", "Moeite (1–3)"):
        assert absent not in text
