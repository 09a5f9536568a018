"""How place names are compared: every spelling of a name becomes one or two short keys.

`Baden-Württemberg`, `Baden-Wuerttemberg` (through the generated data's transliterated
variants) and `baden wurttemberg` meet in one key; type words around a name (`State of`,
`Prefecture`, `-to`, `Shi`, `省`, `市` ...) are dropped in a second key, so `Tokyo`,
`Tokyo-to`, `Tokyo Prefecture` and `東京都`/`東京` compare equal to the data's names. Both the
data builder (`tools/build_geodata.py`) and the rules use these functions, so the data and the
values always agree on what a key is. The geographic data itself is loaded once, lazily.
"""

from __future__ import annotations

import functools
import os
import threading

from pkilint_semantic_dn.core import normalise

# No subdivision or country name is this long; a longer value is compared by its length alone
# (hostile 64 KiB values never reach the normaliser).
MAX_NAME_LENGTH = 160

# Words that name the kind of subdivision rather than the subdivision: English, and the
# romanised or local words that ISO 3166-2 names and address forms put around a name.
TYPE_WORDS = frozenset("""
    state states province provinces provincia provincie provinz provincial prefecture
    prefectural region regions regional regione county district department departement
    departamento territory territories federal capital municipality municipal city town
    borough canton kanton land bundesland freistaat commonwealth oblast oblasti oblys krai
    kray okrug autonomous autonoma autonomo respublika republic republits governorate emirate
    parish parroquia voivodeship voivodship wojewodztwo kraj zupanija judet megye maakond
    lan fylke rayon raion il ili vilayeti wilayah wilaya provinsi daerah estado distrito
    comunidad comunitat foral principado principality community communaute ciudad citta
    cidade ville stadt gemeinde gewest shi sheng zizhiqu to fu ken do si gun teukbyeolsi
    gwangyeoksi teukbyeoljachisi teukbyeoljachido metropolitan special administrative sar
    changwat khet rajonas savivaldybe
    область край республика республіка автономныи автономная округ город місто г
    استان محافظة محافظه إمارة امارة ولاية منطقة จังหวัด জেলা जिला
    """.split())
# Words that join a type word to the name: `State of`, `Provincia de`, `Città di`,
# `Parròquia d'Andorra`.
CONNECTORS = frozenset(
    "of the de del della di da do das dos du des la le el d l".split()
)
# Words that only join two names (`Jammu & Kashmir`, `Jammu and Kashmir`): left out of keys.
FILLERS = frozenset("and und et y e".split())
# Type suffixes written without a space in Chinese, Japanese and Korean names, longest first.
CJK_SUFFIXES = tuple(
    sorted(
        """
        特别行政区 特別行政區 壮族自治区 回族自治区 维吾尔自治区 自治区 自治區 特别市 特別市
        省 市 都 道 府 県 县 縣 区 區 특별자치도 특별자치시 특별시 광역시 직할시 도 시
        """.split(),
        key=len,
        reverse=True,
    )
)
# Abbreviations written in place of a word (`St. Gallen`, `Sankt Gallen`, `Saint-Gall`,
# `Co. Cork`); only inside a name of two or more words (`CO` alone is Colorado's code).
ABBREVIATIONS = {
    "st": "saint",
    "sankt": "saint",
    "ste": "sainte",
    "mt": "mount",
    "co": "county",
}
_ALL_TYPE_WORDS = TYPE_WORDS | frozenset(CJK_SUFFIXES)


def _strip_type_words(words: list[str]) -> list[str]:
    """Drop type words (and the connector after or before them) at either end of a name."""
    start, end = 0, len(words)
    dropped = False
    # A leading number is a region or postal code ("77 г. Москва").
    while end - start > 1 and (
        words[start] in _ALL_TYPE_WORDS or words[start].isdigit()
    ):
        start += 1
        dropped = True
    if dropped and end - start > 1 and words[start] in CONNECTORS:
        start += 1
        if end - start > 1 and words[start] in CONNECTORS:  # "of the"
            start += 1
    # "Bristol, City of", "Madrid, Comunidad de": the connector trails the type word.
    if (
        end - start > 2
        and words[end - 1] in CONNECTORS
        and words[end - 2] in _ALL_TYPE_WORDS
    ):
        end -= 1
    while end - start > 1 and words[end - 1] in _ALL_TYPE_WORDS:
        end -= 1
    core = words[start:end]
    last = core[-1]
    for suffix in CJK_SUFFIXES:
        if last.endswith(suffix) and len(last) - len(suffix) >= 2:
            core = core[:-1] + [last[: -len(suffix)]]
            break
    return core


def keys(value: str) -> tuple[str, ...]:
    """The comparison keys of a name: the whole name, then (if different) its core.

    Empty when the value has no letters or digits, or is longer than any real name.
    """
    if len(value) > MAX_NAME_LENGTH:
        return ()
    return _keys(value)


# Subjects repeat the same few place names across certificates; values are at most
# MAX_NAME_LENGTH characters, so the cache stays small.
@functools.lru_cache(maxsize=4096)
def _keys(value: str) -> tuple[str, ...]:
    found = normalise.comparison_words(value)
    last = len(found) - 1
    words = [w for i, w in enumerate(found) if not (0 < i < last and w in FILLERS)]
    if not words:
        return ()
    if len(words) > 1:
        words = [ABBREVIATIONS.get(w, w) for w in words]
    whole = "".join(words)
    core = "".join(_strip_type_words(words))
    return (whole,) if core == whole else (whole, core)


def whole_key(value: str) -> str:
    """The key of the whole name, type words included ("" for no letters, or too long)."""
    found = keys(value)
    return found[0] if found else ""


# --- The generated data (pkilint_semantic_dn/data/geodata.json) -------------------------------

DATA_FILE = "geodata.json"
DATA_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", DATA_FILE)


class GeoData:
    """Key sets per country from the generated data; each country's set is built on first use."""

    def __init__(self, raw: dict):
        self.source: dict = raw["source"]
        self._subdivisions: dict[str, str] = raw["subdivisions"]
        self._countries: dict[str, str] = raw["countries"]
        self._country_codes: dict[str, str] = raw["country_codes"]
        self._subdivision_sets: dict[str, frozenset[str]] = {}
        self._country_sets: dict[str, frozenset[str]] = {}
        self.continents = frozenset(raw["continents"].split())
        # Name key -> the countries it names, for "is this value another country?". Codes are
        # left out (`CA`, `IN`, `GA` are subdivision abbreviations elsewhere), and so are names
        # in other scripts than Latin: `عمان` is Oman and also Amman, and the data does not
        # list every local-script name of every subdivision to rule such collisions out.
        self.country_named = self._owners(raw["countries"])
        # The same in each language some country speaks, used for that country's subjects.
        self._names_in: dict[str, dict[str, str]] = raw["country_names_in"]
        self._languages: dict[str, str] = raw["languages"]
        self._named_in: dict[str, dict[str, frozenset[str]]] = {}
        # Country -> its own names that are also names of one of its towns (GeoNames).
        self._towns: dict[str, str] = raw["towns_named_like_country"]
        # Country -> its regions that share another country's name (`macedonia` in GR).
        self._regions: dict[str, str] = raw["regions_named_like_country"]
        self._town_sets: dict[str, frozenset[str]] = {}
        self._region_sets: dict[str, frozenset[str]] = {}

    @staticmethod
    def _owners(table: dict[str, str]) -> dict[str, frozenset[str]]:
        owners: dict[str, set[str]] = {}
        for alpha2, text in table.items():
            for key in text.split():
                if key.isascii():
                    owners.setdefault(key, set()).add(alpha2)
        return {k: frozenset(v) for k, v in owners.items()}

    def countries_named(self, key: str, subject_country: str) -> frozenset[str]:
        """The countries a name key names, in English or a language of `subject_country`."""
        found = self.country_named.get(key, frozenset())
        for language in self._languages.get(subject_country, "").split():
            named = self._named_in.get(language)
            if named is None:
                named = self._owners(self._names_in.get(language, {}))
                self._named_in[language] = named
            found = found | named.get(key, frozenset())
        return found

    def towns_named_like_country(self, alpha2: str) -> frozenset[str]:
        """The keys of the country's own names that also name a town of it (`colombia`)."""
        return _key_set(self._town_sets, self._towns, alpha2)

    def regions_named_like_country(self, alpha2: str) -> frozenset[str]:
        """The keys of the country's regions named like another country (`macedonia`)."""
        return _key_set(self._region_sets, self._regions, alpha2)

    def is_country(self, alpha2: str) -> bool:
        return alpha2 in self._countries

    def has_subdivisions(self, alpha2: str) -> bool:
        return alpha2 in self._subdivisions

    def subdivision_keys(self, alpha2: str) -> frozenset[str]:
        return _key_set(self._subdivision_sets, self._subdivisions, alpha2)

    def country_keys(self, alpha2: str) -> frozenset[str]:
        found = self._country_sets.get(alpha2)
        if found is None:
            found = frozenset(self._countries.get(alpha2, "").split()) | frozenset(
                self._country_codes.get(alpha2, "").split()
            )
            self._country_sets[alpha2] = found
        return found


def _key_set(
    cache: dict[str, frozenset[str]], table: dict[str, str], alpha2: str
) -> frozenset[str]:
    """The space-separated keys of `table[alpha2]` as a set, built on first use and kept."""
    found = cache.get(alpha2)
    if found is None:
        found = cache[alpha2] = frozenset(table.get(alpha2, "").split())
    return found


_data: GeoData | None = None
_lock = threading.Lock()


def data() -> GeoData:
    """The generated geographic data, read from the package on first use and then kept."""
    global _data
    if _data is None:
        with _lock:
            if _data is None:
                import json  # only here: the package's import stays cheap

                with open(DATA_PATH, encoding="utf-8") as f:
                    _data = GeoData(json.load(f))
    return _data
