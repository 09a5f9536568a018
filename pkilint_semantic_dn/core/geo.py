"""Geographic helpers shared by the place rules: countries, subdivisions and their names.

Which attribute holds a place attribute's country (`COUNTRY_OF`), the state attributes, the
city-states, the words that start names given after a saint; and questions answered from the
generated gazetteer (`placenames.data()`, ISO 3166-1 and ISO 3166-2 as pycountry ships them,
with GeoNames facts recorded by `tools/build_geodata.py`): the keys naming a country, the
subject's country (worked out once per subject), whether a value is a subdivision of a
country, whether the country's own name is acceptable as a place, whether a name is a saint's.
Values are compared through `placenames` keys, so case, accents and punctuation do not matter.
"""

from __future__ import annotations

from pkilint_semantic_dn.core import attributes, normalise, placenames
from pkilint_semantic_dn.core.subject import Subject, fact_of

# Each place attribute and the attribute that holds its country.
COUNTRY_OF = {
    attributes.STATE_OR_PROVINCE_NAME: attributes.COUNTRY_NAME,
    attributes.LOCALITY_NAME: attributes.COUNTRY_NAME,
    attributes.JURISDICTION_STATE_OR_PROVINCE_NAME: attributes.JURISDICTION_COUNTRY_NAME,
    attributes.JURISDICTION_LOCALITY_NAME: attributes.JURISDICTION_COUNTRY_NAME,
}
STATE_ATTRIBUTES = frozenset(
    {attributes.STATE_OR_PROVINCE_NAME, attributes.JURISDICTION_STATE_OR_PROVINCE_NAME}
)

# Countries that are one city: the country's name is also its state and its locality.
CITY_STATES = frozenset({"SG", "MC", "VA", "SM", "HK", "MO", "GI"})
# First words of names given after a saint (after `placenames` abbreviations: `St.`, `Sankt`
# -> `saint`, `Ste` -> `sainte`): `Saint Lucia`, `Sainte-Marie`, `Sant'Elena`, `San Marino`,
# `Santa Lucía`, `Santo Tomé`, `São Tomé`, `Sint Maarten`.
SAINT_WORDS = frozenset("saint sainte sant san santa santo sao sint".split())


def country_names(alpha2: str) -> frozenset[str]:
    """The `placenames` keys that name a country: codes, names, translations. Empty if unknown."""
    return placenames.data().country_keys(alpha2.strip().upper())


def subject_country(attribute_oid: str, subject: Subject) -> str | None:
    """The ISO 3166-1 code of the country a place attribute belongs to, or None.

    countryName for stateOrProvinceName and localityName, jurisdictionCountryName for the EV
    jurisdiction fields. None when absent, `XX`, or not an assigned code.
    """
    country_oid = COUNTRY_OF.get(attribute_oid)
    if country_oid is None:
        return None
    # Several rules ask this of the same subject: the Subject keeps the answer.
    return fact_of(subject, _country_in, country_oid)


def _country_in(subject: Subject, country_oid: str) -> str | None:
    geo = placenames.data()
    for value in subject.values_of(country_oid):
        code = value.strip().upper()
        if geo.is_country(code):
            return code
    return None


def is_own_subdivision(alpha2: str, value_keys: tuple[str, ...]) -> bool:
    """Whether one of a value's `placenames` keys names an ISO 3166-2 subdivision of `alpha2`."""
    return not placenames.data().subdivision_keys(alpha2).isdisjoint(value_keys)


def is_subdivision(alpha2: str, value: str) -> bool:
    """Whether `value` is a known name or code of an ISO 3166-2 subdivision of `alpha2`."""
    value_keys = placenames.keys(value)
    return bool(value_keys) and is_own_subdivision(alpha2.strip().upper(), value_keys)


def is_accepted_own_name(alpha2: str, attribute_oid: str, whole: str) -> bool:
    """The country's own name is acceptable where the country is its own state or city, and
    as a locality where one of the country's towns has that name (`Colombia`, `Kuwait`).
    """
    geo = placenames.data()
    if alpha2 in CITY_STATES or not geo.has_subdivisions(alpha2):
        return True
    if attribute_oid in STATE_ATTRIBUTES:
        return False
    return whole in geo.towns_named_like_country(alpha2)


def is_named_after_a_saint(value: str) -> bool:
    """`St. Martin`, `Saint-Martin`, `San Marino`, `São Tomé`: a saint's name, shared by
    places in many countries. `value` is a place name (at most MAX_NAME_LENGTH characters).
    """
    words = normalise.comparison_words(value)
    if len(words) < 2:
        return False
    return placenames.ABBREVIATIONS.get(words[0], words[0]) in SAINT_WORDS
