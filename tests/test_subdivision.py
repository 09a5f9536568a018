"""subdivision on plain strings: stateOrProvinceName values that are no known subdivision of
the subject's country, the spellings it recognises, where it stays quiet, and (through the
engine) the values it leaves to the rules it defers to."""

from __future__ import annotations


import pytest

from pkilint_semantic_dn.core import engine, geo
from pkilint_semantic_dn.core.subject import as_subject
from pkilint_semantic_dn.rules import country_in_place_name, subdivision

C, ST, L = "2.5.4.6", "2.5.4.8", "2.5.4.7"
JC, JST = "1.3.6.1.4.1.311.60.2.1.3", "1.3.6.1.4.1.311.60.2.1.2"

UNRECOGNIZED = subdivision.UNRECOGNIZED_SUBDIVISION
FORMER = subdivision.FORMER_SUBDIVISION
APPENDED = country_in_place_name.COUNTRY_NAME_APPENDED
FOREIGN = country_in_place_name.FOREIGN_COUNTRY_OR_CONTINENT


def codes(country, value, oid=ST, country_oid=C):
    subject = ((country_oid, country), (oid, value))
    return [h.code for h in subdivision.check(oid, value, subject)]


@pytest.mark.parametrize(
    "country, value, expected",
    [
        ("CN", "重庆币", [UNRECOGNIZED]),  # Bugzilla 1978186: "Chongqing coin"
        ("US", "Calfornia", [UNRECOGNIZED]),
        ("CA", "Texas", [UNRECOGNIZED]),
        ("DE", "XY", [UNRECOGNIZED]),
        ("US", "13", [UNRECOGNIZED]),  # bare numeric codes are not accepted
        # Names after a saint: not read as the country by the country rule, but no
        # subdivision where the subject's country has ISO 3166-2 data.
        ("US", "St. Martin", [UNRECOGNIZED]),  # a Louisiana parish: no US state
        ("US", "Saint Helena", [UNRECOGNIZED]),
        ("IT", "San Marino", [UNRECOGNIZED]),
        ("DE", "Sankt Lucia", [UNRECOGNIZED]),
        ("FR", "Saint-Martin", []),  # FR-MF
        # A region named like another country (`Macedonia` in Greece and Bulgaria): not an
        # ISO 3166-2 subdivision, so noted here (the country rule leaves it alone).
        ("GR", "Macedonia", [UNRECOGNIZED]),
        ("GR", "Makedonia", [UNRECOGNIZED]),
        ("BG", "Macedonia", [UNRECOGNIZED]),
        ("RO", "Moldova", [UNRECOGNIZED]),
        ("TW", "Republic of China", [UNRECOGNIZED]),
        # Real subdivisions, in the spellings certificates use.
        ("CN", "重庆市", []),
        ("JP", "東京都", []),
        ("DE", "Bavaria", []),
        ("DE", "Baden-Wuerttemberg", []),
        ("GR", "Attica", []),
        ("GR", "Attiki", []),
        ("CO", "San Andrés, Providencia y Santa Catalina", []),
        ("GB", "England", []),
        ("GB", "Bristol, City of", []),
        ("AU", "Western Australia", []),
        ("US", "New Mexico", []),
        ("US", "Georgia", []),
        ("MX", "México", []),
        ("LU", "Luxembourg", []),
        ("BE", "Luxembourg", []),
        ("NG", "Niger", []),
        ("US", "GA", []),
        ("US", "IN", []),
        ("US", "PA", []),
        ("US", "DE", []),
        ("CA", "NL", []),
        ("US", "Puerto Rico", []),
        ("CN", "Hong Kong", []),
        ("TW", "Taiwan", []),
        ("TW", "臺灣省", []),
        ("TW", "Taiwan Province", []),
        ("TW", "台灣", []),
        ("TW", "台湾", []),
        # Territories under the sovereignty of the subject's country.
        ("DK", "Greenland", []),
        ("DK", "Færøerne", []),
        ("DK", "Grønland", []),
        ("DK", "Faroe Islands", []),
        ("AU", "Norfolk Island", []),
        ("AU", "Christmas Island", []),
        ("NZ", "Tokelau", []),
        ("US", "Guam", []),
        ("NL", "Aruba", []),
        ("NL", "Curaçao", []),
        ("GB", "Bermuda", []),
        ("GB", "Gibraltar", []),
        ("NO", "Svalbard", []),
        ("FI", "Åland", []),
        ("CN", "Macao", []),
        ("FR", "Réunion", []),
        ("FR", "Guadeloupe", []),
        ("FR", "New Caledonia", []),
        # The country's own name: the country rule reports it, or accepts it.
        ("GB", "Great Britain", []),
        ("GB", "United Kingdom", []),
        ("GB", "U.K.", []),
        ("US", "USA", []),
        ("DE", "Deutschland", []),
        ("JP", "日本", []),
        ("MT", "MALTA", []),
        ("CA", "CA", []),
        ("CO", "Colombia", []),
        ("MZ", "Mozambique", []),
        ("FI", "Finland", []),
        ("MK", "Macedonia", []),
        ("SG", "Singapore", []),
        ("HK", "Hong Kong", []),
        ("MC", "Monaco", []),
        ("MO", "Macao", []),
        ("VA", "Vatican City", []),
        ("PR", "Puerto Rico", []),
        ("PA", "Panama", []),
        # Where it cannot know: C=XX, countries without ISO 3166-2 subdivisions, no letters.
        ("XX", "Somewhere", []),
        ("GI", "Gibraltar", []),
        ("GG", "St. Martin", []),
        ("JE", "St Martin", []),
        ("GG", "Saint Martin", []),
        ("GG", "Europe", []),
        ("GG", "France", []),
        ("HK", "China", []),
        ("JE", "France", []),
        ("PR", "United States", []),
        ("US", " - ", []),
    ],
)
def test_check(country, value, expected):
    assert codes(country, value) == expected


# --- Real spellings: type words and abbreviations per language, native scripts -------------


@pytest.mark.parametrize(
    "country, value",
    [
        # Russian and Ukrainian: oblast, republic, autonomous okrug, city, abbreviated.
        ("RU", "Свердловская обл."),
        ("RU", "Свердловская область"),
        ("RU", "респ. Татарстан"),
        ("RU", "Республика Татарстан"),
        ("RU", "Ханты-Мансийский АО"),
        ("RU", "Ханты-Мансийский автономный округ"),
        ("RU", "г. Москва"),
        ("RU", "Sverdlovskaya obl."),
        ("UA", "Київська обл."),
        ("UA", "м. Київ"),
        ("UA", "АР Крим"),
        # Vietnamese: tỉnh (province), thành phố / TP. (city).
        ("VN", "Tỉnh Lai Châu"),
        ("VN", "tỉnh Lào Cai"),
        ("VN", "Thành phố Hà Nội"),
        ("VN", "TP. Hồ Chí Minh"),
        ("VN", "Hà Tĩnh"),
        # Thai: Bangkok with the abbreviation mark, its acronym, จังหวัด (province).
        ("TH", "กรุงเทพฯ"),
        ("TH", "กรุงเทพมหานคร"),
        ("TH", "กทม."),
        ("TH", "จังหวัดเชียงใหม่"),
        ("TH", "Krung Thep Maha Nakhon"),
        # Chinese, Japanese, Korean: suffixes and the short forms of address forms.
        ("CN", "广西"),
        ("CN", "内蒙古自治区"),
        ("JP", "大阪府"),
        ("JP", "Osaka-fu"),
        ("KR", "경남"),
        ("KR", "경상남도"),
        # Spanish, Portuguese, French, Italian.
        ("AR", "Buenos Aires F.D."),
        ("AR", "Provincia de Buenos Aires"),
        ("MX", "N.L."),
        ("MX", "Edo. de México"),
        ("MX", "Q. Roo."),
        ("BR", "Estado de São Paulo"),
        ("PT", "Distrito de Lisboa"),
        ("FR", "Région Bretagne"),
        ("IT", "Città metropolitana di Milano"),
        ("IT", "Provincia di Torino"),
        # Turkish, Polish, Czech, Indonesian, Hindi, Kazakh, Tajik, Greek, Arabic.
        ("TR", "Ankara İli"),
        ("PL", "woj. mazowieckie"),
        ("CZ", "Hlavní město Praha"),
        ("CZ", "hl. m. Praha"),
        ("ID", "DI Yogyakarta"),
        ("ID", "DKI Jakarta"),
        ("ID", "Provinsi Jawa Barat"),
        ("IN", "अरूणाचल प्रदेश"),
        ("NP", "बाग्मती प्रदेश"),
        ("NP", "प्रदेश नं १"),
        ("IN", "அருணாச்சலப் பிரதேசம்"),
        ("IN", "குஜராத்"),
        ("LK", "புத்தளம்"),
        ("ZA", "iKwaZulu-Natali"),
        # Type words GeoNames' alternate names showed missing; a name's own article.
        ("RO", "Județul Cluj"),
        ("RO", "Jud. Cluj"),
        ("SI", "Občina Vodice"),
        ("SI", "Mestna občina Ljubljana"),
        ("KE", "Kaunti ya Kiambu"),
        ("MN", "Khovd aimag"),
        ("MN", "Ховд аймаг"),
        ("MN", "Ulaanbaatar Hot"),
        ("FI", "Landskapet Birkaland"),
        ("CH", "Baselland"),
        ("ES", "Islas Canarias"),
        ("CO", "Departamento de La Guajira"),
        ("KZ", "Soltüstik Qazaqstan oblysy"),
        ("KZ", "Қарағанды облысы"),
        ("TJ", "Viloyati Sughd"),
        ("GR", "Κεντρική Μακεδονία"),
        ("GR", "Kentriki Makedonia"),
        ("SA", "منطقة الرياض"),
        ("EG", "الإسكندرية"),
        ("EG", "الأسكندرية"),
        # Full ISO codes whose local part is a number.
        ("JP", "JP-13"),
        ("TR", "TR-34"),
        # Northern Ireland's counties, Norway's counties restored in 2024.
        ("GB", "County Antrim"),
        ("NO", "Buskerud"),
    ],
)
def test_real_spellings_are_recognised(country, value):
    assert codes(country, value) == []


@pytest.mark.parametrize(
    "value, belongs, elsewhere",
    [
        ("Свердловская обл.", "RU", ("UA", "KZ", "BY")),
        ("респ. Татарстан", "RU", ("UA", "KZ")),
        ("Tỉnh Lai Châu", "VN", ("LA", "KH", "CN")),
        ("Thành phố Hà Nội", "VN", ("LA",)),
        ("กรุงเทพฯ", "TH", ("LA", "KH", "MM")),
        ("กทม.", "TH", ("LA",)),
        ("Buenos Aires F.D.", "AR", ("UY", "CL", "ES")),
        ("DI Yogyakarta", "ID", ("MY",)),
        ("Київська обл.", "UA", ("RU", "BY")),
        ("Nord-Pas-de-Calais", "FR", ("BE",)),
        ("Antrim", "GB", ("IE",)),
        ("குஜராத்", "IN", ("LK", "SG", "MY")),
        ("புத்தளம்", "LK", ("IN",)),
        ("प्रदेश नं १", "NP", ("IN",)),
    ],
)
def test_a_spelling_is_recognised_only_for_its_own_country(value, belongs, elsewhere):
    assert codes(belongs, value) in ([], [FORMER])
    for country in elsewhere:
        assert codes(country, value) == [UNRECOGNIZED], country


# --- Former subdivisions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "country, value, old, successor",
    [
        # France's 22 regions, merged into 13 in 2016.
        ("FR", "Nord-Pas-de-Calais", "FR-O", "FR-HDF Hauts-de-France"),
        ("FR", "Languedoc-Roussillon", "FR-K", "FR-OCC Occitanie"),
        ("FR", "Limousin", "FR-L", "FR-NAQ Nouvelle-Aquitaine"),
        ("FR", "Picardie", "FR-S", "FR-HDF Hauts-de-France"),
        # Nepal's development regions (2022).
        ("NP", "Central Region", "NP-1", ""),
        ("NP", "Mid Western", "NP-2", ""),
        # Morocco's 16 regions, replaced by 12 in 2015 (ISO: 2018).
        ("MA", "Rabat-Salé-Zemmour-Zaer", "MA-07", "MA-04 Rabat-Salé-Kénitra"),
        ("MA", "Rabat-Sale-Zemmour-Zaer", "MA-07", "MA-04 Rabat-Salé-Kénitra"),
        # Latvia's municipalities merged in 2021.
        ("LV", "Aglonas novads", "LV-001", ""),
        # Greece's departments (prefectures), now regional units within the regions.
        ("GR", "Thessaloniki", "GR-54", "GR-B Kentrikí Makedonía"),
        ("GR", "Θεσσαλονίκη", "GR-54", "GR-B Kentrikí Makedonía"),
        ("GR", "Nomos Chiou", "GR-85", "GR-K Vóreio Aigaío"),
        # Northern Ireland's 26 districts, merged into 11 in 2015.
        ("GB", "Ards", "GB-ARD", "GB-AND Ards and North Down"),
        ("GB", "Craigavon", "GB-CGV", "GB-ABC Armagh City, Banbridge and Craigavon"),
        # Sardinia's provinces abolished in 2016.
        ("IT", "Olbia-Tempio", "IT-OT", "IT-88 Sardegna"),
        # Norway's counties merged in 2018-2020 and not restored.
        ("NO", "Hordaland", "NO-12", ""),
    ],
)
def test_former_subdivision(country, value, old, successor):
    subject = ((C, country), (ST, value))
    (hit,) = subdivision.check(ST, value, subject)
    assert hit.code == FORMER
    assert f": {old} " in hit.message
    if successor:
        assert hit.message.endswith(f"its area is now in {successor}")
    else:
        assert hit.message.endswith("ISO 3166-2 names no single successor")


def test_former_subdivision_message():
    subject = ((C, "FR"), (ST, "Nord-Pas-de-Calais"))
    (hit,) = subdivision.check(ST, "Nord-Pas-de-Calais", subject)
    assert hit.message == (
        'stateOrProvinceName value "Nord-Pas-de-Calais" names a former ISO 3166-2 '
        'subdivision of the subject\'s country (countryName "FR"): FR-O Nord - Pas-de-Calais '
        "(metropolitan region), deleted from ISO 3166-2 on 2016-11-15; its area is now in "
        "FR-HDF Hauts-de-France"
    )


@pytest.mark.parametrize(
    "country, value",
    [
        # Current names are never former ones, even where an old one was the same name.
        ("FR", "Hauts-de-France"),
        ("FR", "Alsace"),  # FR-6AE, the European Collectivity of Alsace since 2021
        ("FR", "Bretagne"),
        ("MA", "Marrakech-Safi"),  # MA-07 now
        ("NP", "Koshi"),
        ("NP", "Bagmati Province"),
        ("LV", "Talsu novads"),
        ("LV", "Talsu Rajons"),  # the district of 1950-2009, now Talsu novads
        # A subdivision renamed or re-coded is still that subdivision.
        ("IN", "Orissa"),
        ("MX", "Distrito Federal"),
        ("BD", "Barisal"),
    ],
)
def test_current_and_renamed_subdivisions_are_not_former(country, value):
    assert codes(country, value) == []


def test_former_name_of_another_country_is_unrecognised():
    assert codes("BE", "Nord-Pas-de-Calais") == [UNRECOGNIZED]
    assert codes("IE", "Ards") == [UNRECOGNIZED]


def test_ev_jurisdiction_state_uses_jurisdiction_country():
    assert codes("US", "Delawere", JST, JC) == [UNRECOGNIZED]
    assert codes("US", "Delaware", JST, JC) == []
    assert codes("DE", "Germany", JST, JC) == []  # the country rule's
    # countryName does not govern the jurisdiction fields.
    assert subdivision.check(JST, "Delawere", ((C, "US"), (JST, "Delawere"))) == []


def test_message_quotes_value_and_country():
    subject = ((C, "CN"), (ST, "重庆币"))
    (hit,) = subdivision.check(ST, "重庆币", subject)
    assert hit.message == (
        'stateOrProvinceName value "重庆币" is not a recognised name or code of an ISO 3166-2 '
        'subdivision of the subject\'s country (countryName "CN")'
    )


def test_other_attributes_are_not_checked():
    subject = ((C, "GB"), ("2.5.4.10", "United Kingdom"))
    assert subdivision.check("2.5.4.10", "United Kingdom", subject) == []
    assert subdivision.check(L, "重庆币", ((C, "CN"),)) == []  # it reads ST only


def test_long_value_is_no_subdivision():
    assert codes("US", "California " * 20) == [UNRECOGNIZED]


def test_declaration():
    declared = subdivision.check.rule
    assert declared.name == "subdivision"
    assert declared.validator == "SubdivisionValidator"
    assert declared.codes == (UNRECOGNIZED, FORMER)
    assert declared.attributes == geo.STATE_ATTRIBUTES
    assert [f.severity for f in declared.findings] == ["NOTICE", "NOTICE"]
    assert declared.defer_to == (
        "country_in_place_name",
        "embedded_attribute_assignment",
        "placeholder_value",
        "not_applicable_value",
        "structured_data_leak",
        "encoding_leak",
    )


# --- Deferral (through the engine) -------------------------------------------------------------

PLACE_RULES = ("country_in_place_name", "subdivision")


@pytest.mark.parametrize(
    "country, value, reporter, expected",
    [
        # The country rule reports a country or continent: no NOTICE on top.
        ("JP", "Tokyo, Japan", "country_in_place_name", [APPENDED]),
        ("JP", "Tokyo; JP", "country_in_place_name", [APPENDED]),
        pytest.param(
            "JP",
            "x" * 500 + ", Japan",
            "country_in_place_name",
            [APPENDED],
            id="long-value-appended-country",
        ),
        ("DE", "Russia", "country_in_place_name", [FOREIGN]),
        ("DE", "Frankreich", "country_in_place_name", [FOREIGN]),
        ("DE", "Europe", "country_in_place_name", [FOREIGN]),
        ("GB", "Europe", "country_in_place_name", [FOREIGN]),
        ("US", "North America", "country_in_place_name", [FOREIGN]),
        ("GB", "Jersey", "country_in_place_name", [FOREIGN]),
        ("AL", "Macedonia", "country_in_place_name", [FOREIGN]),
        ("DE", "Greenland", "country_in_place_name", [FOREIGN]),
        ("AU", "Bermuda", "country_in_place_name", [FOREIGN]),
        ("GB", "Isle of Man", "country_in_place_name", [FOREIGN]),
        # Other rules report the value: a placeholder, a not-applicable word, DN syntax.
        ("DE", "Default Province", "placeholder_value", []),
        ("US", "N/A", "not_applicable_value", []),
        ("US", "California; C=US", "embedded_attribute_assignment", []),
    ],
)
def test_defers_to_the_rule_that_reports_the_value(country, value, reporter, expected):
    subject = ((C, country), (ST, value))
    # Alone, the rule would report it ...
    assert codes(country, value) == [UNRECOGNIZED]
    # ... but the engine skips it on a value that a rule it defers to reported.
    hits = [h for h in engine.check_subject(subject, disabled=()) if h.index == 1]
    assert reporter in {h.rule for h in hits}
    assert [h.code for h in hits if h.rule in PLACE_RULES] == expected


def test_reports_where_no_rule_it_defers_to_does():
    subject = ((C, "CN"), (ST, "重庆币"), (L, "重庆币"))
    hits = engine.check_subject(subject, disabled=())
    assert [(h.index, h.code, h.rule) for h in hits if h.rule in PLACE_RULES] == [
        (1, UNRECOGNIZED, "subdivision")
    ]


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
        subdivision.check(ST, value, subject)


def test_many_state_values_stay_linear():
    subject = ((C, "US"),) + tuple((ST, f"Calfornia {i}") for i in range(16000))
    shared = as_subject(subject)
    for oid, value in shared[1:]:
        subdivision.check(oid, value, shared)
