"""country_in_place_name on plain strings: the subject's own country, an appended country,
another country or a continent where a state or locality belongs, and the places that share a
country's name and are left alone."""

from __future__ import annotations


import pytest

from pkilint_semantic_dn.core import geo
from pkilint_semantic_dn.rules import country_in_place_name

C, ST, L = "2.5.4.6", "2.5.4.8", "2.5.4.7"
JC, JST, JL = (
    "1.3.6.1.4.1.311.60.2.1.3",
    "1.3.6.1.4.1.311.60.2.1.2",
    "1.3.6.1.4.1.311.60.2.1.1",
)

OWN = country_in_place_name.COUNTRY_NAME_AS_PLACE
APPENDED = country_in_place_name.COUNTRY_NAME_APPENDED
FOREIGN = country_in_place_name.FOREIGN_COUNTRY_OR_CONTINENT
POSSIBLE_FOREIGN = country_in_place_name.POSSIBLE_FOREIGN_COUNTRY


def codes(country, value, oid=ST, country_oid=C):
    subject = ((country_oid, country), (oid, value))
    return [h.code for h in country_in_place_name.check(oid, value, subject)]


@pytest.mark.parametrize(
    "country, value, oid, expected",
    [
        # The country itself, in any of its names or codes.
        ("GB", "Great Britain", ST, [OWN]),
        ("GB", "United Kingdom", ST, [OWN]),
        ("GB", "U.K.", ST, [OWN]),
        ("US", "USA", ST, [OWN]),
        ("MT", "MALTA", ST, [OWN]),
        ("DE", "Deutschland", ST, [OWN]),
        ("JP", "日本", ST, [OWN]),
        ("CA", "CA", ST, [OWN]),  # Canada's code, no Canadian province
        ("JP", "Japan", L, [OWN]),
        # Appended after a separator.
        ("JP", "Tokyo, Japan", ST, [APPENDED]),
        ("JP", "Tokyo; JP", ST, [APPENDED]),
        ("US", "Mountain View, USA", L, [APPENDED]),
        ("FR", "Paris (France)", L, [APPENDED]),
        # Another country or a continent, in ST only.
        ("DE", "Russia", ST, [FOREIGN]),
        ("DE", "Frankreich", ST, [FOREIGN]),
        ("DE", "Europe", ST, [FOREIGN]),
        ("GB", "Europe", ST, [FOREIGN]),
        ("US", "North America", ST, [FOREIGN]),
        ("GB", "Jersey", ST, [FOREIGN]),
        ("GG", "Europe", ST, [FOREIGN]),  # a continent is no parish either
        # Another country where the subject's country has no ISO 3166-2 subdivisions: nothing
        # rules out a local place of that name, so a NOTICE.
        ("GG", "France", ST, [POSSIBLE_FOREIGN]),
        ("HK", "China", ST, [POSSIBLE_FOREIGN]),
        ("PR", "United States", ST, [POSSIBLE_FOREIGN]),
        # Names after a saint are not read as the country; the subdivision rule reports them
        # where the subject's country has ISO 3166-2 data.
        ("GG", "St. Martin", ST, []),  # a parish of Guernsey (and Saint Martin, MF)
        ("JE", "St Martin", ST, []),  # a parish of Jersey
        ("GG", "Saint Martin", ST, []),
        ("US", "St. Martin", ST, []),  # a Louisiana parish: no US state
        ("US", "Saint Helena", ST, []),
        ("IT", "San Marino", ST, []),
        ("DE", "Sankt Lucia", ST, []),
        ("FR", "Saint-Martin", ST, []),  # FR-MF
        # The own country's name as a locality, where no town of it has that name.
        (
            "AO",
            "Angola",
            L,
            [OWN],
        ),  # GeoNames: an alternate name of the hamlet Negola only
        ("PY", "Paraguay", L, [OWN]),  # GeoNames: a historical name of Asunción
        ("CO", "Colombia", ST, [OWN]),  # a town, but no department
        ("MZ", "Mozambique", ST, [OWN]),
        ("FI", "Finland", ST, [OWN]),
        # Never flagged.
        ("US", "Georgia", ST, []),
        ("MX", "México", ST, []),
        ("MX", "Mexico", L, []),
        ("LU", "Luxembourg", ST, []),
        ("LU", "Luxembourg", L, []),
        ("BE", "Luxembourg", ST, []),
        ("SG", "Singapore", ST, []),
        ("HK", "Hong Kong", ST, []),
        ("MC", "Monaco", ST, []),
        ("MO", "Macao", ST, []),
        ("VA", "Vatican City", ST, []),
        ("GI", "Gibraltar", ST, []),
        ("PR", "Puerto Rico", ST, []),
        ("US", "Puerto Rico", ST, []),
        ("CN", "Hong Kong", ST, []),
        ("PA", "Panama", ST, []),
        ("KW", "Kuwait", L, []),
        # Towns named like their country (GeoNames): as a locality, not flagged.
        ("CO", "Colombia", L, []),  # Colombia, Huila
        ("MZ", "Mozambique", L, []),  # Ilha de Moçambique
        ("MZ", "Moçambique", L, []),
        ("MZ", "Mocambique", L, []),
        ("KZ", "Kazakhstan", L, []),
        ("KZ", "Казахстан", L, []),
        ("KZ", "Қазақстан", L, []),
        ("GT", "Guatemala", L, []),  # Guatemala City
        ("PA", "Panamá", L, []),
        ("DJ", "Djibouti", L, []),
        ("BZ", "Belize", L, []),
        ("AD", "Andorra", L, []),  # Andorra la Vella
        ("MX", "México", L, []),
        ("NG", "Niger", ST, []),
        ("AU", "Western Australia", ST, []),
        ("US", "New Mexico", ST, []),
        ("US", "Lebanon", L, []),  # towns named after countries
        ("DE", "Russia", L, []),
        ("US", "GA", ST, []),
        ("US", "IN", ST, []),
        ("US", "PA", ST, []),
        ("US", "DE", ST, []),
        ("CA", "NL", ST, []),
        ("GB", "England", ST, []),
        ("GB", "Bristol, City of", ST, []),
        ("US", "Washington, D.C.", L, []),
        ("DE", "Frankfurt (Oder)", L, []),
        ("CO", "San Andrés, Providencia y Santa Catalina", ST, []),
        ("JP", "東京都", ST, []),
        ("CN", "重庆市", ST, []),
        ("DE", "Bavaria", ST, []),
        ("DE", "Baden-Wuerttemberg", ST, []),
        ("GR", "Attica", ST, []),
        ("GR", "Attiki", ST, []),
        # A region named like another country (`Macedonia` in Greece and Bulgaria): no
        # WARNING; not an ISO 3166-2 subdivision, so the subdivision rule still notes it.
        ("GR", "Macedonia", ST, []),
        ("GR", "Makedonia", ST, []),
        ("BG", "Macedonia", ST, []),
        ("RO", "Moldova", ST, []),
        ("AL", "Macedonia", ST, [FOREIGN]),  # no Albanian region of that name
        ("MK", "Macedonia", ST, [OWN]),
        # Taiwan Province (nominal, ROC) under TW, in every script.
        ("TW", "Taiwan", ST, []),
        ("TW", "Taiwan Province", ST, []),
        ("TW", "臺灣省", ST, []),
        ("TW", "台灣", ST, []),
        ("TW", "台湾", ST, []),
        ("TW", "Republic of China", ST, []),
        # Territories under the sovereignty of the subject's country.
        ("DK", "Greenland", ST, []),
        ("DK", "Grønland", ST, []),
        ("DK", "Faroe Islands", ST, []),
        ("DK", "Færøerne", ST, []),
        ("AU", "Norfolk Island", ST, []),
        ("AU", "Christmas Island", ST, []),
        ("NZ", "Tokelau", ST, []),
        ("US", "Guam", ST, []),
        ("NL", "Aruba", ST, []),
        ("NL", "Curaçao", ST, []),
        ("FR", "Réunion", ST, []),
        ("FR", "Guadeloupe", ST, []),
        ("FR", "New Caledonia", ST, []),
        ("GB", "Bermuda", ST, []),
        ("GB", "Gibraltar", ST, []),
        ("NO", "Svalbard", ST, []),
        ("FI", "Åland", ST, []),
        ("CN", "Macao", ST, []),
        # ... but not under another country, and not the Crown Dependencies under GB.
        ("DE", "Greenland", ST, [FOREIGN]),
        ("AU", "Bermuda", ST, [FOREIGN]),
        ("GB", "Isle of Man", ST, [FOREIGN]),
    ],
)
def test_check(country, value, oid, expected):
    assert codes(country, value, oid) == expected


def test_ev_jurisdiction_fields_use_jurisdiction_country():
    assert codes("DE", "Germany", JST, JC) == [OWN]
    assert codes("DE", "Deutschland", JL, JC) == [OWN]
    assert codes("CO", "Colombia", JL, JC) == []  # a town, as jurisdictionLocalityName
    assert codes("CO", "Colombia", JST, JC) == [OWN]
    assert codes("GG", "St. Martin", JST, JC) == []
    assert codes("JE", "France", JST, JC) == [POSSIBLE_FOREIGN]
    # countryName does not govern the jurisdiction fields.
    subject = ((C, "DE"), (JST, "Germany"))
    assert country_in_place_name.check(JST, "Germany", subject) == []


def test_messages_quote_value_and_country():
    subject = ((C, "JP"), (ST, "Tokyo, Japan"))
    (hit,) = country_in_place_name.check(ST, "Tokyo, Japan", subject)
    assert hit.message == (
        'stateOrProvinceName value "Tokyo, Japan" ends with the subject\'s country "Japan" '
        '(countryName "JP"), which belongs in that attribute only'
    )
    subject = ((C, "DE"), (ST, "Russia"))
    (hit,) = country_in_place_name.check(ST, "Russia", subject)
    assert hit.message == (
        'stateOrProvinceName value "Russia" names another country (RU), while the '
        'subject\'s countryName is "DE"'
    )
    subject = ((C, "JE"), (ST, "France"))
    (hit,) = country_in_place_name.check(ST, "France", subject)
    assert hit.message == (
        'stateOrProvinceName value "France" names another country (FR), while the '
        'subject\'s countryName is "JE" (which has no ISO 3166-2 subdivisions to tell whether '
        "a local place of that name is meant)"
    )
    subject = ((C, "GB"), (ST, "United Kingdom"))
    (hit,) = country_in_place_name.check(ST, "United Kingdom", subject)
    assert hit.message == (
        'stateOrProvinceName value "United Kingdom" is the subject\'s country (countryName '
        '"GB"), not a state or province of it'
    )
    subject = ((C, "DE"), (ST, "Europe"))
    (hit,) = country_in_place_name.check(ST, "Europe", subject)
    assert hit.message == (
        'stateOrProvinceName value "Europe" names a continent or world region, '
        "not a state or province"
    )


def test_other_attributes_are_not_checked():
    subject = ((C, "GB"), ("2.5.4.10", "United Kingdom"))
    assert country_in_place_name.check("2.5.4.10", "United Kingdom", subject) == []


def test_long_value_with_appended_country():
    assert codes("JP", "x" * 500 + ", Japan") == [APPENDED]


def test_declaration():
    declared = country_in_place_name.check.rule
    assert declared.name == "country_in_place_name"
    assert declared.validator == "CountryInPlaceNameValidator"
    assert declared.codes == country_in_place_name.CODES
    assert declared.attributes == frozenset(geo.COUNTRY_OF)
    assert declared.plain and declared.defer_to == ()
    severities = [f.severity for f in declared.findings]
    assert severities == ["WARNING", "WARNING", "WARNING", "NOTICE"]


@pytest.mark.parametrize(
    "value",
    [
        "A" * 65536,
        ", " * 32768,
        "東京都" * 21845,
        "Tokyo, " * 9000 + "Japan",
        "=" * 65536,
    ],
)
def test_hostile_values_are_cheap(value):
    for country in ("JP", "US"):
        subject = ((C, country), (ST, value))
        country_in_place_name.check(ST, value, subject)
