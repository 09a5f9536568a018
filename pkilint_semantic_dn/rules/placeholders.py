"""Rule family 2: tool defaults, prompt texts and words that only say "not applicable".

Both rules compare the *whole* value, after folding case, width, diacritics and everything but
letters and digits (`Some-State`, `some state` and `SOME_STATE` are one key), against fixed
lists built at import. A real name that merely contains such a word (`Default Logistics Ltd`,
`Unknown Worlds Entertainment`) is never a match.

Sources of the lists: OpenSSL's `openssl.cnf` defaults and prompts, the defaults of common
distribution builds (`Default City`, `Default Company Ltd`), values revoked in public incidents
(`Some-State`: Bugzilla 1551374 and others; `Default Province`, `null`: 1645686/1710243;
`Default City`: NII UPKI 2019; EV serialNumber `0`: 1575022).
"""

from __future__ import annotations

import functools
import unicodedata

from pkilint_semantic_dn import attributes
from pkilint_semantic_dn.rules import (
    Hit,
    Subject,
    normalise,
    quote,
    scope,
    subject_values,
)

PLACEHOLDER_VALUE = "semantic_dn.placeholder_value"
NOT_APPLICABLE_VALUE = "semantic_dn.not_applicable_value"

# Country codes and domain labels have their own syntax checks in pkilint.
NOT_APPLICABLE = attributes.CODED_ATTRIBUTES

# Longer values are never placeholders; the key is only computed for short values.
_MAX_LENGTH = 80
# Template syntax around a word is the structured-data family's finding, not a second one here.
_TEMPLATE_SYNTAX = frozenset("{}<>$%")


def key(value: str) -> str:
    """Letters and digits only, casefolded, without diacritics and width differences."""
    # Checked before the memo, so the memo only ever holds short strings.
    if len(value) > _MAX_LENGTH:
        return ""
    return _short_key(value)


# Both rules of this module key the same value; the memo is bounded (2,048 short strings) and
# holds nothing of a document.
@functools.lru_cache(maxsize=2048)
def _short_key(value: str) -> str:
    if value.isascii():  # the common case, without Unicode normalisation
        return "".join(filter(str.isalnum, value)).lower()
    decomposed = unicodedata.normalize("NFKD", normalise.fold(value))
    return "".join(filter(str.isalnum, decomposed)).casefold()


_PLACEHOLDERS = {
    # OpenSSL's openssl.cnf defaults.
    "Some-State": "OpenSSL's default stateOrProvinceName",
    "Internet Widgits Pty Ltd": "OpenSSL's default organizationName",
    # Distribution builds of openssl.cnf (Red Hat, Fedora, CentOS).
    "Default City": "a distribution's default localityName",
    "Default Company Ltd": "a distribution's default organizationName",
    # Seen in incidents and common templates.
    "Default Province": "a default stateOrProvinceName (Bugzilla 1645686)",
    "Default Region": "a default value",
    "Some State or Province": "a template default",
    "Default State": "a default value",
    "Default Locality": "a default value",
    "Default Organization": "a default value",
    "Default Organisation": "a default value",
    "Default": "a default value",
    "Some-City": "a template default",
    "Some-Organization": "a template default",
    "Your Company": "a template value",
    "Your Company Name": "a template value",
    "Your Organization": "a template value",
    "Your Organisation": "a template value",
    "Your City": "a template value",
    "Your State": "a template value",
    "Your Name": "a template value",
    "My Company": "a template value",
    "My Company Name": "a template value",
    "My Organization": "a template value",
    "My City": "a template value",
    "My State": "a template value",
    "Company Name": "a field label",
    "changeme": "a value meant to be changed",
    "to be changed": "a value meant to be changed",
    "placeholder": "a placeholder",
    "XX": "a placeholder",
    "XXX": "a placeholder",
    "XXXX": "a placeholder",
    "XXXXX": "a placeholder",
    "asdf": "a keyboard placeholder",
    "qwerty": "a keyboard placeholder",
    "Sample Company": "a template value",
    "Example Company": "a template value",
    # OpenSSL's interactive prompts, pasted as values.
    "Country Name (2 letter code)": "an OpenSSL prompt",
    "State or Province Name (full name)": "an OpenSSL prompt",
    "State or Province Name": "a field label",
    "Locality Name (eg, city)": "an OpenSSL prompt",
    "Locality Name": "a field label",
    "Organization Name (eg, company)": "an OpenSSL prompt",
    "Organization Name": "a field label",
    "Organizational Unit Name (eg, section)": "an OpenSSL prompt",
    "Organizational Unit Name": "a field label",
    "Common Name (e.g. server FQDN or YOUR name)": "an OpenSSL prompt",
    "Common Name (eg, your name or your server's hostname)": "an OpenSSL prompt",
    "Common Name (eg, YOUR name)": "an OpenSSL prompt",
    "Common Name": "a field label",
    "Email Address": "an OpenSSL prompt",
}
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    key(text): (text, why) for text, why in _PLACEHOLDERS.items()
}
# Field labels that are placeholders only where a place belongs (an organisation may be
# called "State").
GEOGRAPHIC_PLACEHOLDERS: dict[str, tuple[str, str]] = {
    key(text): (text, "a field label")
    for text in ("City", "State", "Province", "State/Province", "Locality", "Town")
}

# Words that only say the value is absent or not applicable (BR: "any other indication that the
# value is absent, incomplete, or not applicable"), in the languages CAs commonly see.
_NOT_APPLICABLE_WORDS = (
    # English
    "N/A",
    "NA",
    "n.a.",
    "n/a.",
    "N.A",
    "not applicable",
    "not available",
    "null",
    "nul",
    "none",
    "-none-",
    "nil",
    "unknown",
    "undefined",
    "undef",
    "TBD",
    "TBA",
    "TBC",
    "to be determined",
    "unspecified",
    "not specified",
    "not set",
    "empty",
    "blank",
    "no value",
    "novalue",
    "nan",
    # German
    "k.A.",
    "keine Angabe",
    "keine",
    "nicht zutreffend",
    "unbekannt",
    "entfällt",
    # French
    "néant",
    "non applicable",
    "sans objet",
    "s/o",
    "inconnu",
    "aucun",
    "aucune",
    "non renseigné",
    # Spanish, Portuguese, Italian
    "no aplica",
    "ninguno",
    "ninguna",
    "desconocido",
    "n/d",
    "s/d",
    "não se aplica",
    "nenhum",
    "desconhecido",
    "non applicabile",
    "nessuno",
    "sconosciuto",
    # Dutch
    "n.v.t.",
    "niet van toepassing",
    "onbekend",
    # Japanese, Chinese, Korean, Russian
    "なし",
    "該当なし",
    "不明",
    "无",
    "不适用",
    "未知",
    "없음",
    "해당없음",
    "нет",
    "не применимо",
    "неизвестно",
)
# The first spelling of each key is the one messages quote.
NOT_APPLICABLE_WORDS: dict[str, str] = {}
for _w in _NOT_APPLICABLE_WORDS:
    NOT_APPLICABLE_WORDS.setdefault(key(_w), _w)
del _w

# Single words that are also the names of towns somewhere (None in Piedmont, Ninguno in
# Mexico, Néant in Brittany, Nan in Thailand, China and Laos, ...): in a locality they may be the
# town, so there only unmistakable forms (`N/A`, `-none-`, `null`) are flagged.
_ALSO_TOWN_NAMES = frozenset(
    key(w)
    for w in (
        "none",
        "nil",
        "nan",
        "nul",
        "empty",
        "blank",
        "keine",
        "aucun",
        "aucune",
        "ninguno",
        "ninguna",
        "nenhum",
        "nessuno",
        "néant",
    )
)
# Keys that only punctuated spellings produce (`s/o`, `n/d`, `k.A.`): the bare letters (`SO`,
# `ND`, `KA`) are codes and names elsewhere, so the punctuation must be there.
_PUNCTUATED_ONLY = frozenset(
    key(w) for w in _NOT_APPLICABLE_WORDS if not w.replace(" ", "").isalnum()
) - frozenset(key(w) for w in _NOT_APPLICABLE_WORDS if w.replace(" ", "").isalnum())
# Attributes that hold the name of a person or an organisation.
NAME_ATTRIBUTES = frozenset(
    {
        attributes.ORGANIZATION_NAME,
        attributes.ORGANIZATIONAL_UNIT_NAME,
        attributes.COMMON_NAME,
        attributes.SURNAME,
        attributes.GIVEN_NAME,
        "2.5.4.43",  # initials
        "2.5.4.44",  # generationQualifier
        attributes.PSEUDONYM,
        "2.5.4.41",  # name
    }
)
# Bare words that no person or organisation is called.
_NEVER_NAMES = frozenset(key(w) for w in ("unknown", "undefined", "unspecified"))
_LOCALITIES = frozenset(
    {attributes.LOCALITY_NAME, attributes.JURISDICTION_LOCALITY_NAME}
)


_GEOGRAPHIC = frozenset(
    {
        attributes.STATE_OR_PROVINCE_NAME,
        attributes.LOCALITY_NAME,
        attributes.JURISDICTION_STATE_OR_PROVINCE_NAME,
        attributes.JURISDICTION_LOCALITY_NAME,
    }
)


def _countries(subject: Subject) -> set[str]:
    return {
        v.strip().upper()
        for oid in (attributes.COUNTRY_NAME, attributes.JURISDICTION_COUNTRY_NAME)
        for v in subject_values(subject, oid)
    }


def _is_subdivision_of_any(countries: set[str], value: str) -> bool:
    # Imported here: the subdivision rule itself consults this module's rules.
    from pkilint_semantic_dn.rules import subdivisions

    return any(subdivisions.is_subdivision(c, value) for c in countries)


def _is_ev_subject(subject: Subject) -> bool:
    # Only the EV Guidelines make serialNumber a Registration Number; elsewhere (devices,
    # PKIX) any serial is allowed. EV subjects carry businessCategory and jurisdiction fields.
    return any(
        subject_values(subject, oid)
        for oid in (
            attributes.BUSINESS_CATEGORY,
            attributes.JURISDICTION_COUNTRY_NAME,
        )
    )


def _is_one_word(text: str) -> bool:
    return text.isalnum()


def _is_all_zeros(value: str) -> bool:
    digits = value.strip()
    return digits != "" and set(digits) == {"0"}


@scope(never=NOT_APPLICABLE)
def check_placeholder(
    attribute_oid: str, value: str, subject: Subject = ()
) -> list[Hit]:
    if attribute_oid in NOT_APPLICABLE:
        return []
    if (
        attribute_oid == attributes.SERIAL_NUMBER
        and _is_all_zeros(value)
        and _is_ev_subject(subject)
    ):
        own = attributes.attribute_name(attribute_oid)
        return [
            Hit(
                PLACEHOLDER_VALUE,
                f"{own} value {quote(value)} is all zeros, not a registration number",
            )
        ]
    # `${state}`, `{{city}}`, `<Company Name>`: the leaks family reports those.
    if not _TEMPLATE_SYNTAX.isdisjoint(value[:_MAX_LENGTH]):
        return []
    k = key(value)
    found = PLACEHOLDERS.get(k)
    if found is None and attribute_oid in _GEOGRAPHIC:
        found = GEOGRAPHIC_PLACEHOLDERS.get(k)
    if found is None:
        return []
    text, why = found
    # One-word placeholders (`Default`, `Placeholder`, `Qwerty`, `XXXX`) are also the names of
    # real companies and people: in a name attribute only the longer texts count.
    if attribute_oid in NAME_ATTRIBUTES and _is_one_word(text):
        return []
    own = attributes.attribute_name(attribute_oid)
    return [
        Hit(
            PLACEHOLDER_VALUE,
            f"{own} value {quote(value)} is a placeholder ({why}: {quote(text)}), "
            "not the Subject's information",
        )
    ]


@scope(never=NOT_APPLICABLE)
def check_not_applicable(
    attribute_oid: str, value: str, subject: Subject = ()
) -> list[Hit]:
    if attribute_oid in NOT_APPLICABLE:
        return []
    k = key(value)
    word = NOT_APPLICABLE_WORDS.get(k)
    if word is None:
        return []
    bare = _is_one_word(value.strip())
    if k in _PUNCTUATED_ONLY and bare:
        return []
    # Names of people and organisations: `Na`, `Nan`, `Nil`, `Null` are surnames and given
    # names, `NA` an OU for North America, `TBC` a bank. There only the spellings no name has
    # (`N/A`, `n.a.`, `-none-`, `not applicable`) and a few technical words count.
    if attribute_oid in NAME_ATTRIBUTES and bare and k not in _NEVER_NAMES:
        return []
    if (
        attribute_oid in _LOCALITIES
        and k in _ALSO_TOWN_NAMES
        and value.strip().isalpha()
    ):
        return []
    countries = _countries(subject)
    # `NA` is Navarra in ES, `KA` Karnataka in IN, `SD` South Dakota in US: a short word that is
    # a subdivision (name or code) of the subject's country is that subdivision.
    if attribute_oid in _GEOGRAPHIC and _is_subdivision_of_any(countries, value):
        return []
    own = attributes.attribute_name(attribute_oid)
    return [
        Hit(
            NOT_APPLICABLE_VALUE,
            f"{own} value {quote(value)} only says that the value is absent or not "
            f"applicable ({quote(word)})",
        )
    ]
