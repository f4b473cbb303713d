"""One place that turns a block's raw characters into clean, searchable text.

Every reader hands its raw text to `normalize_block` (via `assemble`), so all formats agree on
quotes, dashes, spaces and ligatures, and offsets are computed on the cleaned text.
"""
from __future__ import annotations

import re
import unicodedata

import ftfy

# ftfy repairs mojibake ("CouncilÃ¢â‚¬â„¢s"), ligatures, width variants and curly quotes; HTML
# entities are the HTML reader's job, so leave "&amp;" in plain text alone.
_FTFY = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=True, fix_latin_ligatures=True,
                             fix_character_width=True, remove_control_chars=True,
                             normalization="NFC", explain=False)

_TRANSLATE = str.maketrans({
    **{c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                       "\u200a\u202f\u205f\u3000\t\r\n\f\v\u2028\u2029"},
    **{c: "" for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"},
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    "\u2026": "...",
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})

_SPACES = re.compile(r"\s+")


def normalize_block(text: str) -> str:
    """NFC, ASCII quotes/dashes/spaces, no soft hyphens or control characters, one-space runs."""
    text = ftfy.fix_text(text, _FTFY) if not text.isascii() else text
    text = text.translate(_TRANSLATE)
    text = "".join(ch for ch in text if ch == " " or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()
