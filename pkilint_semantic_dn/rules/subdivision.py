"""Finds a stateOrProvinceName that is no known subdivision of the subject's country:
`重庆币` ("Chongqing coin") for `重庆市` under C=CN.

Incident behind it: SHECA issued a certificate with stateOrProvinceName and localityName
`重庆币` ("Chongqing coin") instead of `重庆市` (Chongqing municipality), Bugzilla 1978186; no
rule without a gazetteer can see it. GlobalSign reported US certificates with invalid states
(Bugzilla 1668007).

Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- stateOrProvinceName, "If present, MUST contain the
Subject's state or province information", verified under 3.2.2.1 / 3.2.3; EV Guidelines
7.1.4.2.4 -- jurisdictionStateOrProvinceName is the full name of the jurisdiction (compared
with jurisdictionCountryName).

The gazetteer is ISO 3166-2 as pycountry ships it (names, and their translations into the
country's own languages and English, local and common names, the address counties of the
UK), turned into `placenames` keys by `tools/build_geodata.py`: `Bavaria`,
`Baden-Wuerttemberg`, `Tokyo-to`, `Tokyo Prefecture`, `東京都`, `Chongqing Shi`, `重庆市`,
`State of New York` and the codes `CA`, `NSW`, `US-CA` are all recognised.

Severity: NOTICE -- a heuristic. The BRs do not require ISO 3166-2 names, and ISO 3166-2
lists one or two levels of a country's divisions, not every name in address use; the
measured recognition rate is in docs/subdivision-recognition.md. Silent for C=XX, an absent
or unassigned country, countries without ISO 3166-2 subdivisions, a value without letters or
digits, the country's own name, and where another rule already says what is wrong with the
value (a country or continent, DN syntax, a placeholder such as `Default Province`, a
not-applicable word, a template or encoding leak): those rules are declared in `defer_to`.
"""

from __future__ import annotations

from pkilint_semantic_dn.core import attributes, citations, placenames
from pkilint_semantic_dn.core.geo import (
    COUNTRY_OF,
    STATE_ATTRIBUTES,
    country_names,
    is_own_subdivision,
    subject_country,
)
from pkilint_semantic_dn.core.registry import Hit, rule
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.core.text import quote

UNRECOGNIZED_SUBDIVISION = "semantic_dn.unrecognized_subdivision"

CODES = (UNRECOGNIZED_SUBDIVISION,)

APPLIES_TO = STATE_ATTRIBUTES


@rule(
    UNRECOGNIZED_SUBDIVISION,
    severity="NOTICE",
    why="A heuristic: the BRs do not require ISO 3166-2 names, and the gazetteer cannot hold "
    "every spelling in use.",
    description="The state or province is not a recognised name, variant or code of an ISO "
    "3166-2 subdivision of the subject's country",
    citation=citations.PLACE
    + "; heuristic: compared with ISO 3166-2 names, translations and codes (the BRs do not require ISO 3166-2); Bugzilla 1978186",
    example="ST=重庆币 (C=CN)",
    attributes=tuple(APPLIES_TO),
    # Rules that report a value as an ERROR or WARNING of their own: when one of them fires,
    # this NOTICE would only repeat that the value is not a subdivision.
    defer_to=(
        "country_in_place_name",
        "embedded_attribute_assignment",
        "placeholder_value",
        "not_applicable_value",
        "structured_data_leak",
        "encoding_leak",
    ),
    examples=("ST=重庆币 (C=CN)", "ST=Calfornia (C=US)"),
    near_misses=(
        "ST=Bavaria (C=DE)",
        "ST=東京都 (C=JP)",
        "ST=NSW (C=AU)",
        "ST=Anything (C=XX)",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    if attribute_oid not in APPLIES_TO:
        return []
    alpha2 = subject_country(attribute_oid, subject)
    # Quiet for C=XX, no country, and countries that ISO 3166-2 does not divide.
    if alpha2 is None or not placenames.data().has_subdivisions(alpha2):
        return []
    value_keys = placenames.keys(value)
    if value_keys and is_own_subdivision(alpha2, value_keys):
        return []
    if len(value) <= placenames.MAX_NAME_LENGTH and not value_keys:
        return []  # no letters or digits: stock pkilint reports insignificant values
    # The country's own name: reported by the country rule, or accepted there (city-states).
    if value_keys and value_keys[0] in country_names(alpha2):
        return []
    own = attributes.attribute_name(attribute_oid)
    country_attribute = attributes.attribute_name(COUNTRY_OF[attribute_oid])
    return [
        Hit(
            UNRECOGNIZED_SUBDIVISION,
            f"{own} value {quote(value)} is not a recognised name or code of an ISO 3166-2 "
            f'subdivision of the subject\'s country ({country_attribute} "{alpha2}")',
        )
    ]
