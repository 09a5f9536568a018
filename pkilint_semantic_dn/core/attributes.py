"""Distinguished-name attribute types: OIDs, their names in words, and the keywords tools print.

Pure data, no pkilint or pyasn1: the rules, the pkilint validators and the `check` front end
all name attributes through this one table.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class AttributeType(NamedTuple):
    oid: str
    name: str  # the X.520 / PKCS #9 / EV Guidelines name, used in messages
    keywords: tuple[
        str, ...
    ]  # short names and aliases used in DN strings (RFC 4514, OpenSSL, ...)


COUNTRY_NAME = "2.5.4.6"
STATE_OR_PROVINCE_NAME = "2.5.4.8"
LOCALITY_NAME = "2.5.4.7"
ORGANIZATION_NAME = "2.5.4.10"
ORGANIZATIONAL_UNIT_NAME = "2.5.4.11"
COMMON_NAME = "2.5.4.3"
STREET_ADDRESS = "2.5.4.9"
POSTAL_CODE = "2.5.4.17"
SERIAL_NUMBER = "2.5.4.5"
SURNAME = "2.5.4.4"
GIVEN_NAME = "2.5.4.42"
TITLE = "2.5.4.12"
PSEUDONYM = "2.5.4.65"
BUSINESS_CATEGORY = "2.5.4.15"
ORGANIZATION_IDENTIFIER = "2.5.4.97"
DOMAIN_COMPONENT = "0.9.2342.19200300.100.1.25"
EMAIL_ADDRESS = "1.2.840.113549.1.9.1"
JURISDICTION_LOCALITY_NAME = "1.3.6.1.4.1.311.60.2.1.1"
JURISDICTION_STATE_OR_PROVINCE_NAME = "1.3.6.1.4.1.311.60.2.1.2"
JURISDICTION_COUNTRY_NAME = "1.3.6.1.4.1.311.60.2.1.3"

ATTRIBUTE_TYPES: tuple[AttributeType, ...] = (
    AttributeType(COUNTRY_NAME, "countryName", ("C",)),
    AttributeType(STATE_OR_PROVINCE_NAME, "stateOrProvinceName", ("ST", "S")),
    AttributeType(LOCALITY_NAME, "localityName", ("L",)),
    AttributeType(ORGANIZATION_NAME, "organizationName", ("O",)),
    AttributeType(ORGANIZATIONAL_UNIT_NAME, "organizationalUnitName", ("OU",)),
    AttributeType(COMMON_NAME, "commonName", ("CN",)),
    AttributeType(STREET_ADDRESS, "streetAddress", ("STREET",)),
    AttributeType(POSTAL_CODE, "postalCode", ()),
    AttributeType(SERIAL_NUMBER, "serialNumber", ("SERIALNUMBER",)),
    AttributeType(SURNAME, "surname", ("SN",)),
    AttributeType(GIVEN_NAME, "givenName", ("GN", "G")),
    AttributeType("2.5.4.43", "initials", ()),
    AttributeType("2.5.4.44", "generationQualifier", ()),
    AttributeType(TITLE, "title", ("T",)),
    AttributeType(PSEUDONYM, "pseudonym", ()),
    AttributeType("2.5.4.41", "name", ()),
    AttributeType("2.5.4.46", "dnQualifier", ()),
    AttributeType(BUSINESS_CATEGORY, "businessCategory", ()),
    AttributeType(ORGANIZATION_IDENTIFIER, "organizationIdentifier", ()),
    AttributeType("2.5.4.13", "description", ()),
    AttributeType("2.5.4.18", "postOfficeBox", ()),
    AttributeType("2.5.4.20", "telephoneNumber", ()),
    AttributeType("2.5.4.45", "uniqueIdentifier", ()),
    AttributeType(DOMAIN_COMPONENT, "domainComponent", ("DC",)),
    AttributeType("0.9.2342.19200300.100.1.1", "userId", ("UID",)),
    AttributeType(EMAIL_ADDRESS, "emailAddress", ("E", "EMAIL")),
    AttributeType(
        JURISDICTION_LOCALITY_NAME,
        "jurisdictionLocalityName",
        ("jurisdictionL",),
    ),
    AttributeType(
        JURISDICTION_STATE_OR_PROVINCE_NAME,
        "jurisdictionStateOrProvinceName",
        ("jurisdictionST",),
    ),
    AttributeType(
        JURISDICTION_COUNTRY_NAME,
        "jurisdictionCountryName",
        ("jurisdictionC",),
    ),
)

BY_OID: dict[str, AttributeType] = {a.oid: a for a in ATTRIBUTE_TYPES}

# Country codes and domain labels: pkilint checks their syntax itself, and no text rule about
# names, spaces or leaks applies to them.
CODED_ATTRIBUTES = frozenset(
    {COUNTRY_NAME, JURISDICTION_COUNTRY_NAME, DOMAIN_COMPONENT}
)

# Every spelling that names an attribute in a DN string, casefolded: short names, long names
# and dotted OIDs. Built once at import.
KEYWORDS: dict[str, AttributeType] = {}
for _a in ATTRIBUTE_TYPES:
    for _k in (_a.name, _a.oid) + _a.keywords:
        KEYWORDS[_k.casefold()] = _a
del _a, _k

# Longest keyword, so scanners can stop walking back early on hostile input.
MAX_KEYWORD_LENGTH = max(len(k) for k in KEYWORDS)


def attribute_name(oid: str) -> str:
    """The attribute's name in words, or its dotted OID when it is not in the table."""
    attribute = BY_OID.get(oid)
    return attribute.name if attribute else oid


def lookup_keyword(keyword: str) -> AttributeType | None:
    """The attribute a DN-string keyword names (any case), or None."""
    return KEYWORDS.get(keyword.casefold())


_DOTTED_OID = re.compile(r"^[0-2](\.(0|[1-9][0-9]*))+$")


def resolve(name: str) -> str | None:
    """The dotted OID for a short name (`ST`), long name (`stateOrProvinceName`, any case) or
    dotted OID (returned as it is, known or not); None for anything else."""
    if not isinstance(name, str):
        return None
    if _DOTTED_OID.match(name):
        return name
    attribute = KEYWORDS.get(name.strip().casefold())
    return attribute.oid if attribute else None
