"""Every finding this plugin can report: one row each, the single source of truth.

The pkilint validators take their `VALIDATION_*` constants from here, `finding_metadata.csv`
is rendered from here (`python -m pkilint_semantic_dn.catalogue > ...`), and the README table
and the `check`/`scan` output name the same rows. Tests prove the three agree.
"""

from __future__ import annotations

import csv
import io
import sys
from typing import NamedTuple

from pkilint_semantic_dn import preissuance
from pkilint_semantic_dn.rules import (
    address,
    embedded,
    geography,
    leaks,
    placeholders,
    subdivisions,
    whitespace,
)


class Entry(NamedTuple):
    code: str
    severity: str  # ERROR, WARNING or NOTICE, as pkilint names them
    attributes: str  # which subject attributes the rule reads
    citation: str  # the requirement the finding rests on
    description: str  # one sentence for finding_metadata.csv
    example: str  # a value that triggers it
    # "pkilint": a validator reports it (and finding_metadata.csv lists it); "check": only
    # `pkilint-semantic-dn check` does, on a requested subject before issuance.
    scope: str = "pkilint"


_ALL_STRING_ATTRIBUTES = (
    "every string attribute except countryName, jurisdictionCountryName, "
    "domainComponent and emailAddress"
)
_BR_SUBJECT_INFORMATION = (
    "TLS BR 7.1.2.7.2-7.1.2.7.4 (each subject attribute, if present, MUST contain the "
    "Subject's information of that type, verified per 3.2); S/MIME BR 7.1.4.2.2; "
    "RFC 5280 4.1.2.6 / X.501 (one AttributeTypeAndValue carries one attribute)"
)

ENTRIES: tuple[Entry, ...] = (
    Entry(
        embedded.EMBEDDED_ATTRIBUTE_ASSIGNMENT,
        "ERROR",
        _ALL_STRING_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION,
        "The attribute value embeds another attribute's assignment (KEYWORD=value after a "
        "DN separator, or a multi-letter keyword at its start), so it is not information of "
        "its own type",
        "ST=Tokyo, C=JP",
    ),
    Entry(
        embedded.EMBEDDED_DISTINGUISHED_NAME,
        "ERROR",
        _ALL_STRING_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION,
        "The attribute value holds a whole distinguished name string (two or more "
        "attribute assignments, RFC 4514 or OpenSSL one-line syntax)",
        "O=/C=US/ST=California/L=Mountain View",
    ),
    Entry(
        embedded.POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT,
        "NOTICE",
        _ALL_STRING_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION
        + "; heuristic: a single-letter keyword at the start of a value can be a real name",
        "The attribute value starts with a single-letter DN keyword and '=' (for example "
        "'E=' or 'C='), which may be a pasted attribute assignment or a real name",
        "O=E=MC2 Ltd",
    ),
)

_NOT_CODES = "every string attribute except countryName, jurisdictionCountryName and domainComponent"
_BR_METADATA = (
    "TLS BR 7.1.2.7.2-7.1.2.7.4: subject Attributes MUST NOT contain only metadata such as "
    "'.', '-', and ' ' characters, and/or any other indication that the value is absent, "
    "incomplete, or not applicable"
)

# Family 2: placeholders and not-applicable words.
ENTRIES += (
    Entry(
        placeholders.PLACEHOLDER_VALUE,
        "ERROR",
        _NOT_CODES,
        _BR_SUBJECT_INFORMATION
        + "; EV Guidelines: serialNumber is the Registration Number",
        "The value is a tool default, template text or prompt (Some-State, Internet Widgits "
        "Pty Ltd, Default City, State or Province Name (full name)), or an all-zero "
        "serialNumber, not the Subject's information",
        "ST=Some-State",
    ),
    Entry(
        placeholders.NOT_APPLICABLE_VALUE,
        "ERROR",
        _NOT_CODES,
        _BR_METADATA,
        "The value only says that the information is absent or not applicable (N/A, null, "
        "none, unknown, TBD and equivalents in other languages)",
        "L=N/A",
    ),
)

# Family 6: white space, control and invisible characters.
ENTRIES += (
    Entry(
        whitespace.CONTROL_CHARACTER,
        "ERROR",
        _NOT_CODES,
        _BR_SUBJECT_INFORMATION
        + "; RFC 4518 2.2 (control characters carry no information)",
        "The value contains a C0 or C1 control character (tab, line feed, ...)",
        "O=Example<TAB>Corporation",
    ),
    Entry(
        whitespace.INVISIBLE_CHARACTER,
        "WARNING",
        _NOT_CODES,
        _BR_SUBJECT_INFORMATION
        + "; Unicode TR 36 (invisible and bidi control characters)",
        "The value contains an invisible format character (zero width space, byte order "
        "mark, bidi override or isolate, soft hyphen) that the name does not need",
        "O=Example<U+200B>Corporation",
    ),
    Entry(
        whitespace.LEADING_OR_TRAILING_WHITESPACE,
        "WARNING",
        _NOT_CODES,
        _BR_SUBJECT_INFORMATION + "; RFC 4518 2.6.1 (insignificant space handling)",
        "The value starts or ends with white space",
        "CN=' www.example.com'",
    ),
    Entry(
        whitespace.REPEATED_WHITESPACE,
        "NOTICE",
        _NOT_CODES,
        "RFC 4518 2.6.1 (repeated inner spaces are insignificant); heuristic",
        "The value contains two or more consecutive spaces",
        "O='Example  Corporation'",
    ),
)

# Families 3 and 7: countries, continents and subdivisions in the place attributes.
_PLACE_ATTRIBUTES = (
    "stateOrProvinceName, localityName (against countryName); "
    "jurisdictionStateOrProvinceName, jurisdictionLocalityName (against jurisdictionCountryName)"
)
_STATE_ATTRIBUTES = (
    "stateOrProvinceName (against countryName), jurisdictionStateOrProvinceName (against "
    "jurisdictionCountryName)"
)
_BR_PLACE = (
    "TLS BR 7.1.2.7.3/7.1.2.7.4 (stateOrProvinceName: if present, MUST contain the Subject's "
    "state or province information; localityName: the Subject's locality information); "
    "EV Guidelines 7.1.4.2.4 (jurisdiction fields: the full name of the jurisdiction)"
)
ENTRIES += (
    Entry(
        geography.COUNTRY_NAME_AS_PLACE,
        "WARNING",
        _PLACE_ATTRIBUTES,
        _BR_PLACE + "; Bugzilla 1645686, 1668007, 1710444",
        "The state, province or locality is the subject's own country (its name, a common or "
        "native name, or its code), which is no subdivision of that country",
        "ST=United Kingdom (C=GB)",
    ),
    Entry(
        geography.COUNTRY_NAME_APPENDED,
        "WARNING",
        _PLACE_ATTRIBUTES,
        _BR_PLACE + "; Bugzilla 1668007",
        "The state, province or locality ends with the subject's own country after a "
        "separator, so it carries countryName information too",
        "ST=Tokyo, Japan (C=JP)",
    ),
    Entry(
        geography.FOREIGN_COUNTRY_OR_CONTINENT,
        "WARNING",
        _STATE_ATTRIBUTES,
        _BR_PLACE + "; Bugzilla 1645686 / 1710243",
        "The state or province names a continent or world region, or a country other than "
        "the subject's country that is no ISO 3166-2 subdivision of it",
        "ST=Russia (C=DE)",
    ),
    Entry(
        geography.POSSIBLE_FOREIGN_COUNTRY,
        "NOTICE",
        _STATE_ATTRIBUTES,
        _BR_PLACE + "; heuristic: the subject's country has no ISO 3166-2 subdivisions",
        "The state or province names a country other than the subject's country, whose "
        "country has no ISO 3166-2 subdivisions that could rule out a local place of that "
        "name",
        "ST=France (C=JE)",
    ),
    Entry(
        subdivisions.UNRECOGNIZED_SUBDIVISION,
        "NOTICE",
        _STATE_ATTRIBUTES,
        _BR_PLACE
        + "; heuristic: compared with ISO 3166-2 names, translations and codes (the BRs do "
        "not require ISO 3166-2); Bugzilla 1978186",
        "The state or province is not a recognised name, variant or code of an ISO 3166-2 "
        "subdivision of the subject's country",
        "ST=重庆币 (C=CN)",
    ),
)

# Family 4: address parts joined into one attribute. Heuristics, so NOTICE throughout.
_ADDRESS_PLACE_ATTRIBUTES = (
    "stateOrProvinceName, localityName, jurisdictionStateOrProvinceName, "
    "jurisdictionLocalityName"
)
_BR_ADDRESS = (
    "TLS BR 7.1.2.7.3/7.1.2.7.4 (stateOrProvinceName / localityName: if present, MUST contain "
    "the Subject's state or province / locality information; postalCode: MUST contain the "
    "Subject's zip or postal information); S/MIME BR 7.1.4.2.2; EV Guidelines 7.1.4.2.4 "
    "(jurisdiction fields MUST NOT contain information not relevant to the jurisdiction)"
)
ENTRIES += (
    Entry(
        address.POSTAL_CODE_IN_PLACE_NAME,
        "NOTICE",
        _ADDRESS_PLACE_ATTRIBUTES,
        _BR_ADDRESS + "; heuristic: postal code shapes",
        "The state, province or locality contains a postal code (a token in the shape of a "
        "national postal code, or the subject's own postalCode)",
        "ST=CA 94043",
    ),
    Entry(
        address.STREET_ADDRESS_IN_PLACE_NAME,
        "NOTICE",
        _ADDRESS_PLACE_ATTRIBUTES,
        _BR_ADDRESS + "; heuristic: house number beside a street type word, P.O. box",
        "The state, province or locality contains a street address part (house number and "
        "street type, unit or box number, Japanese block number, or the subject's own "
        "streetAddress)",
        "L=1600 Amphitheatre Parkway, Mountain View",
    ),
    Entry(
        address.JOINED_PLACE_NAMES,
        "NOTICE",
        _ADDRESS_PLACE_ATTRIBUTES,
        _BR_ADDRESS + "; heuristic: official names with commas are excepted",
        "The locality (or state) is a list of comma-separated address parts, one of which "
        "is the subject's state (or locality)",
        "L=Chiyoda-ku, Tokyo (ST=Tokyo)",
    ),
    Entry(
        address.PLACE_NAME_IN_POSTAL_CODE,
        "NOTICE",
        "postalCode",
        _BR_ADDRESS
        + "; SwissSign Bugzilla 1569651; heuristic: national postal code formats",
        "The postal code carries a place name or other words besides the code",
        "postalCode=1260 Nyon",
    ),
    Entry(
        address.COUNTRY_PREFIX_IN_POSTAL_CODE,
        "NOTICE",
        "postalCode (against countryName)",
        _BR_ADDRESS
        + "; Buypass 2017 (NLD-3707BK); countries whose official format has the "
        "prefix (LV-, LT-, MD-, AZ, AD, BB, KY, VC, VG, AI-, MSR, EC, L-) are excepted",
        "The postal code starts with a code of the subject's country (CEPT-style `D-`, "
        "`CH-` or an ISO 3166 code) that is not part of that country's official format",
        "postalCode=NLD-3707BK (C=NL)",
    ),
)

# Family 5: structured data, templates and encoding leaks.
_LEAK_ATTRIBUTES = "every string attribute except countryName, jurisdictionCountryName and domainComponent"
_BR_ABSENT = (
    "TLS BR 7.1.2.7.2-7.1.2.7.4: subject Attributes MUST NOT contain only metadata ... "
    "and/or any other indication that the value is absent, incomplete, or not applicable"
)
ENTRIES += (
    Entry(
        leaks.STRUCTURED_DATA,
        "ERROR",
        _LEAK_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION,
        "The value contains a data structure (JSON or JavaScript object, JSON array of "
        "strings, XML element, quoted key) instead of the plain information",
        'ST={"ST": "Tokyo"}',
    ),
    Entry(
        leaks.TEMPLATE_PLACEHOLDER,
        "ERROR",
        _LEAK_ATTRIBUTES,
        _BR_ABSENT,
        "The value contains an unsubstituted template variable (${state}, {{city}}, %s, "
        "{state}, <state>), so the real value is absent",
        "L={{city}}",
    ),
    Entry(
        leaks.FIELD_LABEL,
        "ERROR",
        _LEAK_ATTRIBUTES + " (not description)",
        _BR_SUBJECT_INFORMATION,
        "The value contains a field label (a DN keyword or a form label such as State, "
        "City, Company) followed by ':', or a form label followed by '='",
        "ST=State: Tokyo",
    ),
    Entry(
        leaks.POSSIBLE_FIELD_LABEL,
        "NOTICE",
        _LEAK_ATTRIBUTES + " (not description)",
        _BR_SUBJECT_INFORMATION
        + "; heuristic: a single letter and ':' can start a real name",
        "The value starts with a single-letter DN keyword and ':' (for example 'S:' or "
        "'E:'), which may be a field label",
        "ST=S: Tokyo",
    ),
    Entry(
        leaks.QUOTED_VALUE,
        "WARNING",
        _LEAK_ATTRIBUTES + " (not description)",
        _BR_SUBJECT_INFORMATION
        + "; the quotes are CSV, JSON or shell quoting, not the name",
        "The whole value is wrapped in double quotation marks",
        'ST="Tokyo"',
    ),
    Entry(
        leaks.POSSIBLE_QUOTED_VALUE,
        "NOTICE",
        _LEAK_ATTRIBUTES + " (not description)",
        _BR_SUBJECT_INFORMATION
        + "; heuristic: single quotes also transliterate Arabic "
        "ʿayn and hamza at both ends of real names (‘Uyūn al Jiwā’)",
        "The whole value is wrapped in single quotation marks or backticks",
        "ST='Tokyo'",
    ),
    Entry(
        leaks.PERCENT_ENCODED,
        "ERROR",
        _LEAK_ATTRIBUTES + " (not emailAddress)",
        _BR_SUBJECT_INFORMATION,
        "The value contains URL percent-encoding of separators, quotes, white space or UTF-8 "
        "text (%2C, %20, %3D, %C3%BC)",
        "ST=Tokyo%2C%20C%3DJP",
    ),
    Entry(
        leaks.REPLACEMENT_CHARACTER,
        "ERROR",
        _LEAK_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION
        + "; characters were lost in decoding (pkimetal: Error)",
        "The value contains the Unicode replacement character U+FFFD (or its Latin-1 "
        "reading 'ï¿½'): characters of the name were lost",
        "L=M\ufffdnchen",
    ),
    Entry(
        leaks.MOJIBAKE,
        "WARNING",
        _LEAK_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION + "; Sectigo Bugzilla 1724458",
        "The whole value is UTF-8 text that was decoded as Windows-1252 or Latin-1 "
        "(mojibake); re-decoded it gives a shorter, plausible text",
        "L=MÃ¼nchen",
    ),
    Entry(
        leaks.POSSIBLE_MOJIBAKE,
        "NOTICE",
        _LEAK_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION + "; Sectigo Bugzilla 1724458; heuristic",
        "Part of the value looks like UTF-8 decoded as Windows-1252 or Latin-1 (Ã¼, Â©, "
        "â€™ and similar sequences)",
        "O=株式会社 MÃ¼nchen",
    ),
)

# Reported instead of a crash if a rule ever raises: pkilint would turn an exception into a
# FATAL base.unhandled_exception finding, which must never come from this plugin.
ENTRIES += (
    Entry(
        "semantic_dn.rule_failed",
        "NOTICE",
        "any",
        "none: a defect in this plugin, reported instead of an exception",
        "A semantic DN rule could not check this value; the value was not checked",
        "(none)",
    ),
)

# Before issuance only (`check`): see preissuance.py for why these are not validators.
ENTRIES += (
    Entry(
        preissuance.DUPLICATE_ATTRIBUTE,
        "ERROR",
        "every attribute",
        "TLS BR 7.1.4.1 (each Name MUST NOT contain more than one instance of a given "
        "AttributeTypeAndValue unless explicitly allowed); Bugzilla 2004654 (a subject "
        "assembled twice)",
        "The requested subject gives the same attribute (type and value) twice",
        "C=JP,ST=Tokyo, C=JP",
        "check",
    ),
    Entry(
        preissuance.REPEATED_ATTRIBUTE_TYPE,
        "WARNING",
        "every attribute type in the table except streetAddress, domainComponent and "
        "organizationalUnitName",
        "TLS BR 7.1.4.1 and 7.1.2.7.2-7.1.2.7.4 (only streetAddress and, for OV, "
        "domainComponent may repeat); other profiles may allow it, hence WARNING",
        "The requested subject gives an attribute type twice with different values",
        "CN=www.example.com,CN=example.com",
        "check",
    ),
    Entry(
        preissuance.DN_STRING_SYNTAX_IN_VALUE,
        "WARNING",
        "every string attribute",
        _BR_SUBJECT_INFORMATION + "; RFC 4514 2.4 (escaping belongs to the string "
        "representation, not to the value)",
        "A requested value still carries DN-string escaping or '#'-hex encoding (no "
        "attribute assignment: those are embedded_attribute_assignment)",
        'JSON value "Example\\, Inc."',
        "check",
    ),
    Entry(
        preissuance.METADATA_ONLY_VALUE,
        "ERROR",
        "every attribute",
        "TLS BR 7.1.2.7.2-7.1.2.7.4 (subject attributes MUST NOT contain only metadata such "
        "as '.', '-' and ' ' characters); in certificates stock pkilint reports it as "
        "cabf.insignificant_attribute_value_present",
        "A requested value has no letter, number or symbol: only punctuation, white space "
        "or nothing",
        "O=-",
        "check",
    ),
)

BY_CODE: dict[str, Entry] = {e.code: e for e in ENTRIES}
# What pkilint can report: the validators declare these, finding_metadata.csv lists these.
PKILINT_ENTRIES: tuple[Entry, ...] = tuple(e for e in ENTRIES if e.scope == "pkilint")

METADATA_COLUMNS = ("severity", "code", "source", "description")


def render_metadata_csv() -> str:
    """finding_metadata.csv in the columns pkimetal reads: severity,code,source,description."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(METADATA_COLUMNS)
    for entry in PKILINT_ENTRIES:  # pkimetal only ever sees pkilint's findings
        writer.writerow((entry.severity, entry.code, entry.citation, entry.description))
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.write(render_metadata_csv())
