"""Safe slugs for file names and anchors: accents folded, punctuation dropped."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    """'Één café & SEO!' -> 'een-cafe-seo'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
