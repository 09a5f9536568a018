"""Finds form, export and template syntax in a value: `{"ST": "Tokyo"}`, `${state}`.

Values that went through a form, a template or an export on their way into the certificate,
and kept the traces: a JSON or JavaScript object, a JSON array of strings or an XML element
(`{"ST": "Tokyo"}`, `<O>Example</O>`), a field label (`State: Tokyo`,
`stateOrProvinceName: Tokyo`, `City=Tokyo`), an unsubstituted template variable (`${state}`,
`{{city}}`, `%s`, `{state}`, `<state>`), quotes around the whole value (`"Tokyo"`). The value
is looked at as a DN parser would see it (after NFKC folding and RFC 4514 unescaping).

Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- each present subject attribute MUST contain the
Subject's information of its type (S/MIME BR 7.1.4.2.2 likewise); and "subject Attributes
MUST NOT contain ... any other indication that the value is absent, incomplete, or not
applicable", which an unsubstituted template variable is.

Severity: ERROR for structures, template variables and field labels (a DN keyword or a form
label of several letters, followed by `:`; a form label followed by `=`): no real name has
these shapes, and the value is not the information itself. NOTICE for a single-letter keyword
and `:` at the very start (`S: ...`, `E: ...` could be a name), unless what follows repeats
the subject's attribute of that type (Swedish `S:t Karins`, with no space after the colon, is
never a label). A form label that is also an ordinary word of unit and organisation names
(`Region: EMEA`, `Country: Music`) is certain only in its own attribute (`State:` in
stateOrProvinceName) or before the subject's own value of that type; elsewhere it is a NOTICE.
WARNING for a value wrapped in double quotes: almost certainly CSV/JSON/shell quoting, but a
registered name could in principle be quoted. NOTICE for single quotes, which also
transliterate Arabic ʿayn and hamza at both ends of real names (`‘Uyūn al Jiwā’`).
Apostrophes inside words (`St. John's`) and inner quotes (`The "Best" Company`) are not
wrapping.

Never looked at: countryName, jurisdictionCountryName and domainComponent (pkilint checks
their syntax). The description attribute (free text, where `Note: ...` or a quotation is
normal) is exempt from the label and quote checks. HTML entities (`&amp;`) are stock pkilint's
`cabf.name.attribute_value_contains_html_entity` and `KEYWORD=value` is
embedded_attribute_assignment's; neither is repeated here.

The form labels (English, and the few German, French and Spanish labels seen on registration
forms) are in `data/field_labels.csv`, the template variable names beyond them in
`data/template_variable_names.csv`. All scans are linear and bounded (`core.scan_limits`):
`str.find` loops over at most `MAX_OCCURRENCES` positions and walks of at most `_MAX_LABEL`
characters.
"""

from __future__ import annotations

import re

from pkilint_semantic_dn.core import attributes, citations, normalise
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.scan_limits import (
    MAX_ANALYSED,
    MAX_OCCURRENCES,
    MAX_SNIPPET,
)
from pkilint_semantic_dn.core.subject import Subject, as_subject
from pkilint_semantic_dn.core.text import quote
from pkilint_semantic_dn.core.words import read_table

STRUCTURED_DATA = "semantic_dn.structured_data"
TEMPLATE_PLACEHOLDER = "semantic_dn.template_placeholder"
FIELD_LABEL = "semantic_dn.field_label"
POSSIBLE_FIELD_LABEL = "semantic_dn.possible_field_label"
QUOTED_VALUE = "semantic_dn.quoted_value"
POSSIBLE_QUOTED_VALUE = "semantic_dn.possible_quoted_value"

CODES = (
    STRUCTURED_DATA,
    TEMPLATE_PLACEHOLDER,
    FIELD_LABEL,
    POSSIBLE_FIELD_LABEL,
    QUOTED_VALUE,
    POSSIBLE_QUOTED_VALUE,
)

# Country codes and domain labels cannot hold any of this (pkilint checks their syntax).
NOT_APPLICABLE = attributes.CODED_ATTRIBUTES
# Free text, where "Note: ..." or a quotation is normal: no label or quote checks.
FREE_TEXT = frozenset({"2.5.4.13"})  # description

_MAX_LABEL = 40

_SEPARATORS = frozenset(",;|/")
_IDENTIFIER_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_IDENTIFIER = _IDENTIFIER_START | frozenset("0123456789")
_LABEL_CHARS = _IDENTIFIER | frozenset(" .-/'")

_BR_ABSENT = (
    "TLS BR 7.1.2.7.2-7.1.2.7.4: subject Attributes MUST NOT contain only metadata ... "
    "and/or any other indication that the value is absent, incomplete, or not applicable"
)


# --- Labels -------------------------------------------------------------------------------------


def label_key(text: str) -> str:
    """`Zip_Code`, `zip-code`, `ZIP CODE` -> `zip code`."""
    for c in "_-":
        text = text.replace(c, " ")
    return " ".join(text.replace(".", "").split()).casefold()


# Form and export labels that name a DN field (label, attribute name, language, common_word).
# Only used where a label can stand: at the start of a value or after a separator, followed by
# `:` or `=`.
_LABEL_ROWS = read_table("field_labels.csv")
LABELS: dict[str, str] = {label_key(r["label"]): r["attribute"] for r in _LABEL_ROWS}
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
            return None  # `STREET=`, `EMAIL=`: a DN keyword before `=` is the embedded rule's
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
    keywords = view[at] == ":"  # `KEYWORD=` is embedded_attribute_assignment's
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
    label_key(r["label"]) for r in _LABEL_ROWS if r["common_word"] == "yes"
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


def _folded_values(subject: Subject, oid: str) -> frozenset[str]:
    """The subject's values of type `oid`, stripped and casefolded: once per subject."""
    return frozenset(v.strip().casefold() for v in subject.values_of(oid))


def _repeats_subject(label: Label, after: str, own_oid: str, subject: Subject) -> bool:
    if label.oid is None or label.oid == own_oid:
        return False
    stop = len(after)
    for i, c in enumerate(after[:MAX_SNIPPET]):
        if c in _SEPARATORS:
            stop = i
            break
    wanted = after[:stop].strip().casefold()
    return bool(wanted) and wanted in subject.fact(_folded_values, label.oid)


def find_labels(view: str) -> list[tuple[Label, str, bool, int]]:
    """(label, text as written incl. the `:`/`=`, quoted, position) of every field label."""
    found = []
    for mark in ":=":
        at = view.find(mark)
        seen = 0
        while at != -1 and seen < MAX_OCCURRENCES:
            seen += 1
            # `KEYWORD=` is embedded_attribute_assignment's; `=` only after an English label.
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
    close = text.find(text[i], i + 1, i + 2 + MAX_SNIPPET)
    return close + 1 if close != -1 else -1


def find_structure(view: str) -> str | None:
    """A JSON/JS object, a JSON array of strings, or an XML element in the value."""
    at, seen = view.find("{"), 0
    while at != -1 and seen < MAX_OCCURRENCES:
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
    while at != -1 and seen < MAX_OCCURRENCES:
        seen += 1
        i = _skip_spaces(view, at + 1)
        end = _quoted_end(view, i)
        if end != -1:
            j = _skip_spaces(view, end)
            if j < len(view) and view[j] in ",]":
                return _snippet(view, at, "]")
        at = view.find("[", at + 1)
    at, seen = view.find("</"), 0
    while at != -1 and seen < MAX_OCCURRENCES:
        seen += 1
        end = _read_identifier(view, at + 2)
        if end > at + 2 and end < len(view) and view[end] == ">":
            opening = "<" + view[at + 2 : end] + ">"
            if opening in view[:at]:
                return view[view.rfind(opening, 0, at) : end + 1][: MAX_SNIPPET * 2]
        at = view.find("</", at + 1)
    return None


def _snippet(view: str, start: int, closing: str) -> str:
    stop = view.find(closing, start, start + 2 * MAX_SNIPPET)
    return view[start : stop + 1] if stop != -1 else view[start : start + MAX_SNIPPET]


# --- Templates ----------------------------------------------------------------------------------

# Names a template gives the fields of a DN (after label_key folding, without spaces): the
# form labels, the DN keywords and the variable names of data/template_variable_names.csv.
_TEMPLATE_NAMES = frozenset(
    {k.replace(" ", "") for k in LABELS}
    # (single letters are left out: `<E> Design` is a name, not a variable)
    | {k for k in attributes.KEYWORDS if len(k) > 1 and not k[0].isdigit()}
    | {r["name"] for r in read_table("template_variable_names.csv")}
)


def _template_name(text: str) -> bool:
    key = label_key(text).replace(" ", "")
    for prefix in ("your", "my", "the"):
        if key.startswith(prefix) and key[len(prefix) :] in _TEMPLATE_NAMES:
            return True
    return key in _TEMPLATE_NAMES or key.isdigit()


def _find_between(view: str, opening: str, closing: str, accept) -> str | None:
    at, seen = view.find(opening), 0
    while at != -1 and seen < MAX_OCCURRENCES:
        seen += 1
        inner_start = at + len(opening)
        stop = view.find(closing, inner_start, inner_start + MAX_SNIPPET + len(closing))
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
    while at != -1 and seen < MAX_OCCURRENCES:
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
    if not inner.strip() or not any(c.isalnum() for c in inner[:MAX_ANALYSED]):
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


# --- The check ----------------------------------------------------------------------------------

# Characters every structure starts with; one character-class search (runs on every value).
_STRUCTURE_TRIGGER = re.compile("[" + re.escape("{[<$%:=\"'`“‘") + "]")


@rule(
    STRUCTURED_DATA,
    severity="ERROR",
    why="No real name has the shape of a JSON or JavaScript object, a JSON array of "
    "strings, an XML element or a quoted key, and the value is not the information itself.",
    description="The value contains a data structure (JSON or JavaScript object, JSON "
    "array of strings, XML element, quoted key) instead of the plain information",
    citation=citations.SUBJECT_INFORMATION,
    example='ST={"ST": "Tokyo"}',
    attributes=None,
    never=NOT_APPLICABLE,
    plain=False,
    also=(
        finding(
            TEMPLATE_PLACEHOLDER,
            severity="ERROR",
            why="An unsubstituted template variable says the real value is absent, which "
            "the BRs forbid; no real name has this shape.",
            description="The value contains an unsubstituted template variable (${state}, "
            "{{city}}, %s, {state}, <state>), so the real value is absent",
            citation=_BR_ABSENT,
            example="L={{city}}",
        ),
        finding(
            FIELD_LABEL,
            severity="ERROR",
            why="A DN keyword or a form label of several letters followed by `:`, or a form "
            "label followed by `=`, is no part of a real name: the value is not the "
            "information itself.",
            description="The value contains a field label (a DN keyword or a form label "
            "such as State, City, Company) followed by ':', or a form label followed by '='",
            citation=citations.SUBJECT_INFORMATION,
            example="ST=State: Tokyo",
        ),
        finding(
            POSSIBLE_FIELD_LABEL,
            severity="NOTICE",
            why="A single-letter keyword and `:` at the very start (`S: ...`, `E: ...`), or "
            "a label that is also an ordinary word of names (`Region: EMEA` in a unit), can "
            "start a real name; it is a field_label when what follows repeats the subject.",
            description="The value starts with a single-letter DN keyword and ':' (for "
            "example 'S:' or 'E:'), which may be a field label",
            citation=citations.SUBJECT_INFORMATION
            + "; heuristic: a single letter and ':' can start a real name",
            example="ST=S: Tokyo",
        ),
        finding(
            QUOTED_VALUE,
            severity="WARNING",
            why="Almost certainly CSV, JSON or shell quoting, but a registered name could "
            "in principle be quoted.",
            description="The whole value is wrapped in double quotation marks",
            citation=citations.SUBJECT_INFORMATION
            + "; the quotes are CSV, JSON or shell quoting, not the name",
            example='ST="Tokyo"',
        ),
        finding(
            POSSIBLE_QUOTED_VALUE,
            severity="NOTICE",
            why="Single quotes and backticks also transliterate Arabic ʿayn and hamza at "
            "both ends of real names (`‘Uyūn al Jiwā’`).",
            description="The whole value is wrapped in single quotation marks or backticks",
            citation=citations.SUBJECT_INFORMATION
            + "; heuristic: single quotes also transliterate Arabic "
            "ʿayn and hamza at both ends of real names (‘Uyūn al Jiwā’)",
            example="ST='Tokyo'",
        ),
    ),
    examples=(
        'ST={"ST": "Tokyo"}',
        "O=<O>Example K.K.</O>",
        "L={{city}}",
        "ST=State: Tokyo",
        "ST=S: Tokyo",
        'ST="Tokyo"',
        "ST='Tokyo'",
    ),
    near_misses=(
        "L=St. John's",
        'O=The "Best" Company',
        "O=Project: Phoenix Ltd",
        "L=S:t Karins",
        "O=Acme {Beta} Labs",
        "OU=Department: IT",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """JSON and XML structures, field labels, template variables and wrapping quotes."""
    if attribute_oid in NOT_APPLICABLE or not value:
        return []
    head = value[:MAX_ANALYSED]
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
            _label_hits(
                attribute_oid, value, view, how, own, as_subject(subject), structure
            )
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
