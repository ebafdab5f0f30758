"""Decap CMS's proxy backend protocol as a WSGI app, mounted at /admin/ beside the preview.

Decap's local backend (`decap-server`, Node) answers POST requests `{action, params}` on one URL;
this is the same protocol in Python, limited to the knowledge base (`store.Store`). The browser
editor itself (index.html, the vendored bundle, the generated configuration) is served from the
same prefix, so the consultant needs nothing but `klantreis serve`.

Only the consultant's own browser on this machine may write: the API answers requests to the
serve address from 127.0.0.1, with that address as Origin and a JSON body. A page on another
site can neither send such a request without a CORS preflight (which is never allowed) nor
read the answer.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import config, site_files
from .site_files import STATIC, VENDOR
from .store import Refused, Store

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
PREFIX = "/admin/"
API = PREFIX + "api/v1"
MAX_BODY = 5_000_000
LOOPBACK = ("127.0.0.1", "::1")
JSON = "application/json; charset=utf-8"


class EditorApp:
    """Serves the editor under /admin/ and passes every other request to `fallback`."""

    def __init__(self, project: Path, host: str, port: int, fallback: WsgiApp) -> None:
        self.store = Store(project)
        self.port = port
        self.hosts = {f"{name}:{port}" for name in ("127.0.0.1", "localhost")}
        self.origins = {f"http://{host}" for host in self.hosts}
        self.local = host in LOOPBACK or host == "localhost"
        self.fallback = fallback

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        path = environ.get("PATH_INFO", "")
        if not (path + "/").startswith(PREFIX):
            return self.fallback(environ, start_response)
        if path == PREFIX[:-1]:
            start_response("302 Found", [("Location", PREFIX)])
            return [b""]
        refusal = self._refusal(environ, api=path == API)
        if refusal is not None:
            return _json(start_response, refusal.status, {"error": str(refusal)})
        if path == API:
            return self._api(environ, start_response)
        return self._static(path[len(PREFIX) :], start_response)

    # -- who may ask ------------------------------------------------------------------

    def _refusal(self, environ: dict[str, Any], *, api: bool) -> Refused | None:
        if not self.local or environ.get("REMOTE_ADDR") not in LOOPBACK:
            return Refused("de editor werkt alleen op 127.0.0.1.", 403)
        if environ.get("HTTP_HOST") not in self.hosts:
            return Refused("onbekend adres: open de editor via het adres van klantreis serve.", 403)
        if not api:
            return None
        if environ.get("REQUEST_METHOD") != "POST":
            return Refused("de editor-API kent alleen POST.", 405)
        if environ.get("HTTP_ORIGIN") not in self.origins:
            return Refused("dit verzoek komt niet van de editor op deze computer.", 403)
        if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
            return Refused("de editor-API verwacht JSON.", 415)
        return None

    # -- the protocol -------------------------------------------------------------------

    def _api(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        try:
            request = _read_json(environ)
            params = request.get("params") or {}
            if not isinstance(params, dict):
                raise Refused("het verzoek heeft geen geldige parameters.", 400)
            result = self.handle(request.get("action"), params)
        except (TypeError, ValueError, AttributeError):
            return _json(start_response, 400, {"error": "het verzoek klopt niet."})
        except Refused as refusal:
            return _json(start_response, refusal.status, {"error": str(refusal)})
        return _json(start_response, 200, result)

    def handle(self, action: Any, params: dict[str, Any]) -> Any:
        """Carry out one action of Decap's proxy protocol."""
        store = self.store
        if action == "info":
            return {"repo": store.project.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return store.entries_in(
                params.get("folder"), str(params.get("extension", "")), int(params.get("depth", 1))
            )
        if action == "entriesByFiles":
            return [store.entry(item.get("path")) for item in params.get("files", [])]
        if action == "getEntry":
            return store.entry(params.get("path"))
        if action == "persistEntry":
            return self._persist(params)
        if action == "getMedia":
            return []
        if action == "getDeployPreview":
            return None
        if action in ("deleteFile", "deleteFiles"):
            raise Refused("verwijderen kan niet in de editor: verwijder het bestand zelf.", 403)
        if action in ("persistMedia", "getMediaFile"):
            raise Refused("afbeeldingen uploaden kan niet in de editor.", 403)
        raise Refused(f"onbekende actie '{action}'.", 422)

    def _persist(self, params: dict[str, Any]) -> dict[str, str]:
        data_files = params.get("dataFiles") or [params.get("entry")]
        options = params.get("options") or {}
        if params.get("assets"):
            raise Refused("afbeeldingen uploaden kan niet in de editor.", 403)
        if len(data_files) != 1 or not isinstance(data_files[0], dict):
            raise Refused("de editor slaat één bestand tegelijk op.")
        data_file = data_files[0]
        if data_file.get("newPath"):
            raise Refused("een bestand hernoemen kan niet in de editor.", 403)
        raw = data_file.get("raw")
        if not isinstance(raw, str):
            raise Refused("het verzoek bevat geen tekst om op te slaan.")
        path = self.store.persist(data_file.get("path"), raw, new=bool(options.get("newEntry")))
        return {"message": f"{path} opgeslagen"}

    # -- the editor's files -------------------------------------------------------------

    def _static(self, name: str, start_response: Callable[..., Any]):
        if name == "config.json":
            return _json(start_response, 200, config.local_config(self.store.project, API))
        if name == "kaart-data.json":
            return _json(start_response, 200, site_files.map_data(self.store.project))
        path = STATIC.get(name)
        if path is None and name.startswith("decap-cms/") and "/" not in name[10:]:
            candidate = VENDOR / name[10:]
            path = candidate if candidate.is_file() and name[10] not in "._" else None
        if path is None:
            return _json(start_response, 404, {"error": f"niet gevonden: {name}"})
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("javascript"):
            kind += "; charset=utf-8"
        start_response(
            "200 OK",
            [("Content-Type", kind), ("Content-Length", str(len(body))), *_NO_FRAMES],
        )
        return [body]


# The editor must not be framed by another site (clickjacking a save button).
_NO_FRAMES = [("X-Frame-Options", "SAMEORIGIN"), ("Cache-Control", "no-store")]


def _read_json(environ: dict[str, Any]) -> dict[str, Any]:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if not 0 < length <= MAX_BODY:
        raise Refused("het verzoek is leeg of te groot.", 413)
    try:
        request = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Refused("het verzoek is geen geldige JSON.", 400) from None
    if not isinstance(request, dict):
        raise Refused("het verzoek is geen JSON-object.", 400)
    return request


def _json(start_response: Callable[..., Any], status: int, value: Any) -> list[bytes]:
    body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    reason = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
              405: "Method Not Allowed", 409: "Conflict", 413: "Payload Too Large",
              415: "Unsupported Media Type", 422: "Unprocessable Entity"}.get(status, "Error")
    start_response(
        f"{status} {reason}",
        [("Content-Type", JSON), ("Content-Length", str(len(body))), *_NO_FRAMES],
    )
    return [body]


def mount(fallback: WsgiApp, project: Path, host: str, port: int) -> WsgiApp:
    """The preview server's app with the editor in front of it at /admin/."""
    return EditorApp(project, host, port, fallback)
