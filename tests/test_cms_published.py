"""The editor on a published site: off by default, on with the GitHub backend when asked."""

from __future__ import annotations

import json

from conftest import build, run_cli

EDITOR_ON = """  - klantreis:
      editor:
        enabled: true
        repo: marieke/kennisbank
        branch: main
"""


def test_the_published_site_has_no_editor_unless_it_is_turned_on(mini_site):
    assert not (mini_site / "admin").exists()
    assert "decap" not in "".join(path.name for path in mini_site.rglob("*"))


def test_turned_on_the_site_has_the_editor_against_github(project):
    root = project()
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - klantreis\n", EDITOR_ON),
                      encoding="utf-8")
    site = build(root)
    settings = json.loads((site / "admin/config.json").read_text(encoding="utf-8"))
    assert settings["backend"] == {"name": "github", "repo": "marieke/kennisbank",
                                   "branch": "main"}
    assert [c["name"] for c in settings["collections"]] == [
        "begrippen", "artikelen", "klantreizen", "catalogi"]
    for name in ("index.html", "editor.js", "kaart-render.js", "kaart.css",
                 "decap-cms/decap-cms.js", "decap-cms/LICENSE", "kaart-data.json"):
        assert (site / "admin" / name).is_file(), name
    # The offline zip never carries it: signing in to GitHub needs the internet.
    result = run_cli("bundle", "--project", str(root))
    assert result.exit_code == 0, result.output
    import zipfile
    archive = next((root / "dist").glob("*.zip"))
    assert not [n for n in zipfile.ZipFile(archive).namelist() if "/admin/" in n]


def test_turned_on_without_a_repository_the_build_says_what_to_fill_in(project):
    root = project()
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - klantreis\n", "  - klantreis:\n      editor:\n        enabled: true\n"), "utf-8")
    result = run_cli("build", "--project", str(root))
    assert result.exit_code == 1
    assert "er is geen GitHub-repository" in result.output
