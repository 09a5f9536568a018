"""Normal forms of an attribute value that the rules look at.

A value can hide DN syntax behind RFC 4514 escaping (`Tokyo\\, C\\=JP`) or behind Unicode
compatibility characters (fullwidth `，` and `＝`). The rules look at the value as a DN-string
parser would see it; every function here is a single linear pass.
"""

from __future__ import annotations

import unicodedata

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def fold(value: str) -> str:
    """Unicode compatibility folding (NFKC): fullwidth and small forms become ASCII punctuation."""
    if value.isascii():
        return value
    return unicodedata.normalize("NFKC", value)


def unescape_rfc4514(value: str) -> str:
    """Undo RFC 4514 escaping: `\\,` -> `,`, `\\3D` -> `=`. Other text is left as it is.

    Hex pairs are decoded byte-wise as UTF-8 where they form valid UTF-8; a lone invalid
    pair is left escaped, so nothing here can fail.
    """
    if "\\" not in value:
        return value
    out: list[str] = []
    pending = bytearray()  # hex-escaped bytes waiting to be decoded together
    i, n = 0, len(value)
    while i < n:
        c = value[i]
        if c == "\\" and i + 1 < n:
            nxt = value[i + 1]
            if nxt in _HEX_DIGITS and i + 2 < n and value[i + 2] in _HEX_DIGITS:
                pending.append(int(value[i + 1 : i + 3], 16))
                i += 3
                continue
            _flush(pending, out)
            out.append(nxt)
            i += 2
            continue
        _flush(pending, out)
        out.append(c)
        i += 1
    _flush(pending, out)
    return "".join(out)


def _flush(pending: bytearray, out: list[str]) -> None:
    if pending:
        out.append(pending.decode("utf-8", errors="backslashreplace"))
        pending.clear()


def parser_view(value: str) -> tuple[str, str | None]:
    """The value as a DN-string parser would read it, and how it was transformed.

    Returns (text, transformation) where transformation is None when the value is unchanged,
    otherwise a few words for the finding message.
    """
    folded = fold(value)
    unescaped = unescape_rfc4514(folded)
    if unescaped is value or unescaped == value:
        return value, None
    steps = []
    if folded != value:
        steps.append("Unicode compatibility folding")
    if unescaped != folded:
        steps.append("RFC 4514 unescaping")
    return unescaped, " and ".join(steps)
