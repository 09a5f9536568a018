"""Finds a postalCode that carries more than the postal code: a place name or a country prefix.

The incidents behind it: `1260 Nyon` (SwissSign, Bugzilla 1569651), where the town followed
the code, and `NLD-3707BK` (Buypass, 2017), where the ISO 3166 alpha-3 code preceded it. Two
findings: words besides the code (the subject's own localityName or stateOrProvinceName, or
any word no national postal code format has), and the subject's own country code before the
code (an ISO 3166-1 alpha-2 or alpha-3 code, or the CEPT-era distinguishing sign: `D-80331`,
`CH-1260`, `FIN-00100`).

Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- postalCode, "If present, MUST contain the
Subject's zip or postal information" (S/MIME BR 7.1.4.2.2 likewise); the place name belongs
in localityName, the country in countryName.

Severity: NOTICE -- heuristics. Postal code formats differ by country: letters are part of
the code in GB, CA, NL, IE, MT, AR and others (`SW1A 1AA`, `K1A 0B1`, `VLT 1117`), and a
prefix is official in a few countries (`LV-1050`, `LT-01100`, `MD-2001`, `AZ 1000`, `AD500`,
`L-1234`); those are accepted. Only words that no format has (mixed-case or four-letter words,
the subject's own localityName or stateOrProvinceName, any letters where the country's codes
are digits only) and the subject's own country code before the code count. Never flagged: the
letter groups of the postal line that name no place (`75008 CEDEX`, `BFPO 123`, the British
overseas territories' `FIQQ 1ZZ`), a country prefix when the subject has no countryName, and
a value of digits only. The country facts are `data/postal_code_countries.csv`, the postal
line words `data/postal_words.csv`.
"""

from __future__ import annotations

from typing import NamedTuple

from pkilint_semantic_dn.core import attributes, citations, normalise, postal
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.subject import Subject, fact_of
from pkilint_semantic_dn.core.text import quote
from pkilint_semantic_dn.core.words import read_table

PLACE_NAME_IN_POSTAL_CODE = "semantic_dn.place_name_in_postal_code"
COUNTRY_PREFIX_IN_POSTAL_CODE = "semantic_dn.country_prefix_in_postal_code"

# One row per ISO 3166-1 country: alpha2, alpha3 (pycountry 26.2.16); distinguishing_sign,
# the international distinguishing sign that CEPT-era addresses put before postal codes where
# it differs from the alpha-2 code; official_prefix, the letters the country's official
# postal code starts with (UPU formats: `LV-1050`, `LT-01100`, `MD-2001`, `AZ 1000`, `AD500`,
# `BB11000`, `KY1-1100`, `VC0100`, `VG1110`, `AI-2640`, `MSR 1110`, `EC170150`, `L-1234`, and
# the UK-style `JE2 3AB`, `IM1 1AA`); digits_only "yes" where its postal codes are digits only
# (optionally with a hyphen or a space), so any letters in its postalCode are something else
# (`CA 94043` under C=US).
_COUNTRIES = read_table("postal_code_countries.csv")
COUNTRY_MARKERS: dict[str, frozenset[str]] = {
    row["alpha2"]: frozenset(
        {row["alpha2"], row["alpha3"]}
        | ({row["distinguishing_sign"]} if row["distinguishing_sign"] else set())
    )
    for row in _COUNTRIES
}
OFFICIAL_PREFIXES: dict[str, frozenset[str]] = {
    row["alpha2"]: frozenset({row["official_prefix"]})
    for row in _COUNTRIES
    if row["official_prefix"]
}
DIGITS_ONLY = frozenset(row["alpha2"] for row in _COUNTRIES if row["digits_only"])
del _COUNTRIES
# Letter groups that belong to postal codes or to the postal line without naming a place:
# French CEDEX, British Forces Post Office, the British overseas territories' codes.
_POSTAL_WORDS = frozenset(row["word"] for row in read_table("postal_words.csv"))


class _SubjectFacts(NamedTuple):
    country: str  # the subject's countryName, upper case ("" without one)
    places: dict[str, str]  # key of each L and ST value -> the attribute's name


def _subject_facts(subject: Subject) -> _SubjectFacts:
    country = ""
    for v in subject.values_of(attributes.COUNTRY_NAME):
        country = v.strip().upper()
        break
    places = {
        postal.key(v): name
        for oid, name in _PLACE_TYPES
        for v in subject.values_of(oid)
    }
    return _SubjectFacts(country, places)


_PLACE_TYPES = tuple(
    (oid, attributes.attribute_name(oid))
    for oid in (attributes.LOCALITY_NAME, attributes.STATE_OR_PROVINCE_NAME)
)


def _leading_letters(text: str) -> tuple[str, str, str]:
    """(letters, separator, rest) for `NLD-3707BK`; ('', '', text) without leading letters."""
    i = 0
    while i < len(text) and i < 4 and "A" <= text[i].upper() <= "Z":
        i += 1
    if i == 0 or i > 3:
        return "", "", text
    sep = text[i] if i < len(text) and text[i] in "- " else ""
    return text[:i], sep, text[i + len(sep) :]


def _is_place_word(token: str, country: str) -> bool:
    """A word in a postalCode that is not part of any national postal code format."""
    if not token.isalpha() or token.upper() in _POSTAL_WORDS:
        return False
    if not token.isascii():
        return len(token) >= 2
    if len(token) >= 4 or (len(token) == 3 and not token.isupper()):
        return True
    return country in DIGITS_ONLY


_WHY_NOTICE = (
    "A heuristic: postal code formats differ by country (letters belong to the code in GB, "
    "CA, NL, IE, MT, AR; some countries' official codes start with letters), so a finding "
    "asks for a look rather than proving an error."
)


@rule(
    PLACE_NAME_IN_POSTAL_CODE,
    severity="NOTICE",
    why=_WHY_NOTICE,
    description="The postal code carries a place name or other words besides the code",
    citation=citations.ADDRESS
    + "; SwissSign Bugzilla 1569651; heuristic: national postal code formats",
    example="postalCode=1260 Nyon",
    attributes=(attributes.POSTAL_CODE,),
    also=(
        finding(
            COUNTRY_PREFIX_IN_POSTAL_CODE,
            severity="NOTICE",
            why=_WHY_NOTICE,
            description="The postal code starts with a code of the subject's country "
            "(CEPT-style `D-`, `CH-` or an ISO 3166 code) that is not part of that "
            "country's official format",
            citation=citations.ADDRESS
            + "; Buypass 2017 (NLD-3707BK); countries whose official format has the "
            "prefix (LV-, LT-, MD-, AZ, AD, BB, KY, VC, VG, AI-, MSR, EC, L-) are excepted",
            example="postalCode=NLD-3707BK (C=NL)",
        ),
    ),
    examples=(
        "postalCode=1260 Nyon (C=CH, L=Nyon)",
        "postalCode=CA 94043 (C=US)",
        "postalCode=NLD-3707BK (C=NL)",
        "postalCode=D-80331 (C=DE)",
    ),
    near_misses=(
        "postalCode=SW1A 1AA (C=GB)",
        "postalCode=LV-1050 (C=LV)",
        "postalCode=75008 CEDEX (C=FR)",
        "postalCode=D02 X285 (C=IE)",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Place names and country prefixes in a postalCode value."""
    if attribute_oid != attributes.POSTAL_CODE or not value:
        return []
    text = value[: postal.MAX_ANALYSED]
    if not text.isascii():  # `normalise.fold`'s own test, without the call
        text = normalise.fold(text)
    text = text.strip()
    if text.isdigit():  # most postal codes
        return []
    country, places = fact_of(subject, _subject_facts)
    hits = []
    prefix_token = ""

    letters, sep, rest = _leading_letters(text)
    if (
        letters
        and country
        and rest[:1].isdigit()
        and letters.upper() in COUNTRY_MARKERS.get(country, ())
        and letters.upper() not in OFFICIAL_PREFIXES.get(country, ())
    ):
        prefix_token = letters
        hits.append(
            Hit(
                COUNTRY_PREFIX_IN_POSTAL_CODE,
                f"postalCode value {quote(value)} starts with {quote(letters + sep)}, a "
                f"code of the subject's country {country}; the postal code is "
                f"{quote(rest.strip())}",
            )
        )

    tokens = [
        postal.clean(t) for t in text.replace(",", " ").split(None, postal.MAX_TOKENS)
    ]
    words = []
    for i, token in enumerate(tokens[: postal.MAX_TOKENS]):
        if not token or (i == 0 and token == prefix_token):
            continue
        if postal.key(token) in places or _is_place_word(token, country):
            words.append(token)
    if words:
        phrase = " ".join(words)
        named = places.get(postal.key(phrase)) or places.get(postal.key(words[0]))
        if named:
            why = f" (the subject's {named})"
        elif country in DIGITS_ONLY:
            why = f" (postal codes of {country} are digits only)"
        else:
            why = ""
        hits.append(
            Hit(
                PLACE_NAME_IN_POSTAL_CODE,
                f"postalCode value {quote(value)} contains {quote(phrase)}{why} "
                "besides the postal code",
            )
        )
    return hits
