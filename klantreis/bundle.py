"""The offline bundle: the site built for file://, zipped reproducibly and written atomically."""

from __future__ import annotations

import datetime
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

BUNDLE_NAME = "klantreis-kennisbank-{date}"
# A fixed timestamp inside the zip: the same sources give the same archive.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def make_bundle(
    project: Path,
    progress: Callable[[str], None] = lambda _: None,
    today: datetime.date | None = None,
) -> Path:
    """Build the offline site and write `dist/klantreis-kennisbank-<date>.zip`."""
    from .mkdocs_adapter.build import build

    name = BUNDLE_NAME.format(date=(today or datetime.date.today()).isoformat())
    progress("Offline bundel bouwen ...")
    with tempfile.TemporaryDirectory(prefix="klantreis-bundel-") as temp:
        site = Path(temp) / name
        build(project, site, offline=True)
        return write_zip(site, project / "dist" / f"{name}.zip")


def write_zip(folder: Path, target: Path) -> Path:
    """Zip `folder` under its own name; the zip appears only when it is complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}-*"):
        leftover.unlink()  # a zip half written by an interrupted earlier run
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(
                        f"{folder.name}/{path.relative_to(folder).as_posix()}", ZIP_TIME
                    )
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, path.read_bytes())
        os.chmod(partial, 0o644)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target
