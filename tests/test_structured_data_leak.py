"""structured_data_leak on plain strings: exact outcomes, near misses, hostile input."""

from __future__ import annotations


import pytest

from helpers import record_calls
from pkilint_semantic_dn.core import attributes as a
from pkilint_semantic_dn.core.subject import as_subject
from pkilint_semantic_dn.rules import structured_data_leak as leak

ST, L, O, CN = (
    a.STATE_OR_PROVINCE_NAME,
    a.LOCALITY_NAME,
    a.ORGANIZATION_NAME,
    a.COMMON_NAME,
)
EMAIL, C, DESCRIPTION = a.EMAIL_ADDRESS, a.COUNTRY_NAME, "2.5.4.13"

STRUCTURED = leak.STRUCTURED_DATA
TEMPLATE = leak.TEMPLATE_PLACEHOLDER
LABEL = leak.FIELD_LABEL
POSSIBLE_LABEL = leak.POSSIBLE_FIELD_LABEL
QUOTED = leak.QUOTED_VALUE
POSSIBLE_QUOTED = leak.POSSIBLE_QUOTED_VALUE

SUBJECT = [(C, "JP"), (ST, "Tokyo"), (L, "Minato-ku"), (O, "Example K.K.")]


def codes(oid, value, subject=SUBJECT):
    return [h.code for h in leak.check(oid, value, subject)]


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
        # Several leaks at once (the percent-encoding inside is encoding_leak's).
        (ST, '{"ST": "Tokyo%2C"}', [STRUCTURED]),
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
        # Percent signs that are text, and encodings (encoding_leak's): no templates.
        (O, "100% Pure Juice Ltd"),
        (O, "50%s Club"),
        (O, "100 %"),
        (ST, "Tokyo%2C%20C%3DJP"),
        (L, "M%C3%BCnchen"),
        (L, "MÃ¼nchen"),
        (L, "M\ufffdnchen"),
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
        # `KEYWORD=` is embedded_attribute_assignment's; a DN keyword before `=` is not a
        # form label here.
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
    (hit,) = leak.check(ST, "State: Tokyo", SUBJECT)
    assert hit.message == (
        'stateOrProvinceName value "State: Tokyo" contains the field label "State:" '
        "(stateOrProvinceName)"
    )
    (hit,) = leak.check(ST, '{"ST": "Tokyo"}', SUBJECT)
    assert hit.message.endswith('contains the data structure "{"ST": "Tokyo"}"')
    (hit,) = leak.check(ST, "\\{\\{state\\}\\}", SUBJECT)
    assert "after RFC 4514 unescaping" in hit.message


def test_labels_and_quotes_helpers():
    assert leak.label_key("Zip_Code") == "zip code"
    assert leak.is_wrapped_in_quotes('"Tokyo"')
    assert not leak.is_wrapped_in_quotes('"A" and "B"')
    assert not leak.is_wrapped_in_quotes("''")
    assert leak.find_template("${a}") == "${a}"  # shell syntax: any identifier
    assert leak.find_template("{a}") is None  # single braces: only names of fields
    assert leak.find_template("${state}") == "${state}"


def test_label_tables_come_from_the_data_files():
    assert leak.LABELS["zip code"] == "postalCode"
    assert leak.LABELS["state/province"] == "stateOrProvinceName"
    assert len(leak.LABELS) == 60
    assert "region" in leak._COMMON_WORD_LABELS
    assert "zip code" not in leak._COMMON_WORD_LABELS
    assert len(leak._COMMON_WORD_LABELS) == 30
    assert {"hostname", "cityname", "zipcode", "st"} <= leak._TEMPLATE_NAMES


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
    hits = leak.check(oid, value, [(C, "JP"), (oid, value), (ST, value)])
    for hit in hits:
        assert hit.code in leak.CODES
        assert len(hit.message) < 1000


def test_labels_repeating_the_subject_stay_linear_in_a_huge_subject(monkeypatch):
    # Every ST carries a single-letter label whose value is compared with the subject's
    # 16,000 countryName values: worked out once per subject, not once per attribute (the
    # scan per attribute took about 11 s here). Counted, not timed.
    calls = record_calls(monkeypatch, leak, "_folded_values")
    subject = as_subject(
        [(C, f"X{i}") for i in range(16000)]
        + [(ST, f"Tokyo, C: X{i}") for i in range(16000)]
    )
    found = [
        h.code for oid, v in subject if oid == ST for h in leak.check(oid, v, subject)
    ]
    assert found == [LABEL] * 16000
    # The countryName values, folded once for the whole subject.
    assert [oid for _, oid in calls] == [C]


@pytest.mark.parametrize(
    "oid,value,expected",
    [
        ("2.5.4.11", "Region: EMEA", [leak.POSSIBLE_FIELD_LABEL]),
        ("2.5.4.11", "Country: Music", [leak.POSSIBLE_FIELD_LABEL]),
        ("2.5.4.11", "Department: IT", []),
        ("2.5.4.10", "ACME Corp. (Region: EMEA)", [leak.POSSIBLE_FIELD_LABEL]),
        ("2.5.4.10", "Country: US", [leak.FIELD_LABEL]),  # repeats the subject's C
        ("1.3.6.1.4.1.311.60.2.1.2", "State: Delaware", [leak.FIELD_LABEL]),
    ],
)
def test_common_word_labels_are_certain_only_in_context(oid, value, expected):
    subject = (("2.5.4.6", "US"), ("2.5.4.8", "California"))
    assert [h.code for h in leak.check(oid, value, subject)] == expected
