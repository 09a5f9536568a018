"""Finds values damaged by an encoding step: `Tokyo%2C%20C%3DJP`, `M\ufffdnchen`, `MÃ¼nchen`.

Values that went through a URL or a wrong character decoding on their way into the
certificate, and kept the traces: URL percent-encoding (`Tokyo%2C%20C%3DJP`), the Unicode
replacement character U+FFFD (or its Latin-1 reading `ï¿½`), or UTF-8 read as Windows-1252 /
Latin-1 (`MÃ¼nchen` for `München`; Sectigo, Bugzilla 1724458, 41 certificates).

Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- each present subject attribute MUST contain the
Subject's information as verified (S/MIME BR 7.1.4.2.2 likewise); `MÃ¼nchen` or
`M\ufffdnchen` is not the verified name `München`.

Severity: ERROR for U+FFFD (characters were irrecoverably lost; pkimetal reports it as an
error too) and for percent-encoded separators, quotes, white space or UTF-8 text (`%2C`,
`%20`, `%C3%BC` never stand in a name; a lone `%DE` after a number is left alone). WARNING
when the whole value re-decodes as UTF-8 into a shorter, plausible text: very likely
mojibake, not provable (pkimetal's ftfy check warns likewise). NOTICE when only some
sequences of a mixed value look like mojibake. Portuguese `SÃO PAULO` and other accented
capitals never qualify: an accented letter followed by a letter is no UTF-8 sequence; nor
does Czech `Úžice`, whose re-decoding would put an Arabic letter inside a Latin word.

Never looked at: countryName, jurisdictionCountryName and domainComponent (pkilint checks
their syntax); emailAddress is exempt from the percent check (its local part may contain `%`:
`user%host@relay`). A decoded percent-encoding that embeds `KEYWORD=value` says so in the
message (`core.assignments`). All scans are linear and bounded (`core.scan_limits`): `str.find`
loops over at most `MAX_OCCURRENCES` positions and one compiled pattern of fixed length (a
lead character and at most three continuation characters, no nested repetition).
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse

from pkilint_semantic_dn.core import attributes, citations, normalise
from pkilint_semantic_dn.core.assignments import find_assignments
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.scan_limits import (
    MAX_ANALYSED,
    MAX_OCCURRENCES,
    MAX_SNIPPET,
)
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.core.text import quote

PERCENT_ENCODED = "semantic_dn.percent_encoded"
REPLACEMENT_CHARACTER = "semantic_dn.replacement_character"
MOJIBAKE = "semantic_dn.mojibake"
POSSIBLE_MOJIBAKE = "semantic_dn.possible_mojibake"

CODES = (PERCENT_ENCODED, REPLACEMENT_CHARACTER, MOJIBAKE, POSSIBLE_MOJIBAKE)

# Country codes and domain labels cannot hold any of this (pkilint checks their syntax).
NOT_APPLICABLE = attributes.CODED_ATTRIBUTES
# The local part of an e-mail address may contain `%` (source routing: `user%host@relay`).
NO_PERCENT_CHECK = frozenset({attributes.EMAIL_ADDRESS})


# --- Percent-encoding ---------------------------------------------------------------------------

# Bytes that are URL-encoded because they are separators, quotes or white space: they never
# stand encoded in a name. A lone `%AD` or `%DE` is left alone (`30%DE` may be text).
_PERCENT_MARKERS = frozenset(b" \t\n\r\"#%&'+,/:;<=>@\\") | frozenset(range(0x20))


def find_percent_encoding(view: str) -> str | None:
    """The first run of `%XX` escapes that encodes a separator or UTF-8 text."""
    at, seen = view.find("%"), 0
    while at != -1 and seen < MAX_OCCURRENCES:
        seen += 1
        raw = bytearray()
        i = at
        while (
            i + 2 < len(view)
            and view[i] == "%"
            and view[i + 1] in normalise.HEX_DIGITS
            and view[i + 2] in normalise.HEX_DIGITS
            and len(raw) < MAX_SNIPPET
        ):
            raw.append(int(view[i + 1 : i + 3], 16))
            i += 3
        if raw:
            if any(b in _PERCENT_MARKERS for b in raw):
                return view[at:i]
            if any(b >= 0x80 for b in raw):
                try:
                    decoded = raw.decode("utf-8")
                except UnicodeDecodeError:
                    decoded = ""
                if decoded and not decoded.isascii():
                    return view[at:i]
        at = view.find("%", max(i, at + 1))
    return None


# --- Mojibake -----------------------------------------------------------------------------------

# Characters a UTF-8 byte becomes when the bytes are read as Windows-1252 (or Latin-1, whose
# 0x80-0x9F are C1 controls): char -> byte. Built once.
_BYTE_OF: dict[str, int] = {}
for _b in range(0x80, 0x100):
    _BYTE_OF[chr(_b)] = _b
    try:
        _BYTE_OF[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass
del _b
# Maps the Windows-1252 characters outside Latin-1 to the Latin-1 character of their byte, so
# `str.translate` + `encode("latin-1")` give the original bytes in C.
_TO_LATIN1 = {ord(c): chr(b) for c, b in _BYTE_OF.items() if ord(c) > 0xFF}
_CONTINUATION = "".join(c for c, b in _BYTE_OF.items() if 0x80 <= b <= 0xBF)
# A lead byte of a multi-byte UTF-8 sequence (C2-F4, all Latin-1 letters) followed by one to
# three continuation bytes: fixed length, so the scan is linear.
_CANDIDATE = re.compile(
    "[\u00c2-\u00f4][" + re.escape(_CONTINUATION) + "]{1,3}",
)
# Latin-1/cp1252 leads of the classic forms: `Ã¼` (Latin-1 letters), `Â©` (Latin-1 symbols),
# `â€™` (general punctuation).
_CLASSIC_LEADS = frozenset("ÂÃâ")


def _plausible(c: str) -> bool:
    """Whether a character decoded from a suspected mojibake sequence is a likely original."""
    cp = ord(c)
    if cp < 0xA0 or 0x250 <= cp <= 0x36F or c == "\ufffd":
        return False
    category = unicodedata.category(c)
    if category[0] in "CM":
        return False
    if cp <= 0x24F:
        return True
    if cp <= 0x7FF:
        # Greek, Cyrillic, Armenian, Hebrew, Arabic letters; not the rarer scripts whose
        # sequences also arise from accented capitals before symbols (`ß–`).
        return category[0] == "L" and cp <= 0x6FF
    return category[0] in "LNPS" or category == "Zs"


def _expected_length(lead: str) -> int:
    b = _BYTE_OF[lead]
    return 2 if b < 0xE0 else 3 if b < 0xF0 else 4


def redecoded(value: str) -> str | None:
    """The value re-decoded as UTF-8, when the whole value is UTF-8 read as cp1252/Latin-1."""
    try:
        raw = value.translate(_TO_LATIN1).encode("latin-1")
        decoded = raw.decode("utf-8")
    except UnicodeError:
        return None
    if len(decoded) >= len(value):
        return None
    for i, c in enumerate(decoded):
        if not c.isascii() and not (
            _plausible(c)
            and _fits_neighbours(c, decoded[i - 1 : i], decoded[i + 1 : i + 2])
        ):
            return None
    return decoded


def _is_latin_letter(c: str) -> bool:
    return c.isalpha() and (c.isascii() or "\u00c0" <= c <= "\u024f")


def _fits_neighbours(c: str, before: str, after: str) -> bool:
    """A Greek, Cyrillic, Hebrew or Arabic letter is not written inside a Latin word: Czech
    `Úžice` re-decodes to Arabic `ڞice`, which no name is."""
    if not "\u0370" <= c <= "\u07ff":
        return True
    return not (before and _is_latin_letter(before)) and not (
        after and _is_latin_letter(after)
    )


def mojibake_sequences(value: str) -> list[tuple[str, str]]:
    """(sequence, decoded character) of plausible mojibake sequences, at most a few."""
    found = []
    for n, match in enumerate(_CANDIDATE.finditer(value)):
        if n >= MAX_OCCURRENCES or len(found) >= 4:
            break
        text = match.group()
        need = _expected_length(text[0])
        if len(text) < need:
            continue
        sequence = text[:need]
        try:
            decoded = bytes(_BYTE_OF[c] for c in sequence).decode("utf-8")
        except UnicodeDecodeError:
            continue
        start, end = match.start(), match.start() + need
        if _plausible(decoded) and _fits_neighbours(
            decoded, value[start - 1 : start] if start else "", value[end : end + 1]
        ):
            found.append((sequence, decoded))
    return found


# --- The check ----------------------------------------------------------------------------------


@rule(
    PERCENT_ENCODED,
    severity="ERROR",
    why="Percent-encoded separators, quotes, white space or UTF-8 text (`%2C`, `%20`, "
    "`%C3%BC`) never stand in a name; a lone `%DE` after a number is left alone.",
    description="The value contains URL percent-encoding of separators, quotes, white "
    "space or UTF-8 text (%2C, %20, %3D, %C3%BC)",
    citation=citations.SUBJECT_INFORMATION,
    example="ST=Tokyo%2C%20C%3DJP",
    attributes=None,
    never=NOT_APPLICABLE,
    plain=False,
    also=(
        finding(
            REPLACEMENT_CHARACTER,
            severity="ERROR",
            why="Characters of the name were irrecoverably lost in decoding; pkimetal "
            "reports it as an error too.",
            description="The value contains the Unicode replacement character U+FFFD (or "
            "its Latin-1 reading 'ï¿½'): characters of the name were lost",
            citation=citations.SUBJECT_INFORMATION
            + "; characters were lost in decoding (pkimetal: Error)",
            example="L=M\ufffdnchen",
        ),
        finding(
            MOJIBAKE,
            severity="WARNING",
            why="The whole value re-decodes as UTF-8 into a shorter, plausible text: very "
            "likely mojibake, but not provable (pkimetal's ftfy check warns likewise).",
            description="The whole value is UTF-8 text that was decoded as Windows-1252 or "
            "Latin-1 (mojibake); re-decoded it gives a shorter, plausible text",
            citation=citations.SUBJECT_INFORMATION + "; Sectigo Bugzilla 1724458",
            example="L=MÃ¼nchen",
        ),
        finding(
            POSSIBLE_MOJIBAKE,
            severity="NOTICE",
            why="Only some sequences of a mixed value look like mojibake: a heuristic, the "
            "rest of the value may be the intended text.",
            description="Part of the value looks like UTF-8 decoded as Windows-1252 or "
            "Latin-1 (Ã¼, Â©, â€™ and similar sequences)",
            citation=citations.SUBJECT_INFORMATION
            + "; Sectigo Bugzilla 1724458; heuristic",
            example="O=株式会社 MÃ¼nchen",
        ),
    ),
    examples=(
        "ST=Tokyo%2C%20C%3DJP",
        "L=M%C3%BCnchen",
        "L=M\ufffdnchen",
        "L=MÃ¼nchen",
        "O=株式会社 MÃ¼nchen",
    ),
    near_misses=(
        "O=100% Pure Juice Ltd",
        "O=Save 30%DE",
        "L=SÃO PAULO",
        "L=Úžice",
        "E=jane%example.net@example.com",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Percent-encoding, the replacement character and mojibake."""
    if attribute_oid in NOT_APPLICABLE or not value:
        return []
    if value.isascii() and "%" not in value:  # the common case: nothing to find
        return []
    own = attributes.attribute_name(attribute_oid)
    hits = []

    if "%" in value and attribute_oid not in NO_PERCENT_CHECK:
        encoded = find_percent_encoding(value[:MAX_ANALYSED])
        if encoded is not None:
            hits.append(Hit(PERCENT_ENCODED, _percent_message(own, value, encoded)))

    if value.isascii():
        return hits

    if "\ufffd" in value or "ï¿½" in value:
        which = "U+FFFD" if "\ufffd" in value else '"ï¿½" (U+FFFD read as Latin-1)'
        hits.append(
            Hit(
                REPLACEMENT_CHARACTER,
                f"{own} value {quote(value)} contains the replacement character {which}: "
                "characters were lost when the value was decoded",
            )
        )
        return hits

    head = value[:MAX_ANALYSED]
    decoded = redecoded(head)
    if decoded is not None:
        hits.append(
            Hit(
                MOJIBAKE,
                f"{own} value {quote(value)} is UTF-8 text decoded as Windows-1252 or "
                f"Latin-1 (mojibake); decoded as UTF-8 it reads {quote(decoded)}",
            )
        )
        return hits

    sequences = mojibake_sequences(head)
    if len(sequences) >= 2 or any(s[0] in _CLASSIC_LEADS for s, _ in sequences):
        shown = ", ".join(f"{quote(s)} -> {quote(d)}" for s, d in sequences[:3])
        hits.append(
            Hit(
                POSSIBLE_MOJIBAKE,
                f"{own} value {quote(value)} contains character sequences that look like "
                f"UTF-8 decoded as Windows-1252 or Latin-1: {shown}",
            )
        )
    return hits


def _percent_message(own: str, value: str, encoded: str) -> str:
    decoded = urllib.parse.unquote(value[:MAX_ANALYSED], errors="replace")
    message = (
        f"{own} value {quote(value)} contains the percent-encoded (URL-encoded) "
        f"characters {quote(encoded[:MAX_SNIPPET])}; decoded it reads {quote(decoded)}"
    )
    if "=" in decoded:
        found = find_assignments(decoded)
        if found:
            a = found[0]
            message += (
                f", which embeds the attribute assignment {quote(a.text)} ({a.name})"
            )
    return message
