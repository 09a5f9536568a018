"""Rule family 1: attribute assignments and whole DN strings inside one attribute value.

The incident behind it: `stateOrProvinceName = "Tokyo, C=JP"` (Bugzilla 2004654), where a DN
string fragment ended up inside one attribute. A value is scanned for `KEYWORD=` where KEYWORD
names a DN attribute (short name, long name or dotted OID, any case) and stands at the start of
the value or after a DN separator (`,` `;` `+` `/`). The scan looks at the value as a DN parser
would (after NFKC folding and RFC 4514 unescaping) and is linear: it walks back from each `=`
over a bounded keyword, never backtracking.
"""

from __future__ import annotations

from typing import NamedTuple

from pkilint_semantic_dn import attributes
from pkilint_semantic_dn.rules import (
    Hit,
    Subject,
    normalise,
    quote,
    scope,
    subject_values,
)

EMBEDDED_ATTRIBUTE_ASSIGNMENT = "semantic_dn.embedded_attribute_assignment"
EMBEDDED_DISTINGUISHED_NAME = "semantic_dn.embedded_distinguished_name"
POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT = (
    "semantic_dn.possible_embedded_attribute_assignment"
)

CODES = (
    EMBEDDED_ATTRIBUTE_ASSIGNMENT,
    EMBEDDED_DISTINGUISHED_NAME,
    POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT,
)

# Attributes whose syntax cannot carry a DN fragment (country codes, domain labels) or where `=`
# is legitimate (the local part of an e-mail address may contain `=`, e.g. SRS addresses).
NOT_APPLICABLE = frozenset(
    {
        attributes.COUNTRY_NAME,
        attributes.JURISDICTION_COUNTRY_NAME,
        attributes.DOMAIN_COMPONENT,
        attributes.EMAIL_ADDRESS,
    }
)

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
    )


def _relation_to_subject(assignment: Assignment, own_oid: str, subject: Subject) -> str:
    """Words saying whether the embedded attribute repeats or contradicts the subject's own."""
    if assignment.oid == own_oid:
        return ""
    existing = subject_values(subject, assignment.oid)
    if not existing:
        return ""
    wanted = assignment.value.casefold()
    if any(v.strip().casefold() == wanted for v in existing):
        return f", which repeats the subject's {assignment.name} {quote(existing[0])}"
    return f", while the subject's {assignment.name} is {quote(existing[0])}"


def _repeats_subject(assignment: Assignment, own_oid: str, subject: Subject) -> bool:
    if assignment.oid == own_oid or not assignment.value:
        return False
    wanted = assignment.value.casefold()
    return any(
        v.strip().casefold() == wanted for v in subject_values(subject, assignment.oid)
    )


@scope(never=NOT_APPLICABLE, plain=False)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    if attribute_oid in NOT_APPLICABLE or (
        value.isascii() and "=" not in value and "\\" not in value
    ):
        return []
    view, transformation = normalise.parser_view(value)
    found = find_assignments(view) if "=" in view else []
    if not found:
        return []

    own = attributes.attribute_name(attribute_oid)
    how = f", after {transformation}," if transformation else ""

    if len(found) >= 2:
        names = ", ".join(dict.fromkeys(a.name for a in found))
        return [
            Hit(
                EMBEDDED_DISTINGUISHED_NAME,
                f"{own} value {quote(value)} contains{how} a distinguished name: "
                f"{len(found)} attribute assignments ({names})",
            )
        ]

    (assignment,) = found
    relation = _relation_to_subject(assignment, attribute_oid, subject)
    message = (
        f"{own} value {quote(value)} embeds{how} the attribute assignment "
        f"{quote(assignment.text)} ({assignment.name}){relation}"
    )
    # A lone single-letter keyword at the very start is the one form a real name can take
    # (an organisation called "E=MC2 Ltd"): only a heuristic, unless it repeats the subject.
    if (
        not assignment.after_separator
        and assignment.single_letter
        and not _repeats_subject(assignment, attribute_oid, subject)
    ):
        return [Hit(POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT, message)]
    return [Hit(EMBEDDED_ATTRIBUTE_ASSIGNMENT, message)]
