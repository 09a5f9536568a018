"""Rule family 7: a stateOrProvinceName that is no known subdivision of the subject's country.

Incident behind it: SHECA issued a certificate with stateOrProvinceName and localityName
`重庆币` ("Chongqing coin") instead of `重庆市` (Chongqing municipality), Bugzilla 1978186; no
rule without a gazetteer can see it. GlobalSign reported US certificates with invalid states
(Bugzilla 1668007).

The gazetteer is ISO 3166-2 as pycountry ships it (names, and their translations into the
country's own languages and English), turned into `placenames` keys by
`tools/build_geodata.py`: `Bavaria`, `Baden-Wuerttemberg`, `Tokyo-to`, `Tokyo Prefecture`,
`東京都`, `Chongqing Shi`, `重庆市`, `State of New York` and the codes `CA`, `NSW`, `US-CA` are
all recognised. It is a heuristic (the BRs do not require ISO 3166-2 names, and ISO 3166-2
lists one or two levels of a country's divisions, not every name in address use), so an
unrecognised value is a NOTICE, and the rule stays quiet where it cannot know or another rule
already says what is wrong (a country or continent, DN syntax, a placeholder such as
`Default Province`, a not-applicable word, a template or encoding leak).
"""

from __future__ import annotations

from pkilint_semantic_dn import attributes
from pkilint_semantic_dn.rules import (
    Hit,
    Subject,
    embedded,
    geography,
    leaks,
    placeholders,
    placenames,
    quote,
    scope,
)

UNRECOGNIZED_SUBDIVISION = "semantic_dn.unrecognized_subdivision"

CODES = (UNRECOGNIZED_SUBDIVISION,)

APPLIES_TO = geography.STATE_ATTRIBUTES

# Rules that report a value as an ERROR or WARNING of their own: when one of them fires, this
# NOTICE would only repeat that the value is not a subdivision.
_DEFER_TO = (
    geography.check,
    embedded.check,
    placeholders.check_placeholder,
    placeholders.check_not_applicable,
    leaks.check_structure,
    leaks.check_encoding,
)


def is_subdivision(alpha2: str, value: str) -> bool:
    """Whether `value` is a known name or code of an ISO 3166-2 subdivision of `alpha2`."""
    value_keys = placenames.keys(value)
    return bool(value_keys) and geography.is_own_subdivision(
        alpha2.strip().upper(), value_keys
    )


@scope(only=APPLIES_TO)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    if attribute_oid not in APPLIES_TO:
        return []
    alpha2 = geography.subject_country(attribute_oid, subject)
    # Quiet for C=XX, no country, and countries that ISO 3166-2 does not divide.
    if alpha2 is None or not placenames.data().has_subdivisions(alpha2):
        return []
    value_keys = placenames.keys(value)
    if value_keys and geography.is_own_subdivision(alpha2, value_keys):
        return []
    if len(value) <= placenames.MAX_NAME_LENGTH and not value_keys:
        return []  # no letters or digits: stock pkilint reports insignificant values
    # The country's own name: reported by the country rule, or accepted there (city-states).
    if value_keys and value_keys[0] in geography.country_names(alpha2):
        return []
    if any(rule(attribute_oid, value, subject) for rule in _DEFER_TO):
        return []
    own = attributes.attribute_name(attribute_oid)
    country_attribute = attributes.attribute_name(geography.COUNTRY_OF[attribute_oid])
    return [
        Hit(
            UNRECOGNIZED_SUBDIVISION,
            f"{own} value {quote(value)} is not a recognised name or code of an ISO 3166-2 "
            f'subdivision of the subject\'s country ({country_attribute} "{alpha2}")',
        )
    ]
