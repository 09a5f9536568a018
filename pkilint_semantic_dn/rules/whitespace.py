"""Finds leading or trailing white space and runs of spaces inside a value.

`CN= www.example.com`, `O=Example Corporation ` (data entry or concatenation defects), and
`O=Example  Corporation`. A public incident: white space in an EV commonName (Bugzilla
1782391).

Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 / S/MIME BR 7.1.4.2.2 (the Subject's information,
as verified); RFC 4518 2.6.1 treats leading, trailing and repeated inner spaces as
insignificant, so such a value does not match the name it claims to be exactly.

Severity: leading/trailing white space WARNING (very likely a data-entry or concatenation
defect, not provable from the certificate); repeated inner spaces NOTICE (a heuristic: a
typo rather than wrong information).

Never flagged: the ideographic space (U+3000) inside Japanese and Chinese names, which
separates words there (it still counts at either end); white space that is a control
character (tab, line feed: the control character rule's finding); a value of white space
alone (stock pkilint's cabf.insignificant_attribute_value_present); countryName,
jurisdictionCountryName and domainComponent, whose syntax pkilint checks itself.
"""

from __future__ import annotations

import unicodedata

from pkilint_semantic_dn.core import attributes, citations
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.core.text import quote

LEADING_OR_TRAILING_WHITESPACE = "semantic_dn.leading_or_trailing_whitespace"
REPEATED_WHITESPACE = "semantic_dn.repeated_whitespace"

# Country codes and domain labels: pkilint checks their syntax itself.
NOT_APPLICABLE = attributes.CODED_ATTRIBUTES


@rule(
    LEADING_OR_TRAILING_WHITESPACE,
    severity="WARNING",
    why="Very likely a data-entry or concatenation defect, but not provable from the "
    "certificate alone.",
    description="The value starts or ends with white space",
    citation=citations.SUBJECT_INFORMATION
    + "; RFC 4518 2.6.1 (insignificant space handling)",
    example="CN=' www.example.com'",
    never=NOT_APPLICABLE,
    plain=False,
    also=(
        finding(
            REPEATED_WHITESPACE,
            severity="NOTICE",
            why="A heuristic: two spaces are a typo rather than wrong information.",
            description="The value contains two or more consecutive spaces",
            citation="RFC 4518 2.6.1 (repeated inner spaces are insignificant); "
            "heuristic",
            example="O='Example  Corporation'",
        ),
    ),
    examples=(
        "O= Example Corporation",
        "L=Mountain View ",
        "O=Example Corporation\u00a0",
        "O=Example  Corporation",
    ),
    near_misses=(
        "O=株式会社\u3000サンプル",
        "O=Example Widget Corporation of America",
        "O=Ｅｘａｍｐｌｅ",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Leading, trailing and repeated white space."""
    if attribute_oid in NOT_APPLICABLE or not value:
        return []
    # The common case: in ASCII only the space itself counts (other white space is control).
    if value.isascii() and value[0] != " " and value[-1] != " " and "  " not in value:
        return []
    own = attributes.attribute_name(attribute_oid)
    hits = []
    # Controls are the control character rule's finding; here only visible white space
    # counts. A value of white space alone is stock pkilint's
    # cabf.insignificant_attribute_value_present.
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
    # Category Cc is exactly the C0 controls, DELETE and the C1 controls (U+0000-U+001F,
    # U+007F-U+009F): white space among them is a control character, not a space.
    return c.isspace() and unicodedata.category(c) != "Cc"


def _has_inner_run(value: str) -> bool:
    # Two ASCII or no-break spaces in a row; the ideographic space is a separator in CJK names
    # and is left alone.
    return "  " in value or "\u00a0 " in value or " \u00a0" in value
