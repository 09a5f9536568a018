"""Rule family 5 (rules/leaks.py) on plain strings: exact outcomes, near misses, hostile input."""

from __future__ import annotations

import time

import pytest

from pkilint_semantic_dn import attributes as a
from pkilint_semantic_dn.rules import leaks

ST, L, O, CN = (
    a.STATE_OR_PROVINCE_NAME,
    a.LOCALITY_NAME,
    a.ORGANIZATION_NAME,
    a.COMMON_NAME,
)
EMAIL, C, DESCRIPTION = a.EMAIL_ADDRESS, a.COUNTRY_NAME, "2.5.4.13"

STRUCTURED = leaks.STRUCTURED_DATA
TEMPLATE = leaks.TEMPLATE_PLACEHOLDER
LABEL = leaks.FIELD_LABEL
POSSIBLE_LABEL = leaks.POSSIBLE_FIELD_LABEL
QUOTED = leaks.QUOTED_VALUE
POSSIBLE_QUOTED = leaks.POSSIBLE_QUOTED_VALUE
PERCENT = leaks.PERCENT_ENCODED
REPLACEMENT = leaks.REPLACEMENT_CHARACTER
MOJIBAKE = leaks.MOJIBAKE
POSSIBLE_MOJIBAKE = leaks.POSSIBLE_MOJIBAKE

SUBJECT = [(C, "JP"), (ST, "Tokyo"), (L, "Minato-ku"), (O, "Example K.K.")]


def codes(oid, value, subject=SUBJECT):
    return [h.code for h in leaks.check(oid, value, subject)]


@pytest.mark.parametrize(
    "oid, value, expected",
    [
        # Structures.
        (ST, '{"ST": "Tokyo"}', [STRUCTURED]),
        (ST, "{'ST': 'Tokyo'}", [STRUCTURED]),
        (ST, "{ST: Tokyo}", [STRUCTURED]),
        (ST, '{ "state" : "Tokyo", "country": "JP" }', [STRUCTURED]),
        (ST, '["Tokyo"]', [STRUCTURED]),
        (ST, '["Tokyo", "JP"]', [STRUCTURED]),
        (O, 'Example K.K. {"C": "JP"}', [STRUCTURED]),
        (O, "<O>Example K.K.</O>", [STRUCTURED]),
        (ST, '"ST": "Tokyo"', [STRUCTURED]),
        (ST, "Tokyo, 'C': 'JP'", [STRUCTURED]),
        # Field labels.
        (ST, "State: Tokyo", [LABEL]),
        (ST, "STATE:Tokyo", [LABEL]),
        (ST, "stateOrProvinceName: Tokyo", [LABEL]),
        (ST, "ST: Tokyo", [LABEL]),
        (ST, "2.5.4.8: Tokyo", [LABEL]),
        (ST, "State/Province: Tokyo", [LABEL]),
        (ST, "State or Province: Tokyo", [LABEL]),
        (ST, "Tokyo, Country: JP", [LABEL]),
        (ST, "Tokyo; Country=JP", [LABEL]),
        (ST, "Tokyo/Country: JP", [LABEL]),
        (L, "City=Tokyo", [LABEL]),
        (L, "Zip_Code: 100-0001", [LABEL]),
        (O, "Company: Example K.K.", [LABEL]),
        (O, "Organisation Name: Example K.K.", [LABEL]),
        (CN, "Common Name: www.example.jp", [LABEL]),
        (EMAIL, "email:jane@example.jp", [LABEL]),
        (ST, "Tokyo, C: JP", [LABEL]),  # single letter after a separator
        (ST, "C: JP", [LABEL]),  # single letter repeating the subject's countryName
        (ST, "S: Tokyo", [POSSIBLE_LABEL]),
        (O, "E: Example", [POSSIBLE_LABEL]),
        (L, "‘Uyūn al Jiwā’", [POSSIBLE_QUOTED]),  # a real name: only a NOTICE
        # Templates.
        (ST, "${state}", [TEMPLATE]),
        (ST, "${ST}", [TEMPLATE]),
        (L, "{{city}}", [TEMPLATE]),
        (L, "{{ .City }}", [TEMPLATE]),
        (O, "%s", [TEMPLATE]),
        (O, "Example %s K.K.", [TEMPLATE]),
        (O, "%(org)s", [TEMPLATE]),
        (ST, "<state>", [TEMPLATE]),
        (O, "<Company Name>", [TEMPLATE]),
        (O, "<your_company>", [TEMPLATE]),
        (O, "{0}", [TEMPLATE]),
        (L, "{city}", [TEMPLATE]),
        (L, "Minato-ku {country}", [TEMPLATE]),
        # Quotes around the whole value.
        (ST, '"Tokyo"', [QUOTED]),
        (ST, "'Tokyo'", [POSSIBLE_QUOTED]),
        (ST, "`Tokyo`", [POSSIBLE_QUOTED]),
        (ST, "“Tokyo”", [QUOTED]),
        (ST, "‘Tokyo’", [POSSIBLE_QUOTED]),
        (ST, '  "Tokyo"  ', [QUOTED]),
        (L, "'St. John's'", [POSSIBLE_QUOTED]),
        (ST, "＂Tokyo＂", [QUOTED]),  # fullwidth quotes fold to ASCII
        (ST, '\\"Tokyo\\"', [QUOTED]),  # RFC 4514 escaped quotes
        # Percent-encoding.
        (ST, "Tokyo%2C%20C%3DJP", [PERCENT]),
        (ST, "Tokyo%2c%20c%3djp", [PERCENT]),
        (O, "Example%20K.K.", [PERCENT]),
        (L, "M%C3%BCnchen", [PERCENT]),
        (L, "%E6%B8%AF%E5%8C%BA", [PERCENT]),
        # The replacement character and mojibake.
        (L, "M\ufffdnchen", [REPLACEMENT]),
        (O, "Beispiel ï¿½ GmbH", [REPLACEMENT]),
        (L, "MÃ¼nchen", [MOJIBAKE]),
        (O, "SociÃ©tÃ© GÃ©nÃ©rale", [MOJIBAKE]),
        (O, "Example Corpâ€™s", [MOJIBAKE]),
        (O, "Â£100 Ltd", [MOJIBAKE]),
        (O, "æ—¥æœ¬", [MOJIBAKE]),
        (O, "ÐŸÑ€Ð¸Ð²ÐµÑ‚", [MOJIBAKE]),  # Привет
        (O, "ÐŸÑ€Ð¸Ð²ÐµÑ‚ LLC", [MOJIBAKE]),
        (L, "Ø§Ù„Ø±ÙŠØ§Ø¶", [MOJIBAKE]),  # الرياض
        (L, "Ä°stanbul", [MOJIBAKE]),  # İstanbul
        (O, "MÃƒÂ¼nchen", [MOJIBAKE]),  # encoded twice: still mojibake
        (L, "München MÃ¼nchen", [POSSIBLE_MOJIBAKE]),
        (O, "株式会社 MÃ¼nchen", [POSSIBLE_MOJIBAKE]),
        # Several leaks at once.
        (ST, '{"ST": "Tokyo%2C"}', [STRUCTURED, PERCENT]),
        (ST, "State: ${state}", [TEMPLATE, LABEL]),
    ],
)
def test_violations(oid, value, expected):
    assert codes(oid, value) == expected


@pytest.mark.parametrize(
    "oid, value",
    [
        # Apostrophes, inner quotes, possessives.
        (L, "St. John's"),
        (L, "'s-Hertogenbosch"),
        (L, "Braine-l'Alleud"),
        (O, 'The "Best" Company'),
        (O, '"Best" and "Worst" Inc.'),
        (O, "Macy's, Inc."),
        (O, "L'Oréal"),
        (O, 'ООО "Ромашка"'),
        (O, "„Zur Linde“ GmbH"),
        (O, "«Ромашка»"),
        (O, "« Café » SAS"),
        (O, "«\u00a0Café\u00a0» SAS"),
        (
            O,
            '""',
        ),  # punctuation only: stock pkilint's insignificant_attribute_value_present
        # Percent signs that are text.
        (O, "100% Pure Juice Ltd"),
        (O, "Save 30%DE"),
        (O, "50%s Club"),
        (O, "100 %"),
        (EMAIL, "jane%example.net@example.com"),
        (EMAIL, "jane%20doe@example.com"),
        # Accented capitals and other legitimate non-ASCII text.
        (L, "SÃO PAULO"),
        (O, "AÇÃO SOCIAL LTDA"),
        (O, "CORAÇÃO"),
        (L, "Zürich"),
        (L, "Łódź"),
        (L, "Úžice"),  # Czech: would re-decode to Arabic "ڞice" inside a Latin word
        (L, "Úštěk"),
        (O, "Ærø Café – Gästehaus"),
        (O, "Straße–Nord"),
        (O, "«CAFÉ»"),
        (O, "Nº 5 Ltd"),
        (O, "Ω Omega"),
        (L, "港区"),
        (O, "株式会社サンプル"),
        (O, "Привет"),
        # Colons, braces and angle brackets that are no labels or templates.
        (O, "Project: Phoenix Ltd"),
        (L, "S:t Karins"),  # Swedish "Sankt"
        (L, "S:ta Maria"),
        (O, "Acme Company: Widgets"),
        (O, "Note: Example"),
        (CN, "2001:db8::1"),
        (CN, "www.example.com:443"),
        (CN, "DNS:www.example.com"),
        (O, "Time: 10:30"),
        (O, "Acme {Beta} Labs"),
        (O, "Jane Doe <jane@example.com>"),
        (O, "<E> Design"),
        (O, "Ca$h Money"),
        (O, "C&A Mode GmbH"),
        (O, "Barnes & Noble, Inc."),
        (O, "Acme Widgets (Acme Holdings, Inc.)"),
        (O, "Kids=Joy GmbH"),
        (L, "Frankfurt (Oder)"),
        (L, "Washington, D.C."),
        # `KEYWORD=` is family 1's; a DN keyword before `=` is not a form label here.
        (ST, "Tokyo, C=JP"),
        (a.STREET_ADDRESS, "1600 Amphitheatre Parkway, STREET=Building 40"),
        # Free text is exempt from label and quote checks.
        (DESCRIPTION, "Note: State: Tokyo"),
        (DESCRIPTION, '"quoted description"'),
        # Country codes and domain labels are never read.
        (C, '"J'),
        (a.DOMAIN_COMPONENT, "%20"),
    ],
)
def test_near_misses(oid, value):
    assert codes(oid, value) == []


def test_messages():
    (hit,) = leaks.check(ST, "Tokyo%2C%20C%3DJP", SUBJECT)
    assert hit.message == (
        'stateOrProvinceName value "Tokyo%2C%20C%3DJP" contains the percent-encoded '
        '(URL-encoded) characters "%2C%20"; decoded it reads "Tokyo, C=JP", which embeds '
        'the attribute assignment "C=JP" (countryName)'
    )
    (hit,) = leaks.check(L, "MÃ¼nchen", SUBJECT)
    assert hit.message == (
        'localityName value "MÃ¼nchen" is UTF-8 text decoded as Windows-1252 or Latin-1 '
        '(mojibake); decoded as UTF-8 it reads "München"'
    )
    (hit,) = leaks.check(ST, "State: Tokyo", SUBJECT)
    assert hit.message == (
        'stateOrProvinceName value "State: Tokyo" contains the field label "State:" '
        "(stateOrProvinceName)"
    )
    (hit,) = leaks.check(ST, '{"ST": "Tokyo"}', SUBJECT)
    assert hit.message.endswith('contains the data structure "{"ST": "Tokyo"}"')
    (hit,) = leaks.check(ST, "\\{\\{state\\}\\}", SUBJECT)
    assert "after RFC 4514 unescaping" in hit.message


def test_mojibake_helpers():
    assert leaks.redecoded("MÃ¼nchen") == "München"
    assert leaks.redecoded("München") is None
    assert leaks.redecoded("SÃO PAULO") is None
    assert leaks.redecoded("plain") is None
    assert leaks.mojibake_sequences("x Ã¼ y") == [("Ã¼", "ü")]
    assert leaks.mojibake_sequences("É»") == []  # U+027B: IPA, not a likely original


def test_labels_and_quotes_helpers():
    assert leaks.label_key("Zip_Code") == "zip code"
    assert leaks.is_wrapped_in_quotes('"Tokyo"')
    assert not leaks.is_wrapped_in_quotes('"A" and "B"')
    assert not leaks.is_wrapped_in_quotes("''")
    assert leaks.find_template("${a}") == "${a}"  # shell syntax: any identifier
    assert leaks.find_template("{a}") is None  # single braces: only names of fields
    assert leaks.find_template("${state}") == "${state}"


KIB64 = 64 * 1024
HOSTILE = {
    "percent_commas": "%2C" * (KIB64 // 3),
    "percent_no_hex": "%ZZ" * (KIB64 // 3),
    "percent_alone": "%" * KIB64,
    "a_tilde": "Ã" * KIB64,
    "a_tilde_copyright": "Ã©" * (KIB64 // 2),
    "e_acute_raquo": "É»" * (KIB64 // 2),
    "cjk": "東" * KIB64,
    "replacement": "\ufffd" * KIB64,
    "colons": ":" * KIB64,
    "labels": "State:" * (KIB64 // 6),
    "separator_labels": ", ST: x" * (KIB64 // 7),
    "braces": "{" * KIB64,
    "brace_keys": '{"a":' * (KIB64 // 5),
    "brackets": '["' * (KIB64 // 2),
    "angles": "<" * KIB64,
    "angle_names": "<state" * (KIB64 // 6),
    "closing_tags": "</a>" * (KIB64 // 4),
    "dollar_braces": "${" * (KIB64 // 2),
    "double_braces": "{{" * (KIB64 // 2),
    "quotes": '"' * KIB64,
    "apostrophes": "'a" * (KIB64 // 2),
    "backslashes": "\\" * KIB64,
    "mixed": ('Tokyo, C=JP %2C Ã© {"x": 1} State: ${a} ') * (KIB64 // 40),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("oid", [ST, O, EMAIL])
def test_hostile_input_is_cheap_and_bounded(name, oid):
    value = HOSTILE[name]
    start = time.perf_counter()
    hits = leaks.check(oid, value, [(C, "JP"), (oid, value), (ST, value)])
    elapsed = time.perf_counter() - start
    for hit in hits:
        assert hit.code in leaks.CODES
        assert len(hit.message) < 1000
    # Generous: linear scans of 64 KiB take milliseconds; anything quadratic takes seconds.
    assert elapsed < 0.5, (name, elapsed)


@pytest.mark.parametrize(
    "oid,value,expected",
    [
        ("2.5.4.11", "Region: EMEA", [leaks.POSSIBLE_FIELD_LABEL]),
        ("2.5.4.11", "Country: Music", [leaks.POSSIBLE_FIELD_LABEL]),
        ("2.5.4.11", "Department: IT", []),
        ("2.5.4.10", "ACME Corp. (Region: EMEA)", [leaks.POSSIBLE_FIELD_LABEL]),
        ("2.5.4.10", "Country: US", [leaks.FIELD_LABEL]),  # repeats the subject's C
        ("1.3.6.1.4.1.311.60.2.1.2", "State: Delaware", [leaks.FIELD_LABEL]),
    ],
)
def test_common_word_labels_are_certain_only_in_context(oid, value, expected):
    subject = (("2.5.4.6", "US"), ("2.5.4.8", "California"))
    assert [h.code for h in leaks.check_structure(oid, value, subject)] == expected
