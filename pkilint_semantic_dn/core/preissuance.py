"""Checks that only make sense on a requested subject, before a certificate exists (`check`).

Pure string logic like the rules, but no pkilint validators: pkilint already reports repeated
attribute types in certificates (`cabf.serverauth.prohibited_duplicate_attribute_type`), and
the other check is about how the request was written, not about a certificate.

- An attribute given twice. The incident (Bugzilla 2004654) was a subject assembled twice:
  the ACME front end put `C=JP` into the DN and the back end appended the country again. When
  the escaping is lost too, `ST=Tokyo, C=JP` arrives as two attributes, `C=JP` twice.
- DN-string syntax left in a value. `rules/embedded_attribute_assignment.py` already reports every value
  that holds a `KEYWORD=value` assignment or a whole DN, escaped or not, so a pasted DN is
  covered there. What it cannot see is syntax without an assignment: a value that was escaped
  for a DN string and then put into a field as it is (`Example\\, Inc.` from a JSON or CSR
  field: the certificate would show the backslash), or a `#`-hex encoded value
  (`#0C074578616D706C65`). This check reports only those, and only where no rule reported the
  attribute already.
- A value of metadata only (`O=-`, `ST=.`, `L=` empty): in a certificate stock pkilint reports
  it (`cabf.insignificant_attribute_value_present`), and the rules leave it to pkilint so it
  is never reported twice; before issuance there is no pkilint run, so `check` reports it
  here, by the same measure (no letter, number or symbol character).
"""

from __future__ import annotations

import unicodedata
from typing import Iterable, Sequence

from pkilint_semantic_dn.core import attributes, citations, der, normalise
from pkilint_semantic_dn.core.registry import Hit, finding
from pkilint_semantic_dn.core.subject import Pairs as Subject
from pkilint_semantic_dn.core.text import quote

DUPLICATE_ATTRIBUTE = "semantic_dn.duplicate_attribute"
REPEATED_ATTRIBUTE_TYPE = "semantic_dn.repeated_attribute_type"
DN_STRING_SYNTAX_IN_VALUE = "semantic_dn.dn_string_syntax_in_value"

METADATA_ONLY_VALUE = "semantic_dn.metadata_only_value"


# Reported by `check` only (scope "check"): pkilint never sees a requested subject.
FINDINGS = (
    finding(
        DUPLICATE_ATTRIBUTE,
        severity="ERROR",
        why="A MUST NOT of the BRs, and the mark of a subject assembled twice.",
        description="The requested subject gives the same attribute (type and value) twice",
        citation="TLS BR 7.1.4.1 (each Name MUST NOT contain more than one instance of a "
        "given AttributeTypeAndValue unless explicitly allowed); Bugzilla 2004654 (a "
        "subject assembled twice)",
        example="C=JP,ST=Tokyo, C=JP",
        scope="check",
    ),
    finding(
        REPEATED_ATTRIBUTE_TYPE,
        severity="WARNING",
        why="The TLS BRs allow only streetAddress and (OV) domainComponent to repeat; other "
        "profiles may allow more, so not an ERROR.",
        description="The requested subject gives an attribute type twice with different "
        "values",
        citation="TLS BR 7.1.4.1 and 7.1.2.7.2-7.1.2.7.4 (only streetAddress and, for OV, "
        "domainComponent may repeat)",
        example="CN=www.example.com,CN=example.com",
        scope="check",
    ),
    finding(
        DN_STRING_SYNTAX_IN_VALUE,
        severity="WARNING",
        why="Very likely escaping applied twice, but a backslash or '#' can be meant.",
        description="A requested value still carries DN-string escaping or '#'-hex encoding "
        "(no attribute assignment: those are embedded_attribute_assignment)",
        citation=citations.SUBJECT_INFORMATION
        + "; RFC 4514 2.4 (escaping belongs to the string "
        "representation, not to the value)",
        example='JSON value "Example\\, Inc."',
        scope="check",
    ),
    finding(
        METADATA_ONLY_VALUE,
        severity="ERROR",
        why="A MUST NOT of the BRs; in certificates stock pkilint reports it as an ERROR "
        "too (cabf.insignificant_attribute_value_present).",
        description="A requested value has no letter, number or symbol: only punctuation, "
        "white space or nothing",
        citation="TLS BR 7.1.2.7.2-7.1.2.7.4 (subject attributes MUST NOT contain only "
        "metadata such as '.', '-' and ' ' characters)",
        example="O=-",
        scope="check",
    ),
)
CODES = tuple(f.code for f in FINDINGS)

# Unicode major categories that carry information: letters, numbers, symbols (`$`, `€`, `+`).
# Punctuation, separators and controls alone are what the BRs call metadata.
_SIGNIFICANT_CATEGORIES = frozenset("LNS")

# Types that profiles allow more than once with different values: the TLS BR allow
# streetAddress (OV/IV/EV) and domainComponent (OV); organizationalUnitName repeats in
# S/MIME and private PKI subjects.
REPEATABLE = frozenset(
    {
        attributes.STREET_ADDRESS,
        attributes.DOMAIN_COMPONENT,
        attributes.ORGANIZATIONAL_UNIT_NAME,
    }
)


def _comparable(value: str) -> str:
    return " ".join(value.split()).casefold()


def check_repeats(subject: Subject) -> list[tuple[int, Hit]]:
    """(attribute index, hit) for every attribute whose type already appeared earlier."""
    first: dict[str, str] = {}  # oid -> its first value
    seen: dict[str, set[str]] = {}  # oid -> comparable values so far
    out = []
    for index, (oid, value) in enumerate(subject):
        if value is None:
            continue
        key = _comparable(value)
        earlier = seen.setdefault(oid, set())
        name = attributes.attribute_name(oid)
        if key in earlier:
            out.append(
                (
                    index,
                    Hit(
                        DUPLICATE_ATTRIBUTE,
                        f"{name} {quote(value)} is given twice: the subject would carry "
                        "the same attribute more than once, as when a DN is assembled twice",
                    ),
                )
            )
        elif earlier and oid not in REPEATABLE and oid in attributes.BY_OID:
            out.append(
                (
                    index,
                    Hit(
                        REPEATED_ATTRIBUTE_TYPE,
                        f"{name} is given more than once ({quote(first[oid])} and "
                        f"{quote(value)}); the TLS BR allow one {name}",
                    ),
                )
            )
        earlier.add(key)
        first.setdefault(oid, value)
    return out


def _first_escape(value: str) -> str | None:
    """The first RFC 4514 escape sequence in `value` (`\\,` or `\\2C`), or None."""
    i = value.find("\\")
    while i != -1 and i + 1 < len(value):
        nxt = value[i + 1]
        if nxt in normalise.RFC4514_ESCAPABLE:
            return value[i : i + 2]
        if (
            nxt in normalise.HEX_DIGITS
            and i + 2 < len(value)
            and value[i + 2] in normalise.HEX_DIGITS
        ):
            return value[i : i + 3]
        i = value.find("\\", i + 1)
    return None


def _is_hex_encoded_string(value: str) -> bool:
    """`#0C03616263`: the whole value is the hex of one DER character string."""
    digits = value[1:]
    if not value.startswith("#") or len(digits) < 4 or len(digits) % 2:
        return False
    if not all(c in normalise.HEX_DIGITS for c in digits):
        return False
    return der.is_one_string(bytes.fromhex(digits))


def check_dn_string_syntax(attribute_oid: str, value: str) -> list[Hit]:
    """DN-string escaping or `#`-hex encoding left in one value."""
    name = attributes.attribute_name(attribute_oid)
    if _is_hex_encoded_string(value):
        return [
            Hit(
                DN_STRING_SYNTAX_IN_VALUE,
                f"{name} value {quote(value)} is an RFC 4514 '#'-hex encoded value: the "
                "certificate would carry the hex digits; decode it before submitting",
            )
        ]
    escape = _first_escape(value) if "\\" in value else None
    if escape is not None:
        return [
            Hit(
                DN_STRING_SYNTAX_IN_VALUE,
                f"{name} value {quote(value)} still carries the DN-string escape "
                f"{quote(escape)}: the certificate would show the backslash; unescape the "
                "value before submitting it",
            )
        ]
    return []


def check_metadata_only(attribute_oid: str, value: str) -> list[Hit]:
    """A value with no letter, number or symbol: only `.`, `-`, spaces and the like."""
    if any(unicodedata.category(c)[0] in _SIGNIFICANT_CATEGORIES for c in value):
        return []
    name = attributes.attribute_name(attribute_oid)
    what = "is empty" if value == "" else "holds only punctuation or white space"
    return [
        Hit(
            METADATA_ONLY_VALUE,
            f"{name} value {quote(value)} {what}: subject attributes must not contain only "
            "metadata; leave the attribute out instead",
        )
    ]


def check_subject(
    subject: Subject,
    disabled: Iterable[str] = (),
    already_reported: Sequence[int] = (),
) -> list[tuple[int, Hit]]:
    """(attribute index, hit) of every pre-issuance check, sorted by attribute.

    `already_reported`: indexes of attributes on which the rules already reported something;
    the DN-syntax check stays quiet there (the rule's message says more).
    """
    disabled = frozenset(disabled)
    quiet = frozenset(already_reported)
    out = [(i, h) for i, h in check_repeats(subject) if h.code not in disabled]
    for index, (oid, value) in enumerate(subject):
        if value is None:
            continue
        if METADATA_ONLY_VALUE not in disabled:
            out.extend((index, h) for h in check_metadata_only(oid, value))
        if DN_STRING_SYNTAX_IN_VALUE not in disabled and index not in quiet:
            out.extend((index, h) for h in check_dn_string_syntax(oid, value))
    out.sort(key=lambda pair: pair[0])
    return out
