"""The editor's backend over real HTTP: only the consultant's own editor may read and write, and
only inside docs/, glossary/ and journeys/. Every refused request leaves the disk as it was."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from klantreis.cms_adapter.protocol import EditorApp


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _preview(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"voorbeeld"]


@contextlib.contextmanager
def running(root: Path, host: str = "127.0.0.1"):
    """The editor app on a real HTTP server on 127.0.0.1, as `klantreis serve` mounts it."""
    server = make_server("127.0.0.1", 0, None, server_class=_Server, handler_class=_Quiet)  # type: ignore[arg-type]
    port = server.server_address[1]
    server.set_app(EditorApp(root, host, port, _preview))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def post(base: str, body: dict | bytes, *, origin: str | None = "same", host: str | None = None,
         content_type: str = "application/json", method: str = "POST") -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(base + "/admin/api/v1", data=data, method=method)
    request.add_header("Content-Type", content_type)
    if origin:
        request.add_header("Origin", base if origin == "same" else origin)
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def snapshot(root: Path) -> dict[str, str]:
    """Every file under the project (and the folder beside it) with a hash of its bytes."""
    return {
        path.relative_to(root.parent).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.parent.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def kb(project, tmp_path):
    root = project()
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.md").write_text("---\ntitle: Geheim\n---\nGEHEIME INHOUD\n", "utf-8")
    os.symlink(outside / "geheim.md", root / "glossary" / "link.md")
    os.symlink(outside, root / "glossary" / "uitweg")
    return root


def persist(path: str, raw: str, new: bool = True) -> dict:
    return {"action": "persistEntry", "params": {
        "branch": "main", "dataFiles": [{"path": path, "slug": "x", "raw": raw}], "assets": [],
        "options": {"newEntry": new, "commitMessage": "x", "useWorkflow": False,
                    "status": ""}}}


TERM = "---\ntitle: Nieuw\ndescription: Een nieuw begrip.\n---\nUitleg.\n"


@pytest.mark.parametrize("path", [
    "../mkdocs.yml", "/etc/passwd", "glossary/../../mkdocs.yml", "docs/../mkdocs.yml",
    "mkdocs.yml", "klantreis/cli.py", ".git/config", "glossary/.verborgen.md",
    "glossary/link.md", "glossary/uitweg/geheim.md", "glossary\\..\\mkdocs.yml",
])
def test_reading_outside_the_knowledge_base_is_refused(kb, path):
    with running(kb) as base:
        status, answer = post(base, {"action": "getEntry", "params": {"path": path}})
    assert status in (400, 403)
    assert "GEHEIME INHOUD" not in json.dumps(answer) and "site_name" not in json.dumps(answer)


@pytest.mark.parametrize("folder", ["..", "/", "glossary/uitweg", "klantreis", "."])
def test_listing_outside_the_knowledge_base_is_refused(kb, folder):
    with running(kb) as base:
        status, _ = post(base, {"action": "entriesByFolder",
                                "params": {"folder": folder, "extension": "md", "depth": 5}})
    assert status in (400, 403)


@pytest.mark.parametrize("path", [
    "../buiten.md", "../mkdocs.yml", "/tmp/klantreis-editor-test.md", "mkdocs.yml",
    "glossary/link.md", "glossary/uitweg/nieuw.md", "docs/index.md", "docs/nieuw.md",
    "glossary/nieuw.txt", "journeys/_nieuw.yml", "schema/begrip.schema.json",
])
def test_writing_outside_what_the_editor_owns_changes_nothing(kb, path):
    before = snapshot(kb)
    with running(kb) as base:
        status, answer = post(base, persist(path, TERM))
    assert status in (400, 403, 409, 422), answer
    assert answer["error"]
    assert snapshot(kb) == before
    assert not Path("/tmp/klantreis-editor-test.md").exists()


def test_a_new_item_never_replaces_a_file(kb):
    before = snapshot(kb)
    with running(kb) as base:
        status, answer = post(base, persist("glossary/seo.md", TERM.replace("Nieuw", "SEO")))
        other, _ = post(base, persist("glossary/seo-1.md", TERM.replace("Nieuw", "SEO")))
    assert status == 409 and "er is al een begrip met de naam 'seo'" in answer["error"]
    assert other == 409  # the CMS's own way out (seo-1) is refused too: the name is taken
    assert snapshot(kb) == before


def test_an_edit_never_creates_a_file_and_delete_is_refused(kb):
    before = snapshot(kb)
    with running(kb) as base:
        edit, _ = post(base, persist("glossary/weg.md", TERM, new=False))
        delete, answer = post(base, {"action": "deleteFile", "params": {
            "path": "glossary/seo.md", "options": {"commitMessage": "x"}}})
    assert edit == 409 and delete == 403
    assert "verwijder" in answer["error"]
    assert snapshot(kb) == before


def test_an_edit_is_written_only_over_the_version_the_editor_opened(kb):
    term = kb / "glossary/seo.md"
    edited = term.read_text(encoding="utf-8").replace("SEO gaat", "SEO draait")
    with running(kb) as base:
        never_opened, answer = post(base, persist("glossary/seo.md", edited, new=False))
        post(base, {"action": "getEntry", "params": {"path": "glossary/seo.md"}})
        term.write_text(term.read_text(encoding="utf-8") + "Een zin uit de teksteditor.\n",
                        encoding="utf-8")
        before = snapshot(kb)
        changed_since, _ = post(base, persist("glossary/seo.md", edited, new=False))
        after_changed = snapshot(kb)
        post(base, {"action": "getEntry", "params": {"path": "glossary/seo.md"}})
        reopened, _ = post(base, persist("glossary/seo.md", edited, new=False))
    assert never_opened == 409 and "Laad de editor opnieuw" in answer["error"]
    assert changed_since == 409 and after_changed == before
    assert reopened == 200
    assert "SEO draait" in term.read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "expected"), [
    ({"origin": "http://evil.example"}, 403),
    ({"origin": None}, 403),
    ({"origin": "null"}, 403),
    ({"content_type": "text/plain"}, 415),
    ({"content_type": "application/x-www-form-urlencoded"}, 415),
    ({"host": "evil.example"}, 403),
    ({"method": "PUT"}, 405),
])
def test_a_request_from_elsewhere_gets_an_error_and_changes_nothing(kb, change, expected):
    before = snapshot(kb)
    with running(kb) as base:
        status, answer = post(base, persist("glossary/nieuw.md", TERM), **change)
    assert status == expected, answer
    assert snapshot(kb) == before


def test_the_editor_answers_only_when_served_on_127_0_0_1(kb):
    with running(kb, host="0.0.0.0") as base:
        status, _ = post(base, {"action": "info"})
        page = urllib.request.Request(base + "/admin/")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(page, timeout=10)
    assert status == 403 and refused.value.code == 403


def test_the_same_request_from_the_editor_is_carried_out(kb):
    with running(kb) as base:
        status, answer = post(base, persist("glossary/nieuw.md", TERM))
        info = post(base, {"action": "info"})
        with urllib.request.urlopen(base + "/mini/", timeout=10) as preview:
            passed_on = preview.read()
    assert status == 200, answer
    assert (kb / "glossary/nieuw.md").read_text(encoding="utf-8") == TERM
    assert info[0] == 200 and info[1]["type"] == "local_fs"
    assert passed_on == b"voorbeeld"  # everything outside /admin/ is the preview's


def test_a_broken_request_is_an_error_not_a_crash(kb):
    with running(kb) as base:
        answers = [
            post(base, b"{niet json"),
            post(base, b"[1, 2]"),
            post(base, {"action": "getEntry", "params": {"path": 5}}),
            post(base, {"action": "entriesByFolder", "params": {"folder": "glossary",
                                                                "depth": "diep"}}),
            post(base, {"action": "vliegen"}),
            post(base, persist("glossary/nieuw.md", "---\ntitle: [\n---\n")),
        ]
    assert [status for status, _ in answers] == [400, 400, 400, 400, 422, 422]
    assert all(answer["error"] for _, answer in answers)
