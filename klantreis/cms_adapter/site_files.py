"""What the editor needs besides its configuration: the map preview's data, and `admin/` for a
published site (the same page, with the GitHub backend instead of this machine's server)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

from ..content.knowledge import KnowledgeBase
from .config import cms_config, knowledge, present_catalogues

PACKAGE = Path(__file__).resolve().parent.parent
# The editor's own files under /admin/ (locally and on a published site), by name.
STATIC = {
    "": PACKAGE / "cms_adapter" / "admin" / "index.html",
    "index.html": PACKAGE / "cms_adapter" / "admin" / "index.html",
    "editor.js": PACKAGE / "cms_adapter" / "admin" / "editor.js",
    "preview.css": PACKAGE / "cms_adapter" / "admin" / "preview.css",
    "kaart-render.js": PACKAGE / "assets" / "kaart-render.js",
    "kaart.css": PACKAGE / "assets" / "kaart.css",
    "klantreis.css": PACKAGE / "assets" / "klantreis.css",
}
VENDOR = PACKAGE / "assets" / "vendor" / "decap-cms"


# -- the data the map preview needs besides the journey ----------------------------------


def map_data(project: Path) -> dict[str, Any]:
    """Phases, channels and icons for `kaart-render.js` (the journey preview)."""
    kb = knowledge(project)
    icon_names = {phase.icon for phase in kb.phases}
    icon_names |= {"material/account-circle-outline", "material/star-four-points"}
    return {
        "phases": {
            phase.id: {"name": phase.name, "title": phase.title, "icon": phase.icon}
            for phase in kb.phases
        },
        "channels": {key: {"name": channel.name} for key, channel in kb.channels.items()},
        "icons": {name: icon for name in sorted(icon_names) if (icon := _icon(name))},
    }


def _icon(name: str) -> dict[str, Any] | None:
    """A Material icon as its viewBox and path data, so the renderer builds it with DOM calls."""
    path = _icon_folder() / f"{name}.svg"
    if not path.is_file():
        return None
    svg = path.read_text(encoding="utf-8")
    box = re.search(r'viewBox="([^"]+)"', svg)
    return {"viewBox": box.group(1) if box else "0 0 24 24",
            "paths": re.findall(r'<path[^>]* d="([^"]+)"', svg)}


def _icon_folder() -> Path:
    # Material's bundled icons, found without importing MkDocs or the theme.
    spec = importlib.util.find_spec("material")
    origin = Path(spec.origin).parent if spec and spec.origin else Path()
    return origin / "templates" / ".icons"



# -- the editor on a published site ---------------------------------------------------------


def github_repo(repo_url: str) -> str:
    """'owner/name' from a GitHub address such as https://github.com/owner/name(.git)."""
    match = re.match(r"^https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", repo_url or "")
    return f"{match.group(1)}/{match.group(2)}" if match else ""


def admin_files(
    project: Path, kb: KnowledgeBase, backend: dict[str, Any]
) -> dict[str, str | Path]:
    """Every file of `admin/` on a published site: text (generated) or a path (copied)."""
    result: dict[str, str | Path] = {
        f"admin/{name}": path for name, path in STATIC.items() if name
    }
    for path in sorted(VENDOR.iterdir()):
        result[f"admin/decap-cms/{path.name}"] = path
    result["admin/config.json"] = _json_text(cms_config(kb, backend, present_catalogues(project)))
    result["admin/kaart-data.json"] = _json_text(map_data(project))
    return result


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"
