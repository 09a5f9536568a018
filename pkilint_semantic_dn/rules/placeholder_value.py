"""Finds tool defaults, template texts and prompts left in a value, and an all-zero EV serialNumber.

`Some-State`, `Internet Widgits Pty Ltd`, `Default City`, `State or Province Name (full
name)`: the whole value, after folding case, width, diacritics and everything but letters and
digits (`core.words.key`: `Some-State`, `some state` and `SOME_STATE` are one key), is compared
with the table `data/placeholder_values.csv`. A real name that merely contains such a word
(`Default Logistics Ltd`, `State Street Corporation`) is never a match.

Sources of the table: OpenSSL's `openssl.cnf` defaults and prompts, the defaults of common
distribution builds (`Default City`, `Default Company Ltd`), values revoked in public incidents
(`Some-State`: Bugzilla 1551374 and others; `Default Province`, `null`: 1645686/1710243;
`Default City`: NII UPKI 2019; EV serialNumber `0`: 1575022).

Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- a present subject attribute MUST contain the
Subject's information of its type, verified per 3.2.2.1 (S/MIME BR 7.1.4.2.2 likewise); EV
Guidelines: serialNumber MUST contain the Registration Number.

Severity: ERROR. A value that *is* a default or prompt cannot be verified Subject information.

Never flagged: field labels (`State`, `City`) outside stateOrProvinceName and localityName
(an organisation may be called "State"); one-word placeholders (`Default`, `Placeholder`,
`Qwerty`, `XXXX`) in name attributes, where they are also the names of real companies and
people; an all-zero serialNumber outside EV subjects (devices and PKIX allow any serial);
values with template syntax (`${state}`, `<Company Name>`), which the structured-data rule
reports; countryName, jurisdictionCountryName and domainComponent.
"""

from __future__ import annotations

from pkilint_semantic_dn.core import attributes, citations, words
from pkilint_semantic_dn.core.registry import Hit, rule
from pkilint_semantic_dn.core.subject import Subject, fact_of
from pkilint_semantic_dn.core.text import quote

PLACEHOLDER_VALUE = "semantic_dn.placeholder_value"

# Country codes and domain labels have their own syntax checks in pkilint.
NOT_APPLICABLE = attributes.CODED_ATTRIBUTES

# Template syntax around a word is the structured-data rule's finding, not a second one here.
_TEMPLATE_SYNTAX = frozenset("{}<>$%")

_TABLE = words.read_table("placeholder_values.csv")
# Key -> (the text messages quote, why it is a placeholder). `attributes` "place": a field
# label that is a placeholder only where a place belongs (an organisation may be called
# "State").
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    words.key(row["value"]): (row["value"], row["why"])
    for row in _TABLE
    if row["attributes"] == "any"
}
GEOGRAPHIC_PLACEHOLDERS: dict[str, tuple[str, str]] = {
    words.key(row["value"]): (row["value"], row["why"])
    for row in _TABLE
    if row["attributes"] == "place"
}
del _TABLE
# Every key either table holds: a typical value's key is in neither, and one set lookup says so
# (no key is empty, so a value without letters or digits, or too long to key, leaves at once).
_ANY_KEY = frozenset(PLACEHOLDERS) | frozenset(GEOGRAPHIC_PLACEHOLDERS)
assert "" not in _ANY_KEY
# The keys of the values it may report on: those, and an all-zero serialNumber's (zeros, or
# "" when it is too long to key). The engine runs the rule on no other value.
REPORTED_KEYS = (
    _ANY_KEY
    | frozenset("0" * n for n in range(1, words.MAX_LENGTH + 1))
    | frozenset({""})
)


def _is_ev_subject(subject: Subject) -> bool:
    # Only the EV Guidelines make serialNumber a Registration Number; elsewhere (devices,
    # PKIX) any serial is allowed. EV subjects carry businessCategory and jurisdiction fields.
    return any(
        subject.values_of(oid)
        for oid in (
            attributes.BUSINESS_CATEGORY,
            attributes.JURISDICTION_COUNTRY_NAME,
        )
    )


def _is_all_zeros(value: str) -> bool:
    digits = value.strip()
    return digits != "" and set(digits) == {"0"}


@rule(
    PLACEHOLDER_VALUE,
    severity="ERROR",
    why="The match is on the whole (folded) value, so a real name that only contains such a "
    "word is never matched; a value that is a tool default or prompt cannot be verified "
    "Subject information.",
    description="The value is a tool default, template text or prompt (Some-State, Internet "
    "Widgits Pty Ltd, Default City, State or Province Name (full name)), or an all-zero "
    "serialNumber, not the Subject's information",
    citation=citations.SUBJECT_INFORMATION
    + "; EV Guidelines: serialNumber is the Registration Number",
    example="ST=Some-State",
    never=NOT_APPLICABLE,
    keys=REPORTED_KEYS,
    examples=(
        "ST=Some-State",
        "O=Internet Widgits Pty Ltd",
        "L=Default City",
        "ST=State or Province Name (full name)",
        "L=City",
        "SERIALNUMBER=00 (EV)",
    ),
    near_misses=(
        "O=Default Logistics Ltd",
        "O=State Street Corporation",
        "O=Default",
        "SERIALNUMBER=0 (not EV)",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    if attribute_oid in NOT_APPLICABLE:
        return []
    if (
        attribute_oid == attributes.SERIAL_NUMBER
        and _is_all_zeros(value)
        and fact_of(subject, _is_ev_subject)
    ):
        own = attributes.attribute_name(attribute_oid)
        return [
            Hit(
                PLACEHOLDER_VALUE,
                f"{own} value {quote(value)} is all zeros, not a registration number",
            )
        ]
    # The common path: the value's (memoised) key is no placeholder of either table.
    k = words.short_key(value) if len(value) <= words.MAX_LENGTH else ""
    if k not in _ANY_KEY:
        return []
    # `${state}`, `{{city}}`, `<Company Name>`: the leaks family reports those.
    if not _TEMPLATE_SYNTAX.isdisjoint(value):
        return []
    found = PLACEHOLDERS.get(k)
    if found is None and attribute_oid in words.GEOGRAPHIC_ATTRIBUTES:
        found = GEOGRAPHIC_PLACEHOLDERS.get(k)
    if found is None:
        return []
    text, why = found
    # One-word placeholders (`Default`, `Placeholder`, `Qwerty`, `XXXX`) are also the names of
    # real companies and people: in a name attribute only the longer texts count.
    if attribute_oid in words.NAME_ATTRIBUTES and words.is_one_word(text):
        return []
    own = attributes.attribute_name(attribute_oid)
    return [
        Hit(
            PLACEHOLDER_VALUE,
            f"{own} value {quote(value)} is a placeholder ({why}: {quote(text)}), "
            "not the Subject's information",
        )
    ]
