"""Normal forms of an attribute value that the rules look at.

A value can hide DN syntax behind RFC 4514 escaping (`Tokyo\\, C\\=JP`) or behind Unicode
compatibility characters (fullwidth `，` and `＝`). The rules look at the value as a DN-string
parser would see it; every function here is a single linear pass.
"""

from __future__ import annotations

import unicodedata

HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
# Characters RFC 4514 section 2.4 lets a backslash escape (besides hex pairs).
RFC4514_ESCAPABLE = frozenset('"+,;<> #=\\')


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
            if nxt in HEX_DIGITS and i + 2 < n and value[i + 2] in HEX_DIGITS:
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


# --- Comparing names --------------------------------------------------------------------------
# Letters that NFKD does not decompose, written the way ASCII spellings of names write them;
# and the traditional/variant CJK character that place names are written with either way.
_LETTER_FOLDS = str.maketrans(
    {
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ŀ": "l",
        "臺": "台",
    }
)
# Modifier letters used as apostrophes in transliterations (ʻokina, ayin, hamza): word breaks,
# as the ASCII apostrophe is ("Hawaiʻi", "Al ‘Āşimah").
_APOSTROPHE_LETTERS = frozenset("ʹʺʻʼʽʾʿˈˊˋ")
# Combining marks are dropped only after Latin, Greek and Cyrillic letters, where they are
# diacritics; in Indic and other scripts they are vowel signs that belong to the word.
_DIACRITIC_BASE_LIMIT = 0x0530


def comparison_words(value: str) -> list[str]:
    """The words of a name as compared across spellings, in one linear pass.

    NFKC folding, case folding, Latin/Greek/Cyrillic diacritics removed (`Württemberg` ->
    `wurttemberg`), and every non-alphanumeric character (apostrophes too) a word
    break (`Nordrhein-Westfalen` and `Nordrhein Westfalen` give the same words; `d'Azur` gives
    `d`, `azur`).
    """
    text = unicodedata.normalize("NFKD", fold(value).casefold()).translate(
        _LETTER_FOLDS
    )
    words: list[str] = []
    current: list[str] = []
    base = 0
    for c in text:
        if c.isalnum() and c not in _APOSTROPHE_LETTERS:
            current.append(c)
            base = ord(c)
        elif unicodedata.category(c)[0] == "M":
            if base >= _DIACRITIC_BASE_LIMIT:
                current.append(c)
        else:
            if current:
                words.append(unicodedata.normalize("NFC", "".join(current)))
                current = []
            base = 0
    if current:
        words.append(unicodedata.normalize("NFC", "".join(current)))
    return words
