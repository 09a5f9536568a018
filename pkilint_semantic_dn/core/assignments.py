"""The DN-assignment scanner: `KEYWORD=value` fragments of DN syntax inside one string.

`find_assignments(text)` finds every `KEYWORD=` where KEYWORD names a DN attribute (short
name, long name or dotted OID, any case) and stands at the start of the text or after a DN
separator (`,` `;` `+` `/`), with the attribute it names, as written and whether it is a
single letter (the embedded attribute assignment rule tells the value's own keyword, `O=` in
organizationName, from another attribute's `E=`). Callers pass the value as a DN parser
would see it (`normalise.parser_view`) or as it reads once decoded. The scan is linear: it
walks back from each `=` over a bounded keyword, never backtracking. Used by the embedded
attribute assignment rule and, for decoded percent-encoding, by the encoding leak rule.
"""

from __future__ import annotations

from typing import NamedTuple

from pkilint_semantic_dn.core import attributes

SEPARATORS = frozenset(",;+/")
_KEYWORD_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-."
)
_DIGITS_AND_DOTS = frozenset("0123456789.")
_SPACES = frozenset(" \t")
_MAX_KEYWORD = max(attributes.MAX_KEYWORD_LENGTH, 64)
# How much of an embedded assignment a message quotes.
_SNIPPET_LIMIT = 60


class Assignment(NamedTuple):
    name: str  # the attribute's name in words
    oid: str
    text: str  # `C=JP` as it appears in the parser view
    value: str  # `JP`
    after_separator: bool
    single_letter: bool
    keyword: str = ""  # `C` as written (`c`, `countryName`, `2.5.4.6`)


def _keyword_attribute(keyword: str) -> tuple[str, str] | None:
    """(name, oid) of the attribute a keyword names, also for unlisted dotted OIDs."""
    attribute = attributes.lookup_keyword(keyword)
    if attribute is not None:
        return attribute.name, attribute.oid
    # Any dotted OID of three or more arcs in keyword position is DN syntax too.
    if (
        keyword[0].isdigit()
        and keyword.count(".") >= 2
        and all(c in _DIGITS_AND_DOTS for c in keyword)
        and ".." not in keyword
        and not keyword.endswith(".")
    ):
        return keyword, keyword
    return None


def find_assignments(text: str) -> list[Assignment]:
    """Every `KEYWORD=value` in `text` that sits at the start or after a DN separator."""
    found: list[Assignment] = []
    eq = text.find("=")
    while eq != -1:
        j = eq - 1
        while j >= 0 and text[j] in _SPACES:
            j -= 1
        end = j + 1
        while j >= 0 and text[j] in _KEYWORD_CHARS and end - j <= _MAX_KEYWORD:
            j -= 1
        keyword = text[j + 1 : end]
        if keyword and end - j <= _MAX_KEYWORD:
            k = j
            while k >= 0 and text[k] in _SPACES:
                k -= 1
            at_start = k < 0
            if at_start or text[k] in SEPARATORS:
                named = _keyword_attribute(keyword)
                if named is not None:
                    found.append(_assignment(text, j + 1, eq, keyword, named, at_start))
        eq = text.find("=", eq + 1)
    return found


def _assignment(text, start, eq, keyword, named, at_start) -> Assignment:
    stop = eq + 1
    limit = min(len(text), eq + 1 + _SNIPPET_LIMIT)
    while stop < limit and text[stop] not in SEPARATORS:
        stop += 1
    return Assignment(
        name=named[0],
        oid=named[1],
        text=text[start:stop].strip(),
        value=text[eq + 1 : stop].strip(),
        after_separator=not at_start,
        single_letter=len(keyword) == 1,
        keyword=keyword,
    )
