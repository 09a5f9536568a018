"""Rule family 5: structured data, templates and encodings leaking into an attribute value.

Values that went through a form, a template, a URL or a wrong character decoding on their way
into the certificate, and kept the traces: a JSON object (`{"ST": "Tokyo"}`), a form label
(`State: Tokyo`), an unsubstituted template variable (`${state}`, `{{city}}`, `%s`), quotes
around the whole value (`"Tokyo"`), URL percent-encoding (`Tokyo%2C%20C%3DJP`), the Unicode
replacement character U+FFFD, or UTF-8 read as Windows-1252 / Latin-1 (`MÃ¼nchen` for
`München`; Sectigo, Bugzilla 1724458, 41 certificates).

HTML entities (`&amp;`) are stock pkilint's `cabf.name.attribute_value_contains_html_entity`,
and `KEYWORD=value` is family 1 (`embedded.py`); neither is repeated here.

All scans are linear and bounded: `str.find` loops over at most `_MAX_OCCURRENCES` positions,
walks of at most `_MAX_LABEL` characters, and one compiled pattern of fixed length (a lead
character and at most three continuation characters, no nested repetition).
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse

from pkilint_semantic_dn import attributes
from pkilint_semantic_dn.rules import (
    Hit,
    Subject,
    embedded,
    normalise,
    quote,
    scope,
    subject_values,
)

STRUCTURED_DATA = "semantic_dn.structured_data"
TEMPLATE_PLACEHOLDER = "semantic_dn.template_placeholder"
FIELD_LABEL = "semantic_dn.field_label"
POSSIBLE_FIELD_LABEL = "semantic_dn.possible_field_label"
QUOTED_VALUE = "semantic_dn.quoted_value"
POSSIBLE_QUOTED_VALUE = "semantic_dn.possible_quoted_value"
PERCENT_ENCODED = "semantic_dn.percent_encoded"
REPLACEMENT_CHARACTER = "semantic_dn.replacement_character"
MOJIBAKE = "semantic_dn.mojibake"
POSSIBLE_MOJIBAKE = "semantic_dn.possible_mojibake"

CODES = (
    STRUCTURED_DATA,
    TEMPLATE_PLACEHOLDER,
    FIELD_LABEL,
    POSSIBLE_FIELD_LABEL,
    QUOTED_VALUE,
    POSSIBLE_QUOTED_VALUE,
    PERCENT_ENCODED,
    REPLACEMENT_CHARACTER,
    MOJIBAKE,
    POSSIBLE_MOJIBAKE,
)

# Country codes and domain labels cannot hold any of this (pkilint checks their syntax).
NOT_APPLICABLE = attributes.CODED_ATTRIBUTES
# Free text, where "Note: ..." or a quotation is normal: no label or quote checks.
FREE_TEXT = frozenset({"2.5.4.13"})  # description
# The local part of an e-mail address may contain `%` (source routing: `user%host@relay`).
NO_PERCENT_CHECK = frozenset({attributes.EMAIL_ADDRESS})

# Real values are at most a few hundred characters (X.520 upper bounds); the structure scans
# read this much of a value, so hostile input costs a bounded amount of work.
_MAX_ANALYSED = 4096
_MAX_OCCURRENCES = 64
_MAX_LABEL = 40
_MAX_TEMPLATE = 64

_SEPARATORS = frozenset(",;|/")
_IDENTIFIER_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_IDENTIFIER = _IDENTIFIER_START | frozenset("0123456789")
_LABEL_CHARS = _IDENTIFIER | frozenset(" .-/'")


# --- Labels -------------------------------------------------------------------------------------


def label_key(text: str) -> str:
    """`Zip_Code`, `zip-code`, `ZIP CODE` -> `zip code`."""
    for c in "_-":
        text = text.replace(c, " ")
    return " ".join(text.replace(".", "").split()).casefold()


# Form and export labels that name a DN field, with the attribute they name. English, and the
# few German, French and Spanish labels seen on registration forms. Only used where a label can
# stand: at the start of a value or after a separator, followed by `:` or `=`.
_ENGLISH_LABELS = {
    "stateOrProvinceName": (
        "state",
        "province",
        "state or province",
        "state/province",
        "state or province name",
        "county",
        "region",
        "prefecture",
        "bundesland",
        "provincia",
        "estado",
    ),
    "localityName": (
        "city",
        "town",
        "locality",
        "locality name",
        "city name",
        "district",
        "stadt",
        "ort",
        "ville",
        "ciudad",
    ),
    "countryName": ("country", "country name", "country code", "land", "pays", "pais"),
    "organizationName": (
        "organization",
        "organisation",
        "organization name",
        "organisation name",
        "company",
        "company name",
        "firma",
        "empresa",
        "societe",
    ),
    "organizationalUnitName": (
        "organizational unit",
        "organisational unit",
        "organizational unit name",
        "organisational unit name",
    ),
    "commonName": ("common name",),
    "streetAddress": ("street", "street address", "address", "strasse", "adresse"),
    "postalCode": (
        "postal code",
        "postcode",
        "post code",
        "zip",
        "zip code",
        "zipcode",
        "plz",
        "code postal",
    ),
    "emailAddress": ("email", "e mail", "email address", "e mail address"),
    "serialNumber": ("serial number", "registration number"),
}
LABELS: dict[str, str] = {
    label_key(label): name
    for name, labels in _ENGLISH_LABELS.items()
    for label in labels
}
_MAX_LABEL_KEY = max(len(k) for k in LABELS)


class Label:
    __slots__ = ("text", "name", "oid", "single_letter", "english")

    def __init__(self, text, name, oid, single_letter, english):
        self.text, self.name, self.oid = text, name, oid
        self.single_letter, self.english = single_letter, english


def _lookup_label(text: str, allow_keywords: bool) -> Label | None:
    text = text.strip()
    if not text or not text[0].isalnum():
        return None
    attribute = attributes.lookup_keyword(text)  # also dotted OIDs: `2.5.4.8: Tokyo`
    if attribute is not None:
        if not allow_keywords:
            return None  # `STREET=`, `EMAIL=`: a DN keyword before `=` is family 1's
        return Label(text, attribute.name, attribute.oid, len(text) == 1, False)
    if not text[0].isalpha():
        return None
    name = LABELS.get(label_key(text)) if len(text) <= _MAX_LABEL_KEY + 8 else None
    if name is not None:
        return Label(text, name, None, False, True)
    return None


def _label_before(view: str, at: int) -> tuple[Label | None, int, bool]:
    """The label that ends just before view[at] (a `:` or `=`), where it starts, and whether
    it was quoted. A label starts the value or follows a separator or an opening bracket.
    """
    keywords = view[at] == ":"  # `KEYWORD=` is family 1's
    j = at - 1
    while j >= 0 and view[j] == " ":
        j -= 1
    quoted = j >= 0 and view[j] in "\"'"
    if quoted:
        end = j
        j = view.rfind(view[end], max(0, end - _MAX_LABEL), end)
        if j == -1:
            return None, -1, False
        start, text = j, view[j + 1 : end]
        keywords = True
        j -= 1
    else:
        end = j + 1
        while j >= 0 and view[j] in _LABEL_CHARS and end - j <= _MAX_LABEL:
            j -= 1
        if end - j > _MAX_LABEL:
            return None, -1, False
        start = j + 1
        while start < end and view[start] == " ":
            start += 1
        text = view[start:end]
    k = j
    while k >= 0 and view[k] == " ":
        k -= 1
    if k < 0 or view[k] in _SEPARATORS or view[k] in "{[(":
        label = _lookup_label(text, keywords)
        if label is not None:
            return label, start, quoted
    # "Tokyo/State: X": the walk went over the separator "/"; the part after it may be one.
    if not quoted and "/" in text:
        tail = text.rsplit("/", 1)[1].lstrip()
        label = _lookup_label(tail, keywords)
        if label is not None:
            return label, end - len(tail), False
    return None, -1, False


_OID_BY_NAME = {a.name: a.oid for a in attributes.ATTRIBUTE_TYPES}


# One-word labels that are also ordinary words of unit and organisation names (`Region: EMEA`,
# `Country: Music`): certain only in their own attribute or before the subject's own value.
_COMMON_WORD_LABELS = frozenset(
    label_key(w)
    for w in (
        "state",
        "province",
        "county",
        "region",
        "prefecture",
        "estado",
        "provincia",
        "city",
        "town",
        "district",
        "locality",
        "stadt",
        "ort",
        "ville",
        "ciudad",
        "country",
        "land",
        "pays",
        "pais",
        "organization",
        "organisation",
        "company",
        "firma",
        "empresa",
        "societe",
        "street",
        "address",
        "adresse",
        "strasse",
        "zip",
    )
)
# The EV jurisdiction fields carry the same kind of information as their namesakes.
_SAME_KIND = {
    attributes.JURISDICTION_STATE_OR_PROVINCE_NAME: attributes.STATE_OR_PROVINCE_NAME,
    attributes.JURISDICTION_LOCALITY_NAME: attributes.LOCALITY_NAME,
    attributes.JURISDICTION_COUNTRY_NAME: attributes.COUNTRY_NAME,
}


def _label_is_certain(label: Label, after: str, own_oid: str, subject: Subject) -> bool:
    """A form label that no name uses (`Zip Code:`), one in its own attribute (`State:` in
    stateOrProvinceName), or one followed by the subject's own value of that type."""
    if label_key(label.text.rstrip(":= ")) not in _COMMON_WORD_LABELS:
        return True
    oid = _OID_BY_NAME.get(label.name)
    if oid is None or oid == _SAME_KIND.get(own_oid, own_oid):
        return True
    named = Label(label.text, label.name, oid, False, True)
    return _repeats_subject(named, after, own_oid, subject)


def _repeats_subject(label: Label, after: str, own_oid: str, subject: Subject) -> bool:
    if label.oid is None or label.oid == own_oid:
        return False
    stop = len(after)
    for i, c in enumerate(after[:_MAX_TEMPLATE]):
        if c in _SEPARATORS:
            stop = i
            break
    wanted = after[:stop].strip().casefold()
    return bool(wanted) and any(
        v.strip().casefold() == wanted for v in subject_values(subject, label.oid)
    )


def find_labels(view: str) -> list[tuple[Label, str, bool, int]]:
    """(label, text as written incl. the `:`/`=`, quoted, position) of every field label."""
    found = []
    for mark in ":=":
        at = view.find(mark)
        seen = 0
        while at != -1 and seen < _MAX_OCCURRENCES:
            seen += 1
            # `KEYWORD=` belongs to family 1; here `=` only after an English label.
            label, start, quoted = _label_before(view, at)
            if label is not None and (mark == ":" or label.english or quoted):
                found.append((label, view[start : at + 1].strip(), quoted, start))
            at = view.find(mark, at + 1)
    found.sort(key=lambda f: f[3])
    return found


# --- Structures ---------------------------------------------------------------------------------


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] == " ":
        i += 1
    return i


def _read_identifier(text: str, i: int, limit: int = _MAX_LABEL) -> int:
    """End of the identifier starting at i (i itself when there is none)."""
    if i >= len(text) or text[i] not in _IDENTIFIER_START:
        return i
    j = i + 1
    while j < len(text) and j - i < limit and text[j] in _IDENTIFIER:
        j += 1
    return j


def _quoted_end(text: str, i: int) -> int:
    """Index after the closing quote of a string starting at text[i], or -1."""
    if i >= len(text) or text[i] not in "\"'":
        return -1
    close = text.find(text[i], i + 1, i + 2 + _MAX_TEMPLATE)
    return close + 1 if close != -1 else -1


def find_structure(view: str) -> str | None:
    """A JSON/JS object, a JSON array of strings, or an XML element in the value."""
    at, seen = view.find("{"), 0
    while at != -1 and seen < _MAX_OCCURRENCES:
        seen += 1
        i = _skip_spaces(view, at + 1)
        end = _quoted_end(view, i)
        if end == -1:
            end = _read_identifier(view, i)
            end = -1 if end == i else end
        if end != -1:
            j = _skip_spaces(view, end)
            if j < len(view) and view[j] == ":":
                return _snippet(view, at, "}")
        at = view.find("{", at + 1)
    at, seen = view.find("["), 0
    while at != -1 and seen < _MAX_OCCURRENCES:
        seen += 1
        i = _skip_spaces(view, at + 1)
        end = _quoted_end(view, i)
        if end != -1:
            j = _skip_spaces(view, end)
            if j < len(view) and view[j] in ",]":
                return _snippet(view, at, "]")
        at = view.find("[", at + 1)
    at, seen = view.find("</"), 0
    while at != -1 and seen < _MAX_OCCURRENCES:
        seen += 1
        end = _read_identifier(view, at + 2)
        if end > at + 2 and end < len(view) and view[end] == ">":
            opening = "<" + view[at + 2 : end] + ">"
            if opening in view[:at]:
                return view[view.rfind(opening, 0, at) : end + 1][: _MAX_TEMPLATE * 2]
        at = view.find("</", at + 1)
    return None


def _snippet(view: str, start: int, closing: str) -> str:
    stop = view.find(closing, start, start + 2 * _MAX_TEMPLATE)
    return view[start : stop + 1] if stop != -1 else view[start : start + _MAX_TEMPLATE]


# --- Templates ----------------------------------------------------------------------------------

# Names a template gives the fields of a DN (after label_key folding, without spaces).
_TEMPLATE_NAMES = frozenset(
    {k.replace(" ", "") for k in LABELS}
    # (single letters are left out: `<E> Design` is a name, not a variable)
    | {k for k in attributes.KEYWORDS if len(k) > 1 and not k[0].isdigit()}
    | {
        "hostname",
        "host",
        "domain",
        "domainname",
        "fqdn",
        "name",
        "org",
        "orgname",
        "value",
        "username",
        "user",
        "countrycode",
        "statecode",
        "cityname",
    }
)


def _template_name(text: str) -> bool:
    key = label_key(text).replace(" ", "")
    for prefix in ("your", "my", "the"):
        if key.startswith(prefix) and key[len(prefix) :] in _TEMPLATE_NAMES:
            return True
    return key in _TEMPLATE_NAMES or key.isdigit()


def _find_between(view: str, opening: str, closing: str, accept) -> str | None:
    at, seen = view.find(opening), 0
    while at != -1 and seen < _MAX_OCCURRENCES:
        seen += 1
        inner_start = at + len(opening)
        stop = view.find(
            closing, inner_start, inner_start + _MAX_TEMPLATE + len(closing)
        )
        if stop != -1 and accept(view, at, view[inner_start:stop], stop + len(closing)):
            return view[at : stop + len(closing)]
        at = view.find(opening, at + 1)
    return None


def _identifier_like(inner: str) -> bool:
    inner = inner.strip()
    return bool(inner) and all(c in _IDENTIFIER or c in " .-" for c in inner)


def _boundary(view: str, i: int) -> bool:
    """Whether view[i] is the end of the value or not a letter or digit."""
    return i < 0 or i >= len(view) or not view[i].isalnum()


def find_template(view: str) -> str | None:
    """An unsubstituted template variable: ${state}, {{city}}, %s, {state}, <state>."""
    found = _find_between(
        view, "${", "}", lambda v, a, inner, e: _identifier_like(inner)
    ) or _find_between(
        view,
        "{{",
        "}}",
        lambda v, a, inner, e: _identifier_like(inner.strip().lstrip(".$")),
    )
    if found:
        return found
    found = _find_between(
        view,
        "{",
        "}",
        lambda v, a, inner, e: (a == 0 or v[a - 1] not in "{$")
        and _template_name(inner),
    )
    if found:
        return found
    found = _find_between(
        view,
        "<",
        ">",
        lambda v, a, inner, e: inner[:1].isalpha()
        and _identifier_like(inner)
        and _template_name(inner)
        and (a == 0 or not v[a - 1].isalnum())
        and _boundary(v, e),
    )
    if found:
        return found
    at, seen = view.find("%"), 0
    while at != -1 and seen < _MAX_OCCURRENCES:
        seen += 1
        nxt = view[at + 1 : at + 2]
        if nxt in ("s", "d") and _boundary(view, at - 1) and _boundary(view, at + 2):
            return view[at : at + 2]
        if nxt == "(":
            end = _read_identifier(view, at + 2)
            if end > at + 2 and view[end : end + 2] in (")s", ")d"):
                return view[at : end + 2]
        at = view.find("%", at + 1)
    return None


# --- Quotes -------------------------------------------------------------------------------------

_QUOTE_PAIRS = {'"': '"', "'": "'", "`": "`", "“": "”", "‘": "’"}
# Single quotes also transliterate Arabic ʿayn and hamza at both ends of a real name
# (`‘Uyūn al Jiwā’`, Saudi Arabia): only a heuristic there.
_SINGLE_QUOTES = frozenset("'`‘")
# Inside a value wrapped in these, the same character between two letters is an apostrophe
# (`'St. John's'`), not a closing quote.
_APOSTROPHES = frozenset("'’")


def is_wrapped_in_quotes(text: str) -> bool:
    """`"Tokyo"`, `'Tokyo'`, `“Tokyo”`; not `St. John's`, `The "Best" Company`, `"A" and "B"`."""
    if len(text) < 3:
        return False
    closing = _QUOTE_PAIRS.get(text[0])
    if closing is None or text[-1] != closing:
        return False
    inner = text[1:-1]
    if not inner.strip() or not any(c.isalnum() for c in inner[:_MAX_ANALYSED]):
        return False
    for q in {text[0], closing}:
        at = inner.find(q)
        while at != -1:
            between_letters = (
                q in _APOSTROPHES
                and 0 < at < len(inner) - 1
                and inner[at - 1].isalpha()
                and inner[at + 1].isalpha()
            )
            if not between_letters:
                return False
            at = inner.find(q, at + 1)
    return True


# --- Percent-encoding ---------------------------------------------------------------------------

# Bytes that are URL-encoded because they are separators, quotes or white space: they never
# stand encoded in a name. A lone `%AD` or `%DE` is left alone (`30%DE` may be text).
_PERCENT_MARKERS = frozenset(b" \t\n\r\"#%&'+,/:;<=>@\\") | frozenset(range(0x20))


def find_percent_encoding(view: str) -> str | None:
    """The first run of `%XX` escapes that encodes a separator or UTF-8 text."""
    at, seen = view.find("%"), 0
    while at != -1 and seen < _MAX_OCCURRENCES:
        seen += 1
        raw = bytearray()
        i = at
        while (
            i + 2 < len(view) + 0
            and view[i] == "%"
            and view[i + 1] in normalise.HEX_DIGITS
            and view[i + 2] in normalise.HEX_DIGITS
            and len(raw) < _MAX_TEMPLATE
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
        if n >= _MAX_OCCURRENCES or len(found) >= 4:
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


# --- The checks ---------------------------------------------------------------------------------

# Characters every structure starts with; one character-class search (runs on every value).
_STRUCTURE_TRIGGER = re.compile("[" + re.escape("{[<$%:=\"'`“‘") + "]")


@scope(never=NOT_APPLICABLE, plain=False)
def check_structure(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """JSON and XML structures, field labels, template variables and wrapping quotes."""
    if attribute_oid in NOT_APPLICABLE or not value:
        return []
    head = value[:_MAX_ANALYSED]
    if head.isascii() and not _STRUCTURE_TRIGGER.search(head):
        return []
    view, transformation = normalise.parser_view(head)
    how = f", after {transformation}," if transformation else ""
    own = attributes.attribute_name(attribute_oid)
    hits = []

    structure = find_structure(view)
    if structure is not None:
        hits.append(
            Hit(
                STRUCTURED_DATA,
                f"{own} value {quote(value)} contains{how} the data structure "
                f"{quote(structure)}",
            )
        )

    template = find_template(view)
    if template is not None:
        hits.append(
            Hit(
                TEMPLATE_PLACEHOLDER,
                f"{own} value {quote(value)} contains{how} the unsubstituted template "
                f"variable {quote(template)}",
            )
        )

    if attribute_oid not in FREE_TEXT:
        hits.extend(
            _label_hits(attribute_oid, value, view, how, own, subject, structure)
        )
        stripped = view.strip()
        if structure is None and is_wrapped_in_quotes(stripped):
            hits.append(
                Hit(
                    (
                        POSSIBLE_QUOTED_VALUE
                        if stripped[0] in _SINGLE_QUOTES
                        else QUOTED_VALUE
                    ),
                    f"{own} value {quote(value)} is wrapped{how} in quotation marks "
                    f"{stripped[0]}...{stripped[-1]}",
                )
            )
    return hits


def _label_hits(attribute_oid, value, view, how, own, subject, structure) -> list[Hit]:
    labels = find_labels(view)
    if not labels:
        return []
    if structure is not None:
        # `{"ST": "Tokyo"}` is reported once, as a structure.
        return []
    certain = []
    possible = []
    for label, text, quoted, start in labels:
        after = view[start + len(text) :]
        if quoted:
            return [
                Hit(
                    STRUCTURED_DATA,
                    f"{own} value {quote(value)} contains{how} the quoted key "
                    f"{quote(text)} ({label.name}) of a data structure",
                )
            ]
        repeats = label.single_letter and _repeats_subject(
            label, after, attribute_oid, subject
        )
        if label.single_letter and not repeats and after[:1] not in ("", " "):
            continue  # Swedish `S:t Karins`, `S:ta Maria` (Sankt, Santa): no label
        if label.single_letter and start == 0 and not repeats:
            possible.append((label, text))
        elif label.english and not _label_is_certain(
            label, after, attribute_oid, subject
        ):
            # `Department: IT`, `Region: EMEA` are plausible unit names: a form label is
            # certain only where it names the attribute itself or repeats the subject.
            possible.append((label, text))
        else:
            certain.append((label, text))
    if certain:
        label, text = certain[0]
        return [
            Hit(
                FIELD_LABEL,
                f"{own} value {quote(value)} contains{how} the field label "
                f"{quote(text)} ({label.name})",
            )
        ]
    if not possible:
        return []
    label, text = possible[0]
    return [
        Hit(
            POSSIBLE_FIELD_LABEL,
            f"{own} value {quote(value)} starts{how} with {quote(text)}, which may be "
            f"the field label of {label.name}",
        )
    ]


@scope(never=NOT_APPLICABLE, plain=False)
def check_encoding(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Percent-encoding, the replacement character and mojibake."""
    if attribute_oid in NOT_APPLICABLE or not value:
        return []
    if value.isascii() and "%" not in value:  # the common case: nothing to find
        return []
    own = attributes.attribute_name(attribute_oid)
    hits = []

    if "%" in value and attribute_oid not in NO_PERCENT_CHECK:
        encoded = find_percent_encoding(value[:_MAX_ANALYSED])
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

    head = value[:_MAX_ANALYSED]
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
    decoded = urllib.parse.unquote(value[:_MAX_ANALYSED], errors="replace")
    message = (
        f"{own} value {quote(value)} contains the percent-encoded (URL-encoded) "
        f"characters {quote(encoded[:_MAX_TEMPLATE])}; decoded it reads {quote(decoded)}"
    )
    if "=" in decoded:
        found = embedded.find_assignments(decoded)
        if found:
            a = found[0]
            message += (
                f", which embeds the attribute assignment {quote(a.text)} ({a.name})"
            )
    return message


@scope(never=NOT_APPLICABLE, plain=False)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Every family 5 check on one value."""
    return check_structure(attribute_oid, value, subject) + check_encoding(
        attribute_oid, value, subject
    )
