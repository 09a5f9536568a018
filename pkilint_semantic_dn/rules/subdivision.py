"""Finds a stateOrProvinceName that is no known subdivision of the subject's country:
`重庆币` ("Chongqing coin") for `重庆市` under C=CN; and one that names a former subdivision.

Incident behind it: SHECA issued a certificate with stateOrProvinceName and localityName
`重庆币` ("Chongqing coin") instead of `重庆市` (Chongqing municipality), Bugzilla 1978186; no
rule without a gazetteer can see it. GlobalSign reported US certificates with invalid states
(Bugzilla 1668007).

Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- stateOrProvinceName, "If present, MUST contain the
Subject's state or province information", verified under 3.2.2.1 / 3.2.3; EV Guidelines
7.1.4.2.4 -- jurisdictionStateOrProvinceName is the full name of the jurisdiction (compared
with jurisdictionCountryName).

The gazetteer is ISO 3166-2 as pycountry ships it (names, and their translations into the
country's own languages and English, local and common names, the names Google's address data
ties to each ISO code, the address counties of the UK), turned into `placenames` keys by
`tools/build_geodata.py`, which drop the words naming the kind of subdivision in many
languages and their abbreviations: `Bavaria`, `Baden-Wuerttemberg`, `Tokyo-to`, `東京都`,
`Chongqing Shi`, `State of New York`, `Свердловская обл.`, `респ. Татарстан`,
`Tỉnh Lai Châu`, `Thành phố Hà Nội`, `กรุงเทพฯ`, `Buenos Aires F.D.`, `경남` and the codes
`CA`, `NSW`, `US-CA`, `JP-13` are all recognised -- each only for its own country.

A name that earlier editions of ISO 3166-2 gave a subdivision the current one no longer has
(merged, split, abolished: France's 22 regions, Greece's prefectures, Nepal's development
regions, Morocco's 16 regions, Latvia's municipalities before 2021, Northern Ireland's 26
districts) is reported as `former_subdivision` instead, with the subdivision that holds its
area now and the date of the ISO change, both from the data. Old names of a subdivision that
still exists (renamed, re-spelt, re-coded: `Orissa`, `Distrito Federal`) are recognised.

Severity: NOTICE for both -- heuristics. The BRs do not require ISO 3166-2 names, and ISO
3166-2 lists one or two levels of a country's divisions, not every name in address use; a
former name is a real place, more likely outdated than wrong. The measured recognition rate
is in docs/subdivision-recognition.md. Silent for C=XX, an absent or unassigned country,
countries without ISO 3166-2 subdivisions, a value without letters or digits, the country's
own name, and where another rule already says what is wrong with the value (a country or
continent, DN syntax, a placeholder such as `Default Province`, a not-applicable word, a
template or encoding leak): those rules are declared in `defer_to`.
"""

from __future__ import annotations

import functools

from pkilint_semantic_dn.core import attributes, citations, placenames
from pkilint_semantic_dn.core.geo import (
    COUNTRY_OF,
    STATE_ATTRIBUTES,
    country_names,
    is_own_subdivision,
    subject_country,
)
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.core.text import quote

UNRECOGNIZED_SUBDIVISION = "semantic_dn.unrecognized_subdivision"
FORMER_SUBDIVISION = "semantic_dn.former_subdivision"

CODES = (UNRECOGNIZED_SUBDIVISION, FORMER_SUBDIVISION)

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
    also=(
        finding(
            FORMER_SUBDIVISION,
            severity="NOTICE",
            why="A heuristic like the unrecognised name, and no stronger: the value is a real "
            "place of the subject's country that ISO 3166-2 once listed, so it is more likely "
            "outdated than wrong (names such as Greek prefectures live on in lower-level "
            "units), and a gazetteer cannot tell whether the Subject's verified address "
            "still uses it; the message gives the current subdivision to check against.",
            description="The state or province is the name of a former ISO 3166-2 "
            "subdivision of the subject's country (merged, split or abolished), not of a "
            "current one; the message names the subdivision that now holds its area and when "
            "ISO 3166-2 changed",
            citation=citations.PLACE
            + "; heuristic: compared with earlier editions of ISO 3166-2 and its change "
            "records (the BRs do not require ISO 3166-2)",
            example="ST=Nord-Pas-de-Calais (C=FR)",
        ),
    ),
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
    examples=(
        "ST=重庆币 (C=CN)",
        "ST=Calfornia (C=US)",
        "ST=Nord-Pas-de-Calais (C=FR)",
        "ST=Central Region (C=NP)",
    ),
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
    # Nothing else of the subject matters: the answer is a function of the attribute type,
    # the country and the value, kept for place-name-sized values (a bounded memo).
    if len(value) > placenames.MAX_NAME_LENGTH:
        return list(_verdict(attribute_oid, value, alpha2))
    return list(_verdict_cached(attribute_oid, value, alpha2))


def _verdict(attribute_oid: str, value: str, alpha2: str | None) -> tuple[Hit, ...]:
    # Quiet for C=XX, no country, and countries that ISO 3166-2 does not divide.
    if alpha2 is None or not placenames.data().has_subdivisions(alpha2):
        return ()
    value_keys = placenames.keys(value)
    if value_keys and is_own_subdivision(alpha2, value_keys):
        return ()
    if len(value) <= placenames.MAX_NAME_LENGTH and not value_keys:
        return ()  # no letters or digits: stock pkilint reports insignificant values
    # The country's own name: reported by the country rule, or accepted there (city-states).
    if value_keys and value_keys[0] in country_names(alpha2):
        return ()
    own = attributes.attribute_name(attribute_oid)
    country_attribute = attributes.attribute_name(COUNTRY_OF[attribute_oid])
    former = (
        placenames.data().former_subdivision(alpha2, value_keys) if value_keys else None
    )
    if former is not None:
        return (
            Hit(
                FORMER_SUBDIVISION,
                f"{own} value {quote(value)} names a former ISO 3166-2 subdivision of the "
                f'subject\'s country ({country_attribute} "{alpha2}"): {_former(former)}',
            ),
        )
    return (
        Hit(
            UNRECOGNIZED_SUBDIVISION,
            f"{own} value {quote(value)} is not a recognised name or code of an ISO 3166-2 "
            f'subdivision of the subject\'s country ({country_attribute} "{alpha2}")',
        ),
    )


_verdict_cached = functools.lru_cache(maxsize=4096)(_verdict)


def _former(former: placenames.FormerSubdivision) -> str:
    """`FR-O Nord - Pas-de-Calais (metropolitan region), deleted from ISO 3166-2 on
    2016-11-15; its area is now in FR-HDF Hauts-de-France`."""
    kind = f" ({former.kind})" if former.kind else ""
    when = f" on {former.date}" if former.date else ""
    text = f"{former.code} {former.name}{kind}, deleted from ISO 3166-2{when}"
    if former.successors:
        return f"{text}; its area is now in {former.successors}"
    return f"{text}; ISO 3166-2 names no single successor"
