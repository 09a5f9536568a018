"""Finds a country or continent where a state, province or locality belongs:
`ST=United Kingdom` (C=GB), `ST=Tokyo, Japan` (C=JP), `ST=Russia` or `ST=Europe` (C=DE).

Incidents behind it: Sectigo EV certificates with stateOrProvinceName `Great Britain`,
`United Kingdom`, `Europe` and `Russia` (Bugzilla 1645686 / 1710243), GlobalSign values that
contained the subject's country (Bugzilla 1668007), DigiCert `MALTA` with C=MT (Bugzilla
1710444; the CA first argued that Malta, a small island state, has no state level, then
reported it as misissuance; this rule flags it). A value is compared with the names of
countries (ISO 3166-1 names, official and common names, their translations into the
country's own languages, and the codes) through `placenames` keys, so case, accents and
punctuation do not matter.

Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- stateOrProvinceName, "If present, MUST contain
the Subject's state or province information"; localityName likewise "the Subject's locality
information"; EV Guidelines 7.1.4.2.4 -- jurisdictionStateOrProvinceName and
jurisdictionLocalityName hold the full name of the incorporating jurisdiction at that level
(compared with jurisdictionCountryName).

Severity: WARNING for the subject's own country as the place, the country appended to the
place, and another country or a continent in a state -- very likely wrong, but not provable
from the certificate alone (the country data may miss a subdivision that shares a country's
name). Another country in a state is a WARNING only where the subject's country has ISO
3166-2 subdivisions, so that a subdivision sharing the name would have been recognised.
Elsewhere (`ST=France` under C=JE; Guernsey, Jersey, Puerto Rico, Hong Kong ...) the data
cannot rule out a local place of that name, so it is a NOTICE.

Never flagged: a real subdivision of the subject's own country (`Georgia` under C=US,
`México` under C=MX, `Luxembourg` under C=LU, `Niger` under C=NG); the country's own name
where the country is a city-state or has no ISO 3166-2 subdivisions (`Singapore`, `Hong
Kong`, `Monaco`, `Macao`, `Puerto Rico`) or, in localityName, where a town of the country
carries its name (`Colombia`, `Mozambique`, `Kazakhstan`, `Kuwait`, `Guatemala`: GeoNames,
recorded in the data by `tools/build_geodata.py`); another country's two-letter code (`CA`,
`GA`, `IN` are also state abbreviations; the subdivision rule reports unknown codes); another
country or a continent in localityName (many towns are named after countries: Lebanon, Peru,
Mexico). Names after a saint (`St. Martin`, `Saint Helena`, `San Marino`, `São Tomé`) are
parishes, counties and towns in many countries (`St. Martin` is a parish of Guernsey, of
Jersey and of Louisiana), so they are not read as the country; the subdivision rule still
reports them where the subject's country has ISO 3166-2 data.

Names that are places of the subject's country although they also name a country are not
another country there (facts documented in `tools/build_geodata.py`): a territory under the
country's sovereignty that has an ISO 3166-1 code of its own is one of its subdivisions
(`Greenland` and `Færøerne` under C=DK, `Norfolk Island` under C=AU, `Bermuda` under C=GB) --
no finding rather than a NOTICE, because ISO 3166-2 itself lists most such territories as
subdivisions of their sovereign (US-PR, FR-RE, NL-AW, FI-01, CN-HK) and the result should not
depend on which ones it happens to list; the Crown Dependencies (`Jersey` under C=GB) are not
part of the UK and stay a WARNING. Nor `Taiwan` under C=TW (the nominal Taiwan Province), nor
a region named like another country (`Macedonia` in Greece and Bulgaria, `Moldova` in
Romania), which the subdivision rule may still note.
"""

from __future__ import annotations

import functools
import re

from pkilint_semantic_dn.core import attributes, citations, placenames
from pkilint_semantic_dn.core.geo import (
    COUNTRY_OF,
    STATE_ATTRIBUTES,
    is_accepted_own_name,
    is_named_after_a_saint,
    is_own_subdivision,
    subject_country,
)
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.core.text import quote

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

# Where a value can end with an appended country: `Tokyo, Japan`, `Tokyo; JP`, `Tokyo (Japan)`.
_TAIL_SEPARATORS = ",;/(|，、；"
_TAIL_SEPARATOR = re.compile(f"[{re.escape(_TAIL_SEPARATORS)}]")

_WHY_WARNING = (
    "Very likely wrong, but not provable from the certificate alone: the country data may "
    "miss a subdivision that shares a country's name."
)


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


@rule(
    COUNTRY_NAME_AS_PLACE,
    severity="WARNING",
    why=_WHY_WARNING,
    description="The state, province or locality is the subject's own country (its name, a "
    "common or native name, or its code), which is no subdivision of that country",
    citation=citations.PLACE + "; Bugzilla 1645686, 1668007, 1710444",
    example="ST=United Kingdom (C=GB)",
    attributes=tuple(COUNTRY_OF),
    also=(
        finding(
            COUNTRY_NAME_APPENDED,
            severity="WARNING",
            why=_WHY_WARNING,
            description="The state, province or locality ends with the subject's own "
            "country after a separator, so it carries countryName information too",
            citation=citations.PLACE + "; Bugzilla 1668007",
            example="ST=Tokyo, Japan (C=JP)",
        ),
        finding(
            FOREIGN_COUNTRY_OR_CONTINENT,
            severity="WARNING",
            why=_WHY_WARNING
            + " The subject's country has ISO 3166-2 subdivisions, so a subdivision "
            "sharing the name would have been recognised.",
            description="The state or province names a continent or world region, or a "
            "country other than the subject's country that is no ISO 3166-2 subdivision "
            "of it",
            citation=citations.PLACE + "; Bugzilla 1645686 / 1710243",
            example="ST=Russia (C=DE)",
        ),
        finding(
            POSSIBLE_FOREIGN_COUNTRY,
            severity="NOTICE",
            why="The subject's country has no ISO 3166-2 subdivisions, so nothing rules "
            "out a local place of that name.",
            description="The state or province names a country other than the subject's "
            "country, whose country has no ISO 3166-2 subdivisions that could rule out a "
            "local place of that name",
            citation=citations.PLACE
            + "; heuristic: the subject's country has no ISO 3166-2 subdivisions",
            example="ST=France (C=JE)",
        ),
    ),
    examples=(
        "ST=United Kingdom (C=GB)",
        "ST=Tokyo, Japan (C=JP)",
        "ST=Europe (C=DE)",
        "ST=France (C=JE)",
    ),
    near_misses=(
        "ST=Georgia (C=US)",
        "ST=Singapore (C=SG)",
        "L=Colombia (C=CO)",
        "ST=Greenland (C=DK)",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    if attribute_oid not in COUNTRY_OF:
        return []
    alpha2 = subject_country(attribute_oid, subject)
    # Nothing else of the subject matters: the answer is a function of the attribute type,
    # the country and the value. Certificates repeat the same few places, so the answers for
    # place-name-sized values are kept (a bounded memo; longer values are worked out).
    if len(value) > placenames.MAX_NAME_LENGTH:
        return list(_verdict(attribute_oid, value, alpha2))
    return list(_verdict_cached(attribute_oid, value, alpha2))


def _verdict(attribute_oid: str, value: str, alpha2: str | None) -> tuple[Hit, ...]:
    geo = placenames.data()
    value_keys = placenames.keys(value)

    if alpha2 is not None and value_keys:
        if is_own_subdivision(alpha2, value_keys):
            return ()
        whole = value_keys[0]
        if whole in geo.country_keys(alpha2):
            if is_accepted_own_name(alpha2, attribute_oid, whole):
                return ()
            own, country_attribute = _names(attribute_oid)
            return (
                Hit(
                    COUNTRY_NAME_AS_PLACE,
                    f"{own} value {quote(value)} is the subject's country ({country_attribute} "
                    f'"{alpha2}"), not {_what(attribute_oid)} of it',
                ),
            )

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
                return (
                    Hit(
                        COUNTRY_NAME_APPENDED,
                        f"{own} value {quote(value)} ends with the subject's country "
                        f'{quote(tail.strip())} ({country_attribute} "{alpha2}"), which '
                        "belongs in that attribute only",
                    ),
                )

    if attribute_oid not in STATE_ATTRIBUTES or not value_keys:
        return ()
    whole = value_keys[0]
    if whole in geo.continents:
        own, _ = _names(attribute_oid)
        return (
            Hit(
                FOREIGN_COUNTRY_OR_CONTINENT,
                f"{own} value {quote(value)} names a continent or world region, "
                "not a state or province",
            ),
        )
    owners = geo.countries_named(whole, alpha2) if alpha2 is not None else None
    if (
        not owners
        or alpha2 in owners
        or whole in geo.regions_named_like_country(alpha2)
        or is_named_after_a_saint(value)
    ):
        return ()
    named = "/".join(sorted(owners))
    own, country_attribute = _names(attribute_oid)
    if not geo.has_subdivisions(alpha2):
        return (
            Hit(
                POSSIBLE_FOREIGN_COUNTRY,
                f"{own} value {quote(value)} names another country ({named}), while the "
                f'subject\'s {country_attribute} is "{alpha2}" (which has no ISO 3166-2 '
                "subdivisions to tell whether a local place of that name is meant)",
            ),
        )
    return (
        Hit(
            FOREIGN_COUNTRY_OR_CONTINENT,
            f"{own} value {quote(value)} names another country ({named}), while the "
            f'subject\'s {country_attribute} is "{alpha2}"',
        ),
    )


_verdict_cached = functools.lru_cache(maxsize=4096)(_verdict)


def _names(attribute_oid: str) -> tuple[str, str]:
    """The attribute's name and its country attribute's name, for messages."""
    return (
        attributes.attribute_name(attribute_oid),
        attributes.attribute_name(COUNTRY_OF[attribute_oid]),
    )


def _what(attribute_oid: str) -> str:
    return "a state or province" if attribute_oid in STATE_ATTRIBUTES else "a locality"
