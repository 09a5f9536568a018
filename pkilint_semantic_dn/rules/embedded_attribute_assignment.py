"""Finds DN syntax inside one attribute value: `Tokyo, C=JP`, `/C=US/ST=CA/L=...`.

The incident behind it: `stateOrProvinceName = "Tokyo, C=JP"` (Bugzilla 2004654), where a DN
string fragment ended up inside one attribute. A value is scanned for `KEYWORD=` where KEYWORD
names a DN attribute (short name, long name or dotted OID, any case) and stands at the start of
the value or after a DN separator (`,` `;` `+` `/`). The scan (`core.assignments`) looks at the
value as a DN parser would (after NFKC folding and RFC 4514 unescaping) and is linear: it walks
back from each `=` over a bounded keyword, never backtracking.

Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- each subject attribute, if present, MUST contain
the Subject's information of its own type (state or province, locality, organisation...);
S/MIME BR 7.1.4.2.2 likewise. An embedded `KEYWORD=value` is another attribute's
information, so the value is not what the attribute must contain.

Severity: ERROR when a recognised keyword follows a DN separator, when a multi-letter keyword
or dotted OID starts the value, when the value starts with its own attribute's keyword
(`O=Example Corp` in organizationName, `L=Berlin` in localityName, `CN=www.example.com` in
commonName: the attribute's name pasted with its value), or when two or more assignments
form a pasted DN -- no real name has that shape. NOTICE when the only evidence is another
attribute's single-letter keyword at the very start (`E=MC2 Ltd` is a plausible company
name), unless the embedded value repeats the subject's attribute of that type (`C=JP` beside
countryName JP): then it is ERROR again. Letters that name no attribute (`X=Y Studio`) are
never flagged.
Never looked at: countryName, jurisdictionCountryName and domainComponent (their syntax
cannot carry a DN fragment) and emailAddress (`=` is legitimate in a local part).
"""

from __future__ import annotations

from pkilint_semantic_dn.core import attributes, citations, normalise
from pkilint_semantic_dn.core.assignments import Assignment, find_assignments
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.subject import Subject, as_subject
from pkilint_semantic_dn.core.text import quote

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


def _relation_to_subject(assignment: Assignment, own_oid: str, subject: Subject) -> str:
    """Words saying whether the embedded attribute repeats or contradicts the subject's own."""
    if assignment.oid == own_oid:
        return ""
    existing = subject.values_of(assignment.oid)
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
        v.strip().casefold() == wanted for v in subject.values_of(assignment.oid)
    )


@rule(
    EMBEDDED_ATTRIBUTE_ASSIGNMENT,
    severity="ERROR",
    why="A recognised keyword after a DN separator, or a multi-letter keyword or dotted OID "
    "at the start, is DN syntax: no real name has that shape.",
    description="The attribute value embeds an attribute assignment (KEYWORD=value after a "
    "DN separator, a multi-letter keyword at its start, or its own attribute's keyword at "
    "its start, as in 'O=Example Corp' in organizationName), so it is not information of "
    "its own type",
    citation=citations.SUBJECT_INFORMATION,
    example="ST=Tokyo, C=JP",
    attributes=None,
    never=NOT_APPLICABLE,
    plain=False,
    also=(
        finding(
            EMBEDDED_DISTINGUISHED_NAME,
            severity="ERROR",
            why="Two or more attribute assignments in one value are a pasted distinguished "
            "name; no real name has that shape.",
            description="The attribute value holds a whole distinguished name string (two "
            "or more attribute assignments, RFC 4514 or OpenSSL one-line syntax)",
            citation=citations.SUBJECT_INFORMATION,
            example="O=/C=US/ST=California/L=Mountain View",
        ),
        finding(
            POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT,
            severity="NOTICE",
            why="Another attribute's single-letter keyword at the very start is the one form "
            "a real name can take (`E=MC2 Ltd`); it is an ERROR only if it repeats the "
            "subject's attribute.",
            description="The attribute value starts with another attribute's single-letter "
            "DN keyword and '=' (for example 'E=' or 'C='), which may be a pasted attribute "
            "assignment or a real name",
            citation=citations.SUBJECT_INFORMATION
            + "; heuristic: a single-letter keyword at the start of a value can be a real "
            "name",
            example="O=E=MC2 Ltd",
        ),
    ),
    examples=(
        "ST=Tokyo, C=JP",
        "ST=ST=California",
        "O=O=Example Corp",
        "CN=CN=www.example.com",
        "O=/C=US/ST=California/L=Mountain View",
        "O=E=MC2 Ltd",
    ),
    near_misses=(
        "O=SECOM Trust Systems CO.,LTD.",
        "O=Kids=Joy GmbH",
        "O=ST Microelectronics",
        "O=X=Y Studio",
    ),
)
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
    subject = as_subject(subject)  # once: both helpers below read it
    own_keyword = not assignment.after_separator and assignment.oid == attribute_oid
    if own_keyword:
        relation = (
            f", which starts with the keyword of {own} itself "
            f"({quote(assignment.keyword)})"
        )
    else:
        relation = _relation_to_subject(assignment, attribute_oid, subject)
    message = (
        f"{own} value {quote(value)} embeds{how} the attribute assignment "
        f"{quote(assignment.text)} ({assignment.name}){relation}"
    )
    # A lone single-letter keyword of another attribute at the very start is the one form a
    # real name can take (an organisation called "E=MC2 Ltd"): only a heuristic, unless it
    # repeats the subject. The attribute's own keyword (`O=` in organizationName) is the
    # attribute's name pasted with its value.
    if (
        not assignment.after_separator
        and assignment.single_letter
        and not own_keyword
        and not _repeats_subject(assignment, attribute_oid, subject)
    ):
        return [Hit(POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT, message)]
    return [Hit(EMBEDDED_ATTRIBUTE_ASSIGNMENT, message)]
