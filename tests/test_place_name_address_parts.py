"""The place name address parts rule on plain strings: exact outcomes, near misses, hostile
input, one computation of the subject's keys per subject."""

from __future__ import annotations


import pytest

from pkilint_semantic_dn.core import attributes as a
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.rules import place_name_address_parts as pn

L, ST, PC = a.LOCALITY_NAME, a.STATE_OR_PROVINCE_NAME, a.POSTAL_CODE
JURL, JURST = a.JURISDICTION_LOCALITY_NAME, a.JURISDICTION_STATE_OR_PROVINCE_NAME

POSTAL = pn.POSTAL_CODE_IN_PLACE_NAME
STREET = pn.STREET_ADDRESS_IN_PLACE_NAME
JOINED = pn.JOINED_PLACE_NAMES

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
    return [h.code for h in pn.check(oid, value, subject(**context))]


def counting(function):
    """`function`, counting its calls in `.calls`."""

    def counted(*args):
        counted.calls += 1
        return function(*args)

    counted.calls = 0
    return counted


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
def test_violations(oid, value, context, expected):
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
def test_near_misses(oid, value, context):
    assert codes(oid, value, **context) == []


def test_messages_quote_the_value_and_the_evidence():
    hits = pn.check(L, "Chiyoda-ku, Tokyo 100-0001", subject(ST="Tokyo"))
    assert [h.message for h in hits] == [
        'localityName value "Chiyoda-ku, Tokyo 100-0001" contains the postal code '
        '"100-0001"',
        'localityName value "Chiyoda-ku, Tokyo 100-0001" joins several address parts: '
        '"Tokyo" is the subject\'s stateOrProvinceName',
    ]
    (hit,) = pn.check(L, "Reykjavík 101", subject(PC="101"))
    assert hit.message.endswith(
        'contains the postal code "101", the subject\'s postalCode'
    )
    (hit,) = pn.check(L, "1600 Amphitheatre Parkway, Mountain View", ())
    assert hit.message.endswith(
        'contains the street address part "1600 Amphitheatre Parkway"'
    )


def test_other_attributes_are_not_read():
    for oid in (
        a.ORGANIZATION_NAME,
        a.COMMON_NAME,
        a.STREET_ADDRESS,
        a.COUNTRY_NAME,
        a.POSTAL_CODE,
    ):
        assert pn.check(oid, "1600 Amphitheatre Parkway, 94043", ()) == []


def test_subjects_postal_code_of_several_words():
    # The subject's own postalCode is found as one code however many words it has, also
    # where no national shape covers it.
    (hit,) = pn.check(L, "Minato-ku 1 2 3", subject(PC="1 2 3", ST="Tokyo"))
    assert hit.message == (
        'localityName value "Minato-ku 1 2 3" contains the postal code "1 2 3", the '
        "subject's postalCode"
    )


def test_of_two_subject_postal_codes_that_begin_alike_the_first_is_reported():
    # "AB 12" and "AB 12 CD" both match at the same place: the subject's order decides,
    # the same in every run (a set's order, which decided before, changes with the hash
    # seed).
    for first, second in (("AB 12", "AB 12 CD"), ("AB 12 CD", "AB 12")):
        value = "Springfield AB 12 CD"
        context = [(a.POSTAL_CODE, first), (a.POSTAL_CODE, second)]
        context.append((a.COUNTRY_NAME, "US"))
        (hit,) = pn.check(L, value, context)
        assert f'the postal code "{first}"' in hit.message


def test_declaration():
    r = pn.check.rule
    assert r.name == "place_name_address_parts"
    assert r.codes == (POSTAL, STREET, JOINED)
    assert {f.severity for f in r.findings} == {"NOTICE"}
    assert r.attributes == frozenset(pn.COUNTERPART)


def test_subject_keys_are_computed_once_per_subject(monkeypatch):
    # 20,000 alternating ST and L attributes: the keys of the subject's postal codes, streets
    # and place values (and its countries) are worked out once, not once per attribute,
    # which would make the subject cost O(n^2).
    keys = counting(pn._subject_keys)
    countries = counting(pn._own_country_names)
    monkeypatch.setattr(pn, "_subject_keys", keys)
    monkeypatch.setattr(pn, "_own_country_names", countries)
    pairs = [(a.COUNTRY_NAME, "JP"), (PC, "105-0011"), (a.STREET_ADDRESS, "Shiba-koen")]
    for _ in range(10_000):
        pairs += [(ST, "Tokyo"), (L, "Minato-ku, Tokyo 105-0011")]
    whole = Subject(pairs)
    found = [[h.code for h in pn.check(oid, value, whole)] for oid, value in whole]
    assert found.count([POSTAL, JOINED]) == 10_000
    assert found.count([]) == len(pairs) - 10_000
    assert keys.calls == 1
    assert countries.calls == 1


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
@pytest.mark.parametrize("oid", [L, ST, JURL])
def test_hostile_input_is_cheap_and_bounded(name, oid):
    value = HOSTILE[name]
    context = subject(C="CH", ST=value, L=value, PC=value, STREET=value)
    hits = pn.check(oid, value, context)
    for hit in hits:
        assert hit.code in pn.check.rule.codes
        assert len(hit.message) < 1000
    # A generous bound: the rules read at most 1 KiB of a value (milliseconds); anything
    # quadratic in 64 KiB would take seconds.
