"""The browser editor at /admin/ of a real `klantreis serve`, driven in real Chromium.

Each test fills the forms as the consultant would, saves, and then reads the file on disk
(compared with text written by hand from the authoring guide), runs `klantreis check` and waits
for the live preview to show the change.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ARTIFACTS, make_project
from test_serve import fetch, free_port, wait_for

KLANTREIS = Path(sys.executable).parent / "klantreis"
SHOTS = ARTIFACTS / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """A running `klantreis serve` on a copy of the mini fixture: (root, editor url, preview)."""
    root = make_project(tmp_path_factory.mktemp("editor") / "kennisbank")
    port = free_port()
    log = (root.parent / "serve.log").open("w+")
    process = subprocess.Popen(
        [str(KLANTREIS), "serve", "--project", str(root), "--adres", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: "Welkom" in fetch(base + "/mini/"))
        yield root, base + "/admin/", base + "/mini/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        assert "Traceback" not in (root.parent / "serve.log").read_text()


@pytest.fixture
def admin(browser, editor):
    """A fresh browser page on the editor, logged in to the local backend."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # Leaving a form with unsaved changes asks for confirmation; the consultant says yes.
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(editor[1])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Begrippen").first.wait_for()
    yield page
    context.close()


def open_form(page, hash_url: str) -> None:
    """Open a form on a freshly loaded editor (the login is remembered)."""
    url = page.url.split("#")[0] + hash_url
    page.goto("about:blank")
    page.goto(url)
    page.get_by_label("Titel").first.wait_for()


def choose(page, label: str, option: str) -> None:
    page.get_by_label(label).fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def expand(page, summary: str) -> None:
    """Open a collapsed list item (a stage) by the button in its top bar."""
    label = page.get_by_text(summary, exact=True).first
    label.locator("xpath=..").locator("button").first.click()


def type_body(page, text: str) -> None:
    page.locator("[data-slate-editor]").first.click()
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def publish(page) -> None:
    page.get_by_role("button", name="Publiceer").first.click()
    page.get_by_text("Publiceer nu").click()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"editor-{name}.png"), full_page=False)


def wait_for_file(path: Path, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file():
            return path.read_text(encoding="utf-8")
        time.sleep(0.2)
    raise AssertionError(f"{path.name} was not written")


def check_passes(root: Path) -> None:
    result = subprocess.run([str(KLANTREIS), "check", "--project", str(root)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "0 fouten" in result.stdout, result.stdout


def test_create_a_term_with_an_alias_and_a_related_term(admin, editor):
    root, _, preview = editor
    open_form(admin, "#/collections/begrippen/new")
    admin.get_by_label("Titel").fill("Klantreiskaart")
    admin.get_by_role("button", name="Voeg andere namen toe").click()
    admin.get_by_label("Andere namen", exact=True).fill("customer journey map")
    admin.get_by_label("Definitie").fill(
        "Een tekening van alle stappen die een klant zet, met wat hij doet, denkt en voelt.")
    choose(admin, "Fasen (optioneel)", "Overweging")
    choose(admin, "Verwante begrippen (optioneel)", "SEO")
    type_body(admin, "Een klantreiskaart laat de reis van de klant zien.")
    shot(admin, "begrip-nieuw")
    publish(admin)

    text = wait_for_file(root / "glossary/klantreiskaart.md")
    assert text == (
        "---\n"
        "title: Klantreiskaart\n"
        "aliases: [customer journey map]\n"
        "description: Een tekening van alle stappen die een klant zet, met wat hij doet, denkt en voelt.\n"
        "phases: [overweging]\n"
        "related: [seo]\n"
        "---\n"
        "Een klantreiskaart laat de reis van de klant zien.\n"
    )
    check_passes(root)
    assert admin.errors == []
    wait_for(lambda: "Een tekening van alle stappen" in fetch(preview + "begrippen/klantreiskaart/"))


def test_create_an_article_as_a_draft(admin, editor):
    root, _, preview = editor
    open_form(admin, "#/collections/artikelen/new")
    admin.get_by_label("Titel").fill("Reviews die verkopen")
    admin.get_by_label("Datum").fill("2026-10-05")
    admin.get_by_role("button", name="Voeg auteurs toe").click()
    admin.get_by_label("Auteurs", exact=True).fill("marieke")
    choose(admin, "Fase", "Overweging")
    for number, tag in enumerate(("reviews", "vertrouwen")):
        admin.get_by_role("button", name="Voeg trefwoorden toe").click()
        admin.get_by_label("Trefwoorden", exact=True).nth(number).fill(tag)
    admin.get_by_label("Beschrijving").fill("Waarom reviews de twijfel van je klant wegnemen.")
    admin.get_by_label("Concept (optioneel)").check()
    type_body(admin, "Reviews helpen je klant kiezen.\n\n<!-- more -->\n\nVraag elke klant om een review.")
    shot(admin, "artikel-nieuw")
    publish(admin)

    text = wait_for_file(root / "docs/artikelen/posts/reviews-die-verkopen.md")
    assert text == (
        "---\n"
        "date: 2026-10-05\n"
        "authors: [marieke]\n"
        "categories: [Overweging]\n"
        "tags: [reviews, vertrouwen]\n"
        "description: Waarom reviews de twijfel van je klant wegnemen.\n"
        "draft: true\n"
        "---\n"
        "\n"
        "# Reviews die verkopen\n"
        "\n"
        "Reviews helpen je klant kiezen.\n"
        "\n"
        "<!-- more -->\n"
        "\n"
        "Vraag elke klant om een review.\n"
    )
    check_passes(root)
    assert admin.errors == []
    # A draft shows in the preview (not on the published site).
    wait_for(lambda: "Reviews helpen je klant kiezen" in fetch(preview + "artikelen/reviews-die-verkopen/"))


def test_edit_a_journey_stage_and_see_the_map_in_the_preview(admin, editor):
    root, _, preview = editor
    journey = root / "journeys/vera.yml"
    before = journey.read_text(encoding="utf-8")
    open_form(admin, "#/collections/klantreizen/entries/vera")
    frame = admin.frame_locator("iframe").first
    frame.locator(".kr-kaart").wait_for()
    expand(admin, "Vera twijfelt")
    stage = admin.get_by_label("Titel").nth(2)
    stage.fill("Vera twijfelt over de prijs")
    admin.get_by_label("Emotie (optioneel)").nth(1).fill("-2")
    frame.get_by_text("Vera twijfelt over de prijs").wait_for()
    assert frame.locator('.kr-punt[data-stap="2"]').get_attribute("data-emotie") == "-2"
    shot(admin, "klantreis-stap")
    publish(admin)

    expected = before.replace("    title: Vera twijfelt\n", "    title: Vera twijfelt over de prijs\n")
    expected = expected.replace("    does: Ze leest een blog.\n    emotion: -1\n",
                                "    does: Ze leest een blog.\n    emotion: -2\n")
    wait_for(lambda: journey.read_text(encoding="utf-8") != before)
    assert journey.read_text(encoding="utf-8") == expected
    check_passes(root)
    assert admin.errors == []
    wait_for(lambda: "Vera twijfelt over de prijs" in fetch(preview + "klantreizen/vera/"))


def test_invalid_input_is_refused_in_the_form_with_the_models_message(admin, editor):
    root, _, _ = editor
    before = sorted(path.name for path in (root / "glossary").iterdir())
    open_form(admin, "#/collections/begrippen/new")
    admin.get_by_label("Titel").fill("Te lang")
    admin.get_by_label("Definitie").fill("Een zin. " * 40)
    publish(admin)
    admin.get_by_text("Houd 'description' bij één zin van hoogstens 300 tekens").wait_for()
    shot(admin, "te-lang")

    open_form(admin, "#/collections/begrippen/new")
    admin.get_by_label("Titel").fill("SEO")
    admin.get_by_label("Definitie").fill("Nog een keer SEO.")
    publish(admin)
    admin.get_by_text("er is al een begrip met de naam 'seo' (glossary/seo.md)").wait_for()
    shot(admin, "bestaat-al")
    assert sorted(path.name for path in (root / "glossary").iterdir()) == before

    journey = root / "journeys/vera.yml"
    before_journey = journey.read_text(encoding="utf-8")
    open_form(admin, "#/collections/klantreizen/entries/vera")
    expand(admin, "Vera boekt")
    admin.get_by_label("Emotie (optioneel)").nth(3).fill("3")
    publish(admin)
    admin.get_by_text("Emotie moet tussen -2 en 2 liggen.").wait_for()
    shot(admin, "emotie-3")
    assert journey.read_text(encoding="utf-8") == before_journey
