"""Rule family 3: a country or continent where a state, province or locality belongs.

Incidents behind it: Sectigo EV certificates with stateOrProvinceName `Great Britain`,
`United Kingdom`, `Europe` and `Russia` (Bugzilla 1645686 / 1710243), GlobalSign values that
contained the subject's country (Bugzilla 1668007), DigiCert `MALTA` with C=MT (Bugzilla
1710444; the CA first argued that Malta, a small island state, has no state level, then
reported it as misissuance). A value is compared with the names of countries (ISO 3166-1
names, official and common names, their translations into the country's own languages, and
the codes) through `placenames` keys, so case, accents and punctuation do not matter.

A value that is a real subdivision of the subject's own country is never flagged here
(`Georgia` under C=US, `México` under C=MX, `Luxembourg` under C=LU, `Niger` under C=NG), nor
the country's own name where the country is a city-state or has no ISO 3166-2 subdivisions
(`Singapore`, `Hong Kong`, `Monaco`, `Macao`, `Puerto Rico`), nor, as a locality, where a
town of the country carries its name (`Colombia`, `Mozambique`, `Kazakhstan`, `Kuwait`,
`Guatemala`: GeoNames, recorded in the data by `tools/build_geodata.py`).

Names that are places of the subject's country although they also name a country are not
another country there (facts documented in `tools/build_geodata.py`): a territory under the
country's sovereignty that has an ISO 3166-1 code of its own is one of its subdivisions
(`Greenland` and `Færøerne` under C=DK, `Norfolk Island` under C=AU, `Bermuda` under C=GB,
as ISO 3166-2 itself lists `Puerto Rico` under US and `Réunion` under FR), `Taiwan` (the
nominal Taiwan Province) is a subdivision of TW, and a region named like another country
(`Macedonia` in Greece and Bulgaria, `Moldova` in Romania) is not that country.

Another country in a state is a WARNING only where the subject's country has ISO 3166-2
subdivisions, so that a subdivision sharing the name would have been recognised. Elsewhere
(Guernsey, Jersey, Puerto Rico, Hong Kong ...) the data cannot rule out a local place of that
name, so it is a NOTICE. Names after a saint (`St. Martin`, `Saint Helena`, `San Marino`,
`São Tomé`) are parishes, counties and towns in many countries (`St. Martin` is a parish of
Guernsey, of Jersey and of Louisiana), so they are not read as the country; the subdivision
rule still reports them where the subject's country has ISO 3166-2 data.
"""

from __future__ import annotations

import re

from pkilint_semantic_dn import attributes
from pkilint_semantic_dn.rules import (
    Hit,
    Subject,
    normalise,
    placenames,
    quote,
    scope,
    subject_values,
)

COUNTRY_NAME_AS_PLACE = "semantic_dn.country_name_in_state_or_locality"
COUNTRY_NAME_APPENDED = "semantic_dn.country_name_appended_to_state_or_locality"
FOREIGN_COUNTRY_OR_CONTINENT = "semantic_dn.foreign_country_or_continent_in_state"
POSSIBLE_FOREIGN_COUNTRY = "semantic_dn.possible_foreign_country_in_state"

CODES = (
    COUNTRY_NAME_AS_PLACE,
    COUNTRY_NAME_APPENDED,
    FOREIGN_COUNTRY_OR_CONTINENT,
    POSSIBLE_FOREIGN_COUNTRY,
)

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

# Where a value can end with an appended country: `Tokyo, Japan`, `Tokyo; JP`, `Tokyo (Japan)`.
_TAIL_SEPARATORS = ",;/(|，、；"
_TAIL_SEPARATOR = re.compile(f"[{re.escape(_TAIL_SEPARATORS)}]")


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
    # Several rules ask this of the same subject: an IndexedSubject keeps the answer.
    remember = getattr(subject, "remember", None)
    if remember is not None:
        return remember(country_oid, _country_in)
    return _country_in(subject, country_oid)


def _country_in(subject: Subject, country_oid: str) -> str | None:
    geo = placenames.data()
    for value in subject_values(subject, country_oid):
        code = value.strip().upper()
        if geo.is_country(code):
            return code
    return None


def is_own_subdivision(alpha2: str, value_keys: tuple[str, ...]) -> bool:
    return not placenames.data().subdivision_keys(alpha2).isdisjoint(value_keys)


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


def _tail(value: str) -> tuple[str, str] | None:
    """(head, tail) split at the last separator, if the value has one and both have text."""
    if not _TAIL_SEPARATOR.search(value):  # most place names: one scan, no split
        return None
    cut = max(value.rfind(s) for s in _TAIL_SEPARATORS)
    if cut <= 0:
        return None
    head, tail = value[:cut], value[cut + 1 :]
    if not placenames.whole_key(head[-placenames.MAX_NAME_LENGTH :]):
        return None
    return head, tail


@scope(only=COUNTRY_OF)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    if attribute_oid not in COUNTRY_OF:
        return []
    geo = placenames.data()
    alpha2 = subject_country(attribute_oid, subject)
    value_keys = placenames.keys(value)

    if alpha2 is not None and value_keys:
        if is_own_subdivision(alpha2, value_keys):
            return []
        whole = value_keys[0]
        if whole in geo.country_keys(alpha2):
            if is_accepted_own_name(alpha2, attribute_oid, whole):
                return []
            own, country_attribute = _names(attribute_oid)
            return [
                Hit(
                    COUNTRY_NAME_AS_PLACE,
                    f"{own} value {quote(value)} is the subject's country ({country_attribute} "
                    f'"{alpha2}"), not {_what(attribute_oid)} of it',
                )
            ]

    if alpha2 is not None:
        split = _tail(value[-placenames.MAX_NAME_LENGTH :])
        if split is not None:
            head, tail = split
            tail_keys = placenames.keys(tail)
            if (
                tail_keys
                and tail_keys[0] in geo.country_keys(alpha2)
                and not is_own_subdivision(alpha2, tail_keys)
            ):
                own, country_attribute = _names(attribute_oid)
                return [
                    Hit(
                        COUNTRY_NAME_APPENDED,
                        f"{own} value {quote(value)} ends with the subject's country "
                        f'{quote(tail.strip())} ({country_attribute} "{alpha2}"), which '
                        "belongs in that attribute only",
                    )
                ]

    if attribute_oid not in STATE_ATTRIBUTES or not value_keys:
        return []
    whole = value_keys[0]
    if whole in geo.continents:
        own, _ = _names(attribute_oid)
        return [
            Hit(
                FOREIGN_COUNTRY_OR_CONTINENT,
                f"{own} value {quote(value)} names a continent or world region, "
                "not a state or province",
            )
        ]
    owners = geo.countries_named(whole, alpha2) if alpha2 is not None else None
    if (
        not owners
        or alpha2 in owners
        or whole in geo.regions_named_like_country(alpha2)
        or is_named_after_a_saint(value)
    ):
        return []
    named = "/".join(sorted(owners))
    own, country_attribute = _names(attribute_oid)
    if not geo.has_subdivisions(alpha2):
        return [
            Hit(
                POSSIBLE_FOREIGN_COUNTRY,
                f"{own} value {quote(value)} names another country ({named}), while the "
                f'subject\'s {country_attribute} is "{alpha2}" (which has no ISO 3166-2 '
                "subdivisions to tell whether a local place of that name is meant)",
            )
        ]
    return [
        Hit(
            FOREIGN_COUNTRY_OR_CONTINENT,
            f"{own} value {quote(value)} names another country ({named}), while the "
            f'subject\'s {country_attribute} is "{alpha2}"',
        )
    ]


def _names(attribute_oid: str) -> tuple[str, str]:
    """The attribute's name and its country attribute's name, for messages."""
    return (
        attributes.attribute_name(attribute_oid),
        attributes.attribute_name(COUNTRY_OF[attribute_oid]),
    )


def _what(attribute_oid: str) -> str:
    return "a state or province" if attribute_oid in STATE_ATTRIBUTES else "a locality"
