"""encoding_leak on plain strings: exact outcomes, near misses, hostile input."""

from __future__ import annotations

import time

import pytest

from pkilint_semantic_dn.core import attributes as a
from pkilint_semantic_dn.rules import encoding_leak as leak

ST, L, O, CN = (
    a.STATE_OR_PROVINCE_NAME,
    a.LOCALITY_NAME,
    a.ORGANIZATION_NAME,
    a.COMMON_NAME,
)
EMAIL, C = a.EMAIL_ADDRESS, a.COUNTRY_NAME

PERCENT = leak.PERCENT_ENCODED
REPLACEMENT = leak.REPLACEMENT_CHARACTER
MOJIBAKE = leak.MOJIBAKE
POSSIBLE_MOJIBAKE = leak.POSSIBLE_MOJIBAKE

SUBJECT = [(C, "JP"), (ST, "Tokyo"), (L, "Minato-ku"), (O, "Example K.K.")]


def codes(oid, value, subject=SUBJECT):
    return [h.code for h in leak.check(oid, value, subject)]


@pytest.mark.parametrize(
    "oid, value, expected",
    [
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
        # Several leaks at once (the structure around it is structured_data_leak's).
        (ST, '{"ST": "Tokyo%2C"}', [PERCENT]),
        (O, "M%C3%BCnchen MÃ¼nchen", [PERCENT, MOJIBAKE]),
    ],
)
def test_violations(oid, value, expected):
    assert codes(oid, value) == expected


@pytest.mark.parametrize(
    "oid, value",
    [
        # Percent signs that are text.
        (O, "100% Pure Juice Ltd"),
        (O, "Save 30%DE"),
        (O, "50%s Club"),
        (O, "100 %"),
        (EMAIL, "jane%example.net@example.com"),
        (EMAIL, "jane%20doe@example.com"),
        # Templates with `%` are structured_data_leak's, not encodings.
        (O, "%s"),
        (O, "Example %s K.K."),
        (O, "%(org)s"),
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
        (O, "L'Oréal"),
        (O, 'ООО "Ромашка"'),
        (O, "„Zur Linde“ GmbH"),
        (O, "«Ромашка»"),
        (O, "« Café » SAS"),
        (O, "«\u00a0Café\u00a0» SAS"),
        (L, "‘Uyūn al Jiwā’"),
        # Country codes and domain labels are never read.
        (C, "Ã¼"),
        (a.DOMAIN_COMPONENT, "%20"),
    ],
)
def test_near_misses(oid, value):
    assert codes(oid, value) == []


def test_messages():
    (hit,) = leak.check(ST, "Tokyo%2C%20C%3DJP", SUBJECT)
    assert hit.message == (
        'stateOrProvinceName value "Tokyo%2C%20C%3DJP" contains the percent-encoded '
        '(URL-encoded) characters "%2C%20"; decoded it reads "Tokyo, C=JP", which embeds '
        'the attribute assignment "C=JP" (countryName)'
    )
    (hit,) = leak.check(L, "MÃ¼nchen", SUBJECT)
    assert hit.message == (
        'localityName value "MÃ¼nchen" is UTF-8 text decoded as Windows-1252 or Latin-1 '
        '(mojibake); decoded as UTF-8 it reads "München"'
    )


def test_mojibake_helpers():
    assert leak.redecoded("MÃ¼nchen") == "München"
    assert leak.redecoded("München") is None
    assert leak.redecoded("SÃO PAULO") is None
    assert leak.redecoded("plain") is None
    assert leak.mojibake_sequences("x Ã¼ y") == [("Ã¼", "ü")]
    assert leak.mojibake_sequences("É»") == []  # U+027B: IPA, not a likely original


def test_percent_helper():
    assert leak.find_percent_encoding("Tokyo%2C%20C%3DJP") == "%2C%20"
    assert leak.find_percent_encoding("M%C3%BCnchen") == "%C3%BC"
    assert leak.find_percent_encoding("Save 30%DE") is None  # one byte, not UTF-8
    assert leak.find_percent_encoding("100%") is None


KIB64 = 64 * 1024
HOSTILE = {
    "percent_commas": "%2C" * (KIB64 // 3),
    "percent_no_hex": "%ZZ" * (KIB64 // 3),
    "percent_alone": "%" * KIB64,
    "percent_utf8": "%C3%BC" * (KIB64 // 6),
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
    hits = leak.check(oid, value, [(C, "JP"), (oid, value), (ST, value)])
    elapsed = time.perf_counter() - start
    for hit in hits:
        assert hit.code in leak.CODES
        assert len(hit.message) < 1000
    # Generous: linear scans of 64 KiB take milliseconds; anything quadratic takes seconds.
    assert elapsed < 0.5, (name, elapsed)
