"""Finds values that only say the field is absent or not applicable: `N/A`, `null`, `none`,
`unknown`, `TBD`, `k.A.`, `néant`, `該当なし`...

The whole value, after folding case, width, diacritics and everything but letters and digits
(`core.words.key`), is compared with the words of `data/not_applicable_words.csv` (English,
German, French, Spanish, Portuguese, Italian, Dutch, Japanese, Chinese, Korean, Russian). A
real name that merely contains such a word (`Unknown Worlds Entertainment`, `Bank of America,
N.A.`) is never a match. Incidents: `null` as stateOrProvinceName (Bugzilla
1645686/1710243).

Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 (after the subject attribute tables): "subject
Attributes MUST NOT contain only metadata such as '.', '-', and ' ' (i.e. space) characters,
and/or any other indication that the value is absent, incomplete, or not applicable".

Severity: ERROR (a MUST NOT).

Never flagged: values without any letter or digit, which stock pkilint reports
(cabf.insignificant_attribute_value_present), so nothing is reported twice; the bare letters of
punctuated words (`SO`, `ND`, `KA` for `s/o`, `n/d`, `k.A.`), which are codes and names
elsewhere; in name attributes, bare words that are also names (`Na`, `Nil`, `Null`, `NA` for
North America, `TBC` a bank) -- only spellings no name has (`N/A`, `-none-`, `not applicable`)
and a few technical words (`unknown`) count there; in a locality, single words that are also
the names of towns (`None` in Piedmont, `Ninguno` in Mexico, `Néant` in Brittany, `Nan` in
Thailand, China and Laos); in geographic attributes, a word that is an ISO 3166-2 subdivision
name or code of the subject's country (`NA` Navarra in ES, `KA` Karnataka in IN, `SD` South
Dakota in US); countryName, jurisdictionCountryName and domainComponent.
"""

from __future__ import annotations

from pkilint_semantic_dn.core import attributes, words
from pkilint_semantic_dn.core.geo import is_subdivision
from pkilint_semantic_dn.core.registry import Hit, rule
from pkilint_semantic_dn.core.subject import Subject, fact_of
from pkilint_semantic_dn.core.text import quote

NOT_APPLICABLE_VALUE = "semantic_dn.not_applicable_value"

# Country codes and domain labels have their own syntax checks in pkilint.
NOT_APPLICABLE = attributes.CODED_ATTRIBUTES

# Words that only say the value is absent or not applicable (BR: "any other indication that the
# value is absent, incomplete, or not applicable"), in the languages CAs commonly see.
_TABLE = words.read_table("not_applicable_words.csv")
_WORDS = tuple(row["word"] for row in _TABLE)

# The first spelling of each key is the one messages quote.
NOT_APPLICABLE_WORDS: dict[str, str] = {}
for _w in _WORDS:
    NOT_APPLICABLE_WORDS.setdefault(words.key(_w), _w)
del _w

# Single words that are also the names of towns somewhere (`also_a_town`): in a locality they
# may be the town, so there only unmistakable forms (`N/A`, `-none-`, `null`) are flagged.
_ALSO_TOWN_NAMES = frozenset(
    words.key(row["word"]) for row in _TABLE if row["also_a_town"] == "yes"
)
# Keys that only punctuated spellings produce (`s/o`, `n/d`, `k.A.`): the bare letters (`SO`,
# `ND`, `KA`) are codes and names elsewhere, so the punctuation must be there.
_PUNCTUATED_ONLY = frozenset(
    words.key(w) for w in _WORDS if not w.replace(" ", "").isalnum()
) - frozenset(words.key(w) for w in _WORDS if w.replace(" ", "").isalnum())
# Bare words that no person or organisation is called (`never_a_name`).
_NEVER_NAMES = frozenset(
    words.key(row["word"]) for row in _TABLE if row["never_a_name"] == "yes"
)
del _TABLE


def _countries(subject: Subject) -> frozenset[str]:
    return frozenset(
        v.strip().upper()
        for oid in (attributes.COUNTRY_NAME, attributes.JURISDICTION_COUNTRY_NAME)
        for v in subject.values_of(oid)
    )


def _is_subdivision_of_any(countries: frozenset[str], value: str) -> bool:
    return any(is_subdivision(c, value) for c in countries)


@rule(
    NOT_APPLICABLE_VALUE,
    severity="ERROR",
    why="A MUST NOT of the BRs; the match is on the whole (folded) value, and words that are "
    "also names, towns or subdivisions of the subject's country are left alone where they "
    "can be one.",
    description="The value only says that the information is absent or not applicable "
    "(N/A, null, none, unknown, TBD and equivalents in other languages)",
    citation="TLS BR 7.1.2.7.2-7.1.2.7.4: subject Attributes MUST NOT contain only metadata "
    "such as '.', '-', and ' ' characters, and/or any other indication that the value is "
    "absent, incomplete, or not applicable",
    example="L=N/A",
    never=NOT_APPLICABLE,
    keys=frozenset(NOT_APPLICABLE_WORDS),  # it reports only on a value whose key is one
    examples=(
        "L=N/A",
        "ST=null",
        "L=-none-",
        "ST=k.A.",
        "L=該当なし",
        "O=not applicable",
    ),
    near_misses=(
        "ST=NA (C=ES)",
        "L=None (C=IT)",
        "SN=Na",
        "OU=NA",
        "O=Bank of America, N.A.",
        "O=Unknown Worlds Entertainment",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    if attribute_oid in NOT_APPLICABLE:
        return []
    k = words.short_key(value) if len(value) <= words.MAX_LENGTH else ""
    word = NOT_APPLICABLE_WORDS.get(k)
    if word is None:
        return []
    bare = words.is_one_word(value.strip())
    if k in _PUNCTUATED_ONLY and bare:
        return []
    # Names of people and organisations: `Na`, `Nan`, `Nil`, `Null` are surnames and given
    # names, `NA` an OU for North America, `TBC` a bank. There only the spellings no name has
    # (`N/A`, `n.a.`, `-none-`, `not applicable`) and a few technical words count.
    if attribute_oid in words.NAME_ATTRIBUTES and bare and k not in _NEVER_NAMES:
        return []
    if (
        attribute_oid in words.LOCALITY_ATTRIBUTES
        and k in _ALSO_TOWN_NAMES
        and value.strip().isalpha()
    ):
        return []
    # `NA` is Navarra in ES, `KA` Karnataka in IN, `SD` South Dakota in US: a short word that is
    # a subdivision (name or code) of the subject's country is that subdivision.
    if attribute_oid in words.GEOGRAPHIC_ATTRIBUTES and _is_subdivision_of_any(
        fact_of(subject, _countries), value
    ):
        return []
    own = attributes.attribute_name(attribute_oid)
    return [
        Hit(
            NOT_APPLICABLE_VALUE,
            f"{own} value {quote(value)} only says that the value is absent or not "
            f"applicable ({quote(word)})",
        )
    ]
