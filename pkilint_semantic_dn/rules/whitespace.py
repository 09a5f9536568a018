"""Rule family 6: stray whitespace, control characters and invisible format characters.

One pass over the value classifies every character; tables are built at import. Characters
that scripts need are left alone: the ideographic space (U+3000) inside Japanese and Chinese
names, ZERO WIDTH (NON-)JOINER in Persian and Indic names, bidi marks in right-to-left text,
ZERO WIDTH SPACE between the words of Thai, Lao, Khmer, Myanmar and Tibetan names.
"""

from __future__ import annotations

import re
import unicodedata

from pkilint_semantic_dn import attributes
from pkilint_semantic_dn.rules import Hit, Subject, quote, scope

CONTROL_CHARACTER = "semantic_dn.control_character"
INVISIBLE_CHARACTER = "semantic_dn.invisible_format_character"
LEADING_OR_TRAILING_WHITESPACE = "semantic_dn.leading_or_trailing_whitespace"
REPEATED_WHITESPACE = "semantic_dn.repeated_whitespace"

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


def _is_control(c: str) -> bool:
    return c < " " or "\x7f" <= c <= "\x9f"


def _is_right_to_left(c: str) -> bool:
    return unicodedata.bidirectional(c) in ("R", "AL")


@scope(never=NOT_APPLICABLE, plain=False)
def check_characters(
    attribute_oid: str, value: str, subject: Subject = ()
) -> list[Hit]:
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


@scope(never=NOT_APPLICABLE, plain=False)
def check_spacing(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Leading, trailing and repeated white space."""
    if attribute_oid in NOT_APPLICABLE or not value:
        return []
    # The common case: in ASCII only the space itself counts (other white space is control).
    if value.isascii() and value[0] != " " and value[-1] != " " and "  " not in value:
        return []
    own = attributes.attribute_name(attribute_oid)
    hits = []
    # Controls are reported by check_characters; here only visible white space counts. A
    # value of white space alone is stock pkilint's cabf.insignificant_attribute_value_present.
    leading, trailing = _is_space(value[0]), _is_space(value[-1])
    if (leading or trailing) and value.strip():
        where = " and ".join(
            w
            for w, present in (("leading", leading), ("trailing", trailing))
            if present
        )
        hits.append(
            Hit(
                LEADING_OR_TRAILING_WHITESPACE,
                f"{own} value {quote(value)} has {where} white space",
            )
        )
    if _has_inner_run(value.strip()):
        hits.append(
            Hit(
                REPEATED_WHITESPACE,
                f"{own} value {quote(value)} contains consecutive spaces",
            )
        )
    return hits


def _is_space(c: str) -> bool:
    return c.isspace() and not _is_control(c)


def _has_inner_run(value: str) -> bool:
    # Two ASCII or no-break spaces in a row; the ideographic space is a separator in CJK names
    # and is left alone.
    return "  " in value or "\u00a0 " in value or " \u00a0" in value


def _first_invisible(value: str) -> str | None:
    if value.isascii():
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
                rtl = any(_is_right_to_left(x) for x in value)
            if not rtl:
                return c
        elif c in _JOINERS:
            if latin_only is None:
                latin_only = all(x.isascii() or x in _JOINERS for x in value)
            if latin_only:
                return c
    return None
