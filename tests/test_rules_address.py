"""Rule family 4 (rules/address.py) on plain strings: exact outcomes, near misses, hostile input."""

from __future__ import annotations

import time

import pytest

from pkilint_semantic_dn import attributes as a
from pkilint_semantic_dn.rules import address

L, ST, PC = a.LOCALITY_NAME, a.STATE_OR_PROVINCE_NAME, a.POSTAL_CODE
JURL, JURST = a.JURISDICTION_LOCALITY_NAME, a.JURISDICTION_STATE_OR_PROVINCE_NAME

POSTAL = address.POSTAL_CODE_IN_PLACE_NAME
STREET = address.STREET_ADDRESS_IN_PLACE_NAME
JOINED = address.JOINED_PLACE_NAMES
PLACE_IN_POSTAL = address.PLACE_NAME_IN_POSTAL_CODE
PREFIX = address.COUNTRY_PREFIX_IN_POSTAL_CODE

_KEYS = {
    "C": a.COUNTRY_NAME,
    "ST": ST,
    "L": L,
    "PC": PC,
    "STREET": a.STREET_ADDRESS,
    "JURST": JURST,
    "JURL": JURL,
}


def subject(**values):
    return [(_KEYS[k], v) for k, v in values.items()]


def codes(oid, value, **context):
    return [h.code for h in address.check(oid, value, subject(**context))]


@pytest.mark.parametrize(
    "oid, value, context, expected",
    [
        # Postal codes in ST and L.
        (ST, "CA 94043", dict(C="US", L="Mountain View"), [POSTAL]),
        (L, "Chiyoda-ku, Tokyo 100-0001", dict(C="JP", ST="Tokyo"), [POSTAL, JOINED]),
        (L, "London SW1A 1AA", dict(C="GB"), [POSTAL]),
        (L, "Ottawa K1A 0B1", dict(C="CA"), [POSTAL]),
        (L, "Dublin D02 X285", dict(C="IE"), [POSTAL]),
        (L, "1010 Wien", dict(C="AT", ST="Wien"), [POSTAL]),
        (L, "00-950 Warszawa", dict(C="PL"), [POSTAL]),
        (L, "Stockholm 114 55", dict(C="SE"), [POSTAL]),
        (L, "Seoul 06236", dict(C="KR"), [POSTAL]),
        (L, "St. Gallen 9000", dict(C="CH", ST="St. Gallen"), [POSTAL]),
        (L, "Reykjavík 101", dict(C="IS", PC="101"), [POSTAL]),
        (L, "東京都千代田区 〒100-0001", dict(C="JP"), [POSTAL]),
        (L, "９４０４３", dict(C="US"), [POSTAL]),  # fullwidth digits
        (JURL, "Wilmington 19801", dict(JURST="Delaware"), [POSTAL]),
        # Street addresses.
        (
            L,
            "1600 Amphitheatre Parkway, Mountain View",
            dict(ST="California"),
            [STREET],
        ),
        (L, "10 Downing Street", dict(C="GB"), [STREET]),
        (L, "Hauptstraße 5, Dresden", dict(C="DE"), [STREET]),
        (L, "Frankfurter Straße 5", dict(C="DE"), [STREET]),
        (L, "Kalverstraat 92", dict(C="NL"), [STREET]),
        (L, "10 rue de Rivoli", dict(C="FR"), [STREET]),
        (L, "Via Roma 1", dict(C="IT"), [STREET]),
        (L, "Calle Mayor 5, Madrid", dict(C="ES"), [STREET]),
        (L, "PO Box 1234", dict(C="US"), [STREET]),
        (L, "P.O. Box 12, Nassau", dict(C="BS"), [STREET]),
        (L, "Postfach 1234", dict(C="DE"), [STREET]),
        (ST, "Suite 200, California", dict(C="US"), [STREET]),
        (L, "Minato-ku 1-2-3", dict(C="JP"), [STREET]),
        (L, "港区芝公園4丁目2番8号", dict(C="JP"), [STREET]),
        (L, "港区芝公園四丁目", dict(C="JP"), [STREET]),
        (
            L,
            "Shoreline Campus, Mountain View",
            dict(STREET="Shoreline Campus"),
            [STREET],
        ),
        # Comma-separated parts that repeat the other place attribute.
        (L, "Mountain View, California", dict(ST="California"), [JOINED]),
        (ST, "Mountain View, California", dict(L="Mountain View"), [JOINED]),
        (L, "Minato-ku, TOKYO", dict(ST="Tokyo"), [JOINED]),
        (L, "Minato-ku、東京都", dict(ST="東京都"), [JOINED]),
        (L, "Minato-ku; Tokyo", dict(ST="Tokyo"), [JOINED]),
        (JURL, "Wilmington, Delaware", dict(JURST="Delaware"), [JOINED]),
        (L, "Kansas City, Kansas", dict(ST="Kansas"), [JOINED]),
        (L, "Minato-ku, Tokyo, Japan", dict(C="JP", ST="Tokyo"), [JOINED]),
        (L, "Tokyo, Japan", dict(ST="Tokyo"), [JOINED]),  # no countryName to tell
    ],
)
def test_place_name_violations(oid, value, context, expected):
    assert codes(oid, value, **context) == expected


@pytest.mark.parametrize(
    "oid, value, context",
    [
        # The issue's and the research notes' legitimate names.
        (L, "Washington, D.C.", dict(C="US", ST="District of Columbia")),
        (L, "Washington, D.C.", dict(C="US", ST="D.C.")),
        (L, "Frankfurt (Oder)", dict(C="DE", ST="Brandenburg")),
        (L, "Biel/Bienne", dict(C="CH", ST="Bern")),
        (ST, "San Andrés, Providencia y Santa Catalina", dict(C="CO", L="San Andrés")),
        (ST, "San Andres, Providencia y Santa Catalina", dict(C="CO", L="San Andres")),
        (ST, "Bristol, City of", dict(C="GB", L="Bristol")),
        (ST, "Kingston upon Hull, City of", dict(C="GB", L="Kingston upon Hull")),
        (ST, "Madrid, Comunidad de", dict(C="ES", L="Madrid")),
        (ST, "Adygeya, Respublika", dict(C="RU", L="Adygeya")),
        (ST, "Virgin Islands, U.S.", dict(C="US", L="Virgin Islands")),
        (L, "Halle (Saale)", dict(C="DE", ST="Sachsen-Anhalt")),
        (L, "St. John's", dict(C="CA", ST="Newfoundland and Labrador")),
        (L, "Braine-l'Alleud", dict(C="BE", ST="Brabant wallon")),
        (L, "Stratford-upon-Avon", dict(C="GB", ST="Warwickshire")),
        (L, "Saint-Denis", dict(C="FR", ST="Île-de-France")),
        (L, "港区", dict(C="JP", ST="東京都")),
        (ST, "東京都", dict(C="JP", L="港区")),
        # Digits and street words in real place names.
        (L, "100 Mile House", dict(C="CA", ST="British Columbia")),
        (L, "Neustadt an der Weinstraße", dict(C="DE", ST="Rheinland-Pfalz")),
        (L, "Piazza Armerina", dict(C="IT", ST="Sicilia")),
        (L, "Box Hill", dict(C="AU", ST="Victoria")),
        (L, "Rue", dict(C="FR", ST="Hauts-de-France")),
        (L, "Zona 10", dict(C="GT")),
        (L, "Quận 1", dict(C="VN")),
        (L, "Margate No. 4", dict(C="ZA")),
        (L, "Duliajan No. 1", dict(C="IN")),
        (L, "19 de Febrero de 1812", dict(C="MX")),  # a year, not a postal code
        (L, "Colonia 2 de Diciembre de 1974", dict(C="MX")),
        (
            L,
            "麻布十番",
            dict(C="JP", ST="東京都"),
        ),  # Azabu-Jūban: 番 after a kanji numeral
        (L, "二号桥", dict(C="CN")),
        (L, "St. Gallen", dict(C="CH", ST="St. Gallen")),
        (L, "Saint-Gall", dict(C="CH", ST="St. Gallen")),
        # The same name in both attributes is not joined.
        (L, "New York", dict(C="US", ST="New York")),
        (L, "Tokyo", dict(C="JP", ST="Tokyo")),
        # Countries are family 3's, also where the city and its state share a name.
        (L, "Paris, France", dict(C="FR", ST="Île-de-France")),
        (L, "Tokyo, Japan", dict(C="JP", ST="Tokyo")),
        (ST, "Tokyo, JP", dict(C="JP", L="Tokyo")),
        (L, "New York, USA", dict(C="US", ST="New York")),
    ],
)
def test_place_name_near_misses(oid, value, context):
    assert codes(oid, value, **context) == []


@pytest.mark.parametrize(
    "value, context, expected",
    [
        ("1260 Nyon", dict(C="CH", L="Nyon"), [PLACE_IN_POSTAL]),
        ("6300 Zug", dict(C="CH"), [PLACE_IN_POSTAL]),
        ("6300 ZUG", dict(C="CH", L="Zug"), [PLACE_IN_POSTAL]),
        ("Tokyo 100-0001", dict(C="JP", ST="Tokyo"), [PLACE_IN_POSTAL]),
        ("100-0001 東京都", dict(C="JP"), [PLACE_IN_POSTAL]),
        ("CA 94043", dict(C="US", ST="California"), [PLACE_IN_POSTAL]),
        ("Singapore 018956", dict(C="SG"), [PLACE_IN_POSTAL]),
        ("NLD-3707BK", dict(C="NL"), [PREFIX]),
        ("NL-3707 BK", dict(C="NL"), [PREFIX]),
        ("D-80331", dict(C="DE"), [PREFIX]),
        ("DE-80331", dict(C="DE"), [PREFIX]),
        ("CH-1260", dict(C="CH"), [PREFIX]),
        ("SE-114 55", dict(C="SE"), [PREFIX]),
        ("S-114 55", dict(C="SE"), [PREFIX]),
        ("FIN-00100", dict(C="FI"), [PREFIX]),
        ("USA 94043", dict(C="US"), [PREFIX]),
        ("CH-1260 Nyon", dict(C="CH", L="Nyon"), [PREFIX, PLACE_IN_POSTAL]),
    ],
)
def test_postal_code_violations(value, context, expected):
    assert codes(PC, value, **context) == expected


@pytest.mark.parametrize(
    "value, country",
    [
        ("SW1A 1AA", "GB"),
        ("EC1A 1BB", "GB"),
        ("K1A 0B1", "CA"),
        ("K1A0B1", "CA"),
        ("100-0001", "JP"),
        ("〒100-0001", "JP"),
        ("94043", "US"),
        ("94043-1351", "US"),
        ("1010", "AT"),
        ("D02 X285", "IE"),
        ("D6W XY12", "IE"),
        ("AD500", "AD"),
        ("LV-1050", "LV"),
        ("LT-01100", "LT"),
        ("MD-2001", "MD"),
        ("AZ 1000", "AZ"),
        ("AZ1000", "AZ"),
        ("BB11000", "BB"),
        ("KY1-1100", "KY"),
        ("VC0100", "VC"),
        ("VG1110", "VG"),
        ("AI-2640", "AI"),
        ("MSR 1110", "MS"),
        ("EC170150", "EC"),
        ("L-4002", "LU"),
        ("JE2 3AB", "JE"),
        ("IM1 1AA", "IM"),
        ("GY1 1AA", "GG"),
        ("GX11 1AA", "GI"),
        ("FIQQ 1ZZ", "FK"),
        ("VLT 1117", "MT"),
        ("BS8811", "BN"),
        ("C1425DKT", "AR"),
        ("3707 BK", "NL"),
        ("3707BK", "NL"),
        ("114 55", "SE"),
        ("00-950", "PL"),
        ("1000-001", "PT"),
        ("01310-100", "BR"),
        ("110001", "IN"),
        ("HM 12", "BM"),
        ("BFPO 123", "GB"),
        ("75008 CEDEX", "FR"),
        ("1260", "CH"),
        ("1260", ""),
        ("NLD-3707BK", ""),  # no countryName: no prefix judgement
    ],
)
def test_postal_code_near_misses(value, country):
    context = dict(C=country) if country else {}
    assert codes(PC, value, **context) == []


def test_messages_quote_the_value_and_the_evidence():
    (hit,) = address.check(PC, "1260 Nyon", subject(C="CH", L="Nyon"))
    assert hit.message == (
        'postalCode value "1260 Nyon" contains "Nyon" (the subject\'s localityName) '
        "besides the postal code"
    )
    (hit,) = address.check(PC, "NLD-3707BK", subject(C="NL"))
    assert hit.message == (
        'postalCode value "NLD-3707BK" starts with "NLD-", a code of the subject\'s country '
        'NL; the postal code is "3707BK"'
    )
    (hit,) = address.check(PC, "CA 94043", subject(C="US"))
    assert "(postal codes of US are digits only)" in hit.message
    hits = address.check(L, "Chiyoda-ku, Tokyo 100-0001", subject(ST="Tokyo"))
    assert [h.message for h in hits] == [
        'localityName value "Chiyoda-ku, Tokyo 100-0001" contains the postal code '
        '"100-0001"',
        'localityName value "Chiyoda-ku, Tokyo 100-0001" joins several address parts: '
        '"Tokyo" is the subject\'s stateOrProvinceName',
    ]
    (hit,) = address.check(L, "Reykjavík 101", subject(PC="101"))
    assert hit.message.endswith(
        'contains the postal code "101", the subject\'s postalCode'
    )
    (hit,) = address.check(L, "1600 Amphitheatre Parkway, Mountain View", ())
    assert hit.message.endswith(
        'contains the street address part "1600 Amphitheatre Parkway"'
    )


def test_other_attributes_are_not_read():
    for oid in (a.ORGANIZATION_NAME, a.COMMON_NAME, a.STREET_ADDRESS, a.COUNTRY_NAME):
        assert address.check(oid, "1600 Amphitheatre Parkway, 94043", ()) == []


def test_shapes():
    assert address.shape("SW1A") == "AA9A"
    assert address.shape("100-0001") == "999-9999"
    assert address.shape("Zü") == "A?"
    assert address.shape("Zug") == "Aaa"
    assert address.postal_code_at(["SW1A", "1AA"], 0) == 2
    assert address.postal_code_at(["1AA"], 0) == 0
    assert address.postal_code_at(["1-2-3"], 0) == 0


KIB64 = 64 * 1024
HOSTILE = {
    "commas_and_spaces": ", " * (KIB64 // 2),
    "digits": "1" * KIB64,
    "digit_tokens": "1234 " * (KIB64 // 5),
    "hyphens_and_digits": "1-" * (KIB64 // 2),
    "street_words": "1 Main St " * (KIB64 // 10),
    "cjk_markers": "4丁目" * (KIB64 // 3),
    "letters": "Nyon " * (KIB64 // 5),
    "prefixes": "NLD-" * (KIB64 // 4),
    "separators": ",;、" * (KIB64 // 3),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("oid", [L, ST, JURL, PC])
def test_hostile_input_is_cheap_and_bounded(name, oid):
    value = HOSTILE[name]
    context = subject(C="CH", ST=value, L=value, PC=value, STREET=value)
    start = time.perf_counter()
    hits = address.check(oid, value, context)
    elapsed = time.perf_counter() - start
    for hit in hits:
        assert hit.code in address.CODES
        assert len(hit.message) < 1000
    # A generous bound: the rules read at most 1 KiB of a value (milliseconds); anything
    # quadratic in 64 KiB would take seconds.
    assert elapsed < 0.5, (name, elapsed)
