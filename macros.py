"""The macros authors use in Markdown pages; each one forwards to the klantreis engine.

See docs/handleiding/macros.md for every macro with an example.
"""

from __future__ import annotations

from typing import Any

from klantreis import MACRO_NAMES, UnknownReference


def define_env(env: Any) -> None:
    """Register every engine macro; each call renders for the page being built."""

    def bind(name: str) -> Any:
        def macro(*args: Any, **kwargs: Any) -> Any:
            engine = env.conf["plugins"]["klantreis"].engine
            blocks = engine.blocks(env.page.file.src_uri)
            if not engine.problems:
                return getattr(blocks, name)(*args, **kwargs)
            # In a preview with content errors a missing slug must not stop the server.
            try:
                return getattr(blocks, name)(*args, **kwargs)
            except UnknownReference as error:
                return blocks.missing(error)

        macro.__name__ = name
        return macro

    for name in MACRO_NAMES:
        env.macro(bind(name), name)
