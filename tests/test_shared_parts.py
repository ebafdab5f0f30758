"""Pages outside the navigation share one rendering of Material's navigation, styles, scripts,
configuration and footer per folder (klantreis/mkdocs_adapter/shared_parts.py): every page
must be what a build makes that renders every part for every page."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
import yaml
from conftest import build, make_project, page

from klantreis.mkdocs_adapter.shared_parts import SharedParts

ARTICLE = "---\ntitle: {title}\n---\n\n# {title}\n\nOver SEO en conversie in {title}.\n"
# Pages outside the navigation in several folders and depths, next to pages in it.
OUTSIDE = [
    "gids/los-een.md",
    "gids/los-twee.md",
    "gids/diep/los-drie.md",
    "gids/diep/los-vier.md",
    "losse-pagina.md",
    "tweede-losse.md",
    # A navigation link points below this page: its navigation is its own.
    "handboek.md",
]
NAV = [
    {"Home": "index.md"},
    {"Gidsen": ["gids/gids.md", "gids/afspraak.md", {"Handboek": "handboek/hoofdstuk.md"}]},
    {"Artikelen": "artikelen/index.md"},
]


def _project(root: Path, directory_urls: bool, features: list[str], material_partials: bool) -> Path:
    names = [*OUTSIDE, "handboek/hoofdstuk.md"]
    project = make_project(
        root, {f"docs/{name}": ARTICLE.format(title=Path(name).stem) for name in names}
    )
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "!ENV [KLANTREIS_OFFLINE, false]", "false"))
    config["nav"] = NAV
    config["use_directory_urls"] = directory_urls
    config["theme"]["features"] = features
    if material_partials:
        # The user's own templates come first: Material's partial stands in front of ours.
        (project / "eigen" / "partials").mkdir(parents=True)
        for name in ("nav.html", "search.html"):
            original = Path(material.__file__).parent / "templates" / "partials" / name
            shutil.copy(original, project / "eigen" / "partials" / name)
        config["theme"]["custom_dir"] = "eigen"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return project


@pytest.mark.parametrize(
    ("directory_urls", "features"),
    [
        (True, ["navigation.indexes", "navigation.sections", "navigation.prune"]),
        (False, ["navigation.indexes", "navigation.tabs"]),
    ],
)
def test_every_page_is_what_material_renders_itself(
    tmp_path, monkeypatch, directory_urls, features
):
    shared = build(_project(tmp_path / "gedeeld", directory_urls, features, material_partials=False))
    with monkeypatch.context() as unshared:
        # The reference: every part rendered for every page, the navigation and search box by
        # Material's own partials (a custom_dir's templates come before ours).
        unshared.setattr(SharedParts, "key", lambda self, page: None)
        own = build(_project(tmp_path / "material", directory_urls, features, material_partials=True))
    pages = sorted(path.relative_to(own) for path in own.rglob("*.html"))
    assert pages == sorted(path.relative_to(shared) for path in shared.rglob("*.html"))
    differing = [str(path) for path in pages
                 if (own / path).read_bytes() != (shared / path).read_bytes()]
    assert differing == []
    # Among them the pages outside the navigation, with a navigation that links back.
    url, back = ("gids/los-een/", "../afspraak/") if directory_urls else (
        "gids/los-een.html", "afspraak.html")
    links = page(shared, url).select("nav.md-nav--primary a.md-nav__link")
    assert back in [link["href"] for link in links]


def _page(url: str, in_nav: bool = False) -> SimpleNamespace:
    return SimpleNamespace(url=url, parent=None, in_nav=in_nav, children=None)


def _nav(*pages: SimpleNamespace) -> SimpleNamespace:
    listed = [page for page in pages if page.in_nav]
    return SimpleNamespace(pages=listed, items=listed)


def test_pages_outside_the_navigation_share_it_per_folder_and_depth():
    pages = {url: _page(url) for url in (
        "gids/a/", "gids/b/", "gids/diep/c/", "kort/", "lang/", "gids/d.html", "gids/e.html",
        "handboek/", "")}
    listed = _page("handboek/hoofdstuk/", in_nav=True)
    shared = SharedParts(_nav(*pages.values(), listed))
    key = {url: shared.key(page) for url, page in pages.items()}
    assert key["gids/a/"] == key["gids/b/"]
    assert key["kort/"] == key["lang/"]
    assert key["gids/d.html"] == key["gids/e.html"]
    assert len({key["gids/a/"], key["gids/diep/c/"], key["kort/"], key["gids/d.html"]}) == 4
    # Its own: a page in the navigation, one a link points below, the home page, a blog post.
    assert shared.key(listed) is None
    assert key["handboek/"] is None
    assert key[""] is None
    assert shared.key(SimpleNamespace(url="x/", parent=object())) is None
