"""Finds C0/C1 control characters and invisible format characters inside a value.

Control characters: tab, line feed, carriage return, NULL, DELETE and the C1 controls
(U+0080-U+009F). Invisible format characters: ZERO WIDTH SPACE, the byte order mark, bidi
embeddings, overrides and isolates, SOFT HYPHEN, WORD JOINER and the invisible operators, the
COMBINING GRAPHEME JOINER, the interlinear annotation characters. One pass over the value
classifies every character; tables are built at import.

Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 / S/MIME BR 7.1.4.2.2 -- the value MUST be the
Subject's information; a control character is no part of any name (RFC 4518 2.2 maps them
to nothing before comparison). Invisible and bidi-override characters make the displayed
name differ from the encoded one (Unicode TR 36).

Severity: control characters ERROR (the value cannot be the required information);
invisible format characters WARNING (very likely wrong, but the visible name may be right).

Never flagged: characters that scripts need. Joiners (ZWNJ, ZWJ) are accepted unless every
other character is ASCII, and bidi marks (LRM, RLM, ALM) unless the value has no
right-to-left letter: Persian, Indic and Arabic names need them; so is ZERO WIDTH SPACE in
Thai, Lao, Khmer, Myanmar and Tibetan text, which uses it between words. Nor countryName,
jurisdictionCountryName and domainComponent, whose syntax pkilint checks itself. Leading,
trailing and repeated white space is the whitespace rule's finding.
"""

from __future__ import annotations

import re
import unicodedata

from pkilint_semantic_dn.core import attributes, citations
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.core.text import quote

CONTROL_CHARACTER = "semantic_dn.control_character"
INVISIBLE_CHARACTER = "semantic_dn.invisible_format_character"

# Country codes and domain labels: pkilint checks their syntax itself.
NOT_APPLICABLE = attributes.CODED_ATTRIBUTES

# Invisible characters that hide or reorder text and have no use in a name.
_ALWAYS_INVISIBLE = frozenset(
    "\u2060\u2061\u2062\u2063\u2064"  # WORD JOINER, invisible operators
    "\ufeff"  # ZERO WIDTH NO-BREAK SPACE / byte order mark
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u00ad"  # SOFT HYPHEN
    "\u034f"  # COMBINING GRAPHEME JOINER
    "\ufff9\ufffa\ufffb"  # interlinear annotation
)
# Legitimate only with the scripts that need them.
_JOINERS = frozenset(
    "\u200c\u200d"
)  # ZWNJ, ZWJ: Persian, Indic scripts, emoji sequences
_BIDI_MARKS = frozenset("\u200e\u200f\u061c")  # LRM, RLM, ALM: right-to-left text
_ZERO_WIDTH_SPACE = (
    "\u200b"  # the word separator of Thai, Lao, Khmer, Myanmar, Tibetan text
)
# Scripts written without spaces between words, where U+200B marks word boundaries.
_UNSPACED_SCRIPT_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x1A20, 0x1AAF),  # Tai Tham
)


def _is_unspaced_script(c: str) -> bool:
    o = ord(c)
    return any(low <= o <= high for low, high in _UNSPACED_SCRIPT_RANGES)


_NAMES = {
    "\t": "TAB",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x00": "NULL",
    "\x7f": "DELETE",
}


def _name(c: str) -> str:
    return _NAMES.get(c) or unicodedata.name(c, "") or "control"


def _describe(c: str) -> str:
    return f"U+{ord(c):04X} {_name(c)}"


# One character class, so the search is a single linear scan.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _is_right_to_left(c: str) -> bool:
    return unicodedata.bidirectional(c) in ("R", "AL")


@rule(
    CONTROL_CHARACTER,
    severity="ERROR",
    why="A control character is no part of any name (RFC 4518 2.2 maps them to nothing), "
    "so the value cannot be the Subject's information it is required to be.",
    description="The value contains a C0 or C1 control character (tab, line feed, ...)",
    citation=citations.SUBJECT_INFORMATION
    + "; RFC 4518 2.2 (control characters carry no information)",
    example="O=Example<TAB>Corporation",
    never=NOT_APPLICABLE,
    plain=False,
    also=(
        finding(
            INVISIBLE_CHARACTER,
            severity="WARNING",
            why="Very likely wrong, since the displayed name differs from the encoded "
            "one, but the visible name may still be right.",
            description="The value contains an invisible format character (zero width "
            "space, byte order mark, bidi override or isolate, soft hyphen) that the name "
            "does not need",
            citation=citations.SUBJECT_INFORMATION
            + "; Unicode TR 36 (invisible and bidi control characters)",
            example="O=Example<U+200B>Corporation",
        ),
    ),
    examples=(
        "O=Example\tCorporation",
        "L=Mountain View\n",
        "O=Example\u200bCorporation",
        "O=Example \u202eCorporation",
    ),
    near_misses=(
        "O=شرکت نرم\u200cافزاری نمونه",
        "O=क्\u200dष उदाहरण प्राइवेट लिमिटेड",
        'O=חברה לדוגמה בע"מ\u200f',
        "O=บริษัท\u200bตัวอย่าง\u200bจำกัด",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Control characters and invisible format characters."""
    if attribute_oid in NOT_APPLICABLE or not value:
        return []
    if value.isascii() and value.isprintable():  # the common case: nothing to find
        return []
    own = attributes.attribute_name(attribute_oid)
    hits = []

    found = _CONTROL.search(value)
    control = found.group() if found else None
    if control is not None:
        hits.append(
            Hit(
                CONTROL_CHARACTER,
                f"{own} value {quote(value.encode('unicode_escape').decode('ascii'))} "
                f"contains the control character {_describe(control)}",
            )
        )

    invisible = _first_invisible(value)
    if invisible is not None:
        escaped = value.encode("unicode_escape").decode("ascii")
        hits.append(
            Hit(
                INVISIBLE_CHARACTER,
                f"{own} value {quote(escaped)} contains the invisible character "
                f"{_describe(invisible)}",
            )
        )

    return hits


# Every character `_first_invisible` may return: a value with none of them (most non-ASCII
# names) is answered by one pass in C instead of a Python step per character.
_MAYBE_INVISIBLE = _ALWAYS_INVISIBLE | _JOINERS | _BIDI_MARKS | {_ZERO_WIDTH_SPACE}


def _first_invisible(value: str) -> str | None:
    if value.isascii() or _MAYBE_INVISIBLE.isdisjoint(value):
        return None
    rtl = None
    latin_only = None
    unspaced = None
    for c in value:
        if c in _ALWAYS_INVISIBLE:
            return c
        if c == _ZERO_WIDTH_SPACE:
            if unspaced is None:
                unspaced = any(_is_unspaced_script(x) for x in value)
            if not unspaced:
                return c
        if c in _BIDI_MARKS:
            if rtl is None:
                # The marks are right-to-left characters themselves: only other
                # characters say whether the value has right-to-left text.
                rtl = any(_is_right_to_left(x) for x in value if x not in _BIDI_MARKS)
            if not rtl:
                return c
        elif c in _JOINERS:
            if latin_only is None:
                latin_only = all(x.isascii() or x in _JOINERS for x in value)
            if latin_only:
                return c
    return None
