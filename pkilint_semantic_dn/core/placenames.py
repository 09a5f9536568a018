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
import re
import unicodedata
from typing import NamedTuple

from pkilint_semantic_dn.core import normalise, words

# No subdivision or country name is this long; a longer value is compared by its length alone
# (hostile 64 KiB values never reach the normaliser).
MAX_NAME_LENGTH = 160

# Words that name the kind of subdivision rather than the subdivision (`State of`, `Provincia
# de`, `обл.`, `Tỉnh`, `-to`, `省`, `จังหวัด` ...), by language, and where they stand: a table
# (data/subdivision_type_words.csv), read once. "either": a word or phrase at either end of a
# name; "prefix" / "suffix": only before / after it (Vietnamese `Tỉnh`, Russian `АО`: `Hà
# Tĩnh` keeps its `Tĩnh`); "unspaced_*": joined to the name without a space (CJK, Thai).
TYPE_WORDS_TABLE = "subdivision_type_words.csv"
# Words that join a type word to the name: `State of`, `Provincia de`, `Città di`,
# `Parròquia d'Andorra`.
CONNECTORS = frozenset(
    "of the de del della di da do das dos du des la le el d l".split()
)
# Words that only join two names (`Jammu & Kashmir`, `Jammu and Kashmir`): left out of keys.
# English, German, French, Spanish, Portuguese and Italian, Greek (`και`, folded to `kai`),
# Russian, the South Slavic languages, Turkish, the Nordic languages, Hindi, Marathi, Bengali.
FILLERS = frozenset("and und et y e kai и i ve og och और आणि ও".split())
# Abbreviations written in place of a word (`St. Gallen`, `Sankt Gallen`, `Saint-Gall`,
# `Co. Cork`); only inside a name of two or more words (`CO` alone is Colorado's code).
ABBREVIATIONS = {
    "st": "saint",
    "sankt": "saint",
    "ste": "sainte",
    "mt": "mount",
    "co": "county",
}
# Spelling variants that writers of one script use interchangeably, folded for comparison:
# Arabic and Persian vowel marks, tatweel and the forms of alef, hamza seats, teh marbuta, yeh
# and kaf, Maghrebi letters (`الأسكندرية` / `الإسكندرية`, `عمّان` / `عمان`, `ڨابس` / `قابس`),
# and the article (`القيروان` / `قيروان`); Devanagari virama, nukta,
# candrabindu and vowel length (`बाग्मती` / `बागमती`, `अरूणाचल` / `अरुणाचल`), and Bengali vowel
# length (`শরীয়তপুর` / `শরিয়তপুর`); the Thai
# abbreviation mark (`กรุงเทพฯ` for `กรุงเทพมหานคร`).
_SCRIPT_FOLDS = str.maketrans(
    {
        **{chr(c): None for c in range(0x064B, 0x0660)},  # harakat, shadda, sukun ...
        "\u0670": None,  # superscript alef
        "\u0640": None,  # tatweel
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ڨ": "ق",  # Maghrebi gaf (Tunisia, Algeria), also written as qaf
        "ڤ": "ف",  # Maghrebi ve, also written as feh
        "\u094d": None,  # virama
        "\u093c": None,  # nukta
        "\u0901": "\u0902",  # candrabindu -> anusvara
        "\u0940": "\u093f",  # long i sign -> short
        "\u0942": "\u0941",  # long u sign -> short
        "ई": "इ",
        "ऊ": "उ",
        "\u09c0": "\u09bf",  # Bengali long i sign -> short (`শরীয়তপুর` / `শরিয়তপুর`)
        "\u09c2": "\u09c1",  # Bengali long u sign -> short
        "ঈ": "ই",
        "ঊ": "উ",
        "\u0e2f": None,  # Thai paiyannoi (abbreviation mark)
    }
)


# Greek written in Latin letters as ISO 3166-2 romanises it (ELOT 743, without accents:
# `Θεσσαλονίκη` and `Thessaloniki`, `Κεντρική Μακεδονία` and `Kentriki Makedonia` give one key).
_GREEK_DIGRAPHS = (
    ("ου", "ou"),
    ("αυ", "av"),
    ("ευ", "ev"),
    ("ηυ", "iv"),
    ("μπ", "mp"),
    ("ντ", "nt"),
    ("γγ", "ng"),
    ("γκ", "gk"),
    ("γξ", "nx"),
    ("γχ", "nch"),
)
_GREEK_LETTERS = str.maketrans(
    {
        "α": "a",
        "β": "v",
        "γ": "g",
        "δ": "d",
        "ε": "e",
        "ζ": "z",
        "η": "i",
        "θ": "th",
        "ι": "i",
        "κ": "k",
        "λ": "l",
        "μ": "m",
        "ν": "n",
        "ξ": "x",
        "ο": "o",
        "π": "p",
        "ρ": "r",
        "σ": "s",
        "ς": "s",
        "τ": "t",
        "υ": "y",
        "φ": "f",
        "χ": "ch",
        "ψ": "ps",
        "ω": "o",
    }
)


# Tamil: writers spell the same name with or without the Grantha letters (`குஜராத்` /
# `குசராத்`, `ராஜஸ்தான்` / `ராசச்தான்`, `மகாராஷ்டிரா` / `மகாராட்டிரம்`), with either vowel
# length or an inserted vowel (`நாகலாந்து` / `நாகாலாந்து`, `சத்தீஸ்கர்` / `சத்தீசுகர்`), with
# the sandhi doubling between words (`அருணாச்சலப் பிரதேசம்` / `அருணாச்சலபிரதேசம்`), with or
# without the nativised ending -ம் and the prothetic இ (`கர்நாடகா` / `கருநாடகம்`, `இராச்சசுத்தான்`),
# and the two letters for n interchangeably. The key keeps the consonants (Grantha letters as
# their native equivalents, one letter per run of one consonant), the independent vowels and
# the vowel signs i, e, ai and o (which tell apart Puttalam `புத்தளம்` and Badulla `பதுளை`).
# Keys are only compared within one country; tools/build_geodata.py stops if two
# subdivisions of one country get one Tamil key from any of their names.
_TAMIL_LETTERS = str.maketrans(
    {
        "\u0bcd": None,  # pulli
        "\u0bbe": None,  # aa sign: the length of a
        "\u0bc1": None,  # u and uu signs: also the vowel that breaks a cluster
        "\u0bc2": None,
        "\u0bc0": "\u0bbf",  # ii sign -> i
        "\u0bc7": "\u0bc6",  # ee sign -> e
        "\u0bcb": "\u0bca",  # oo sign -> o
        "ஜ": "ச",
        "ஸ": "ச",
        "ஷ": "ட",
        "ன": "ந",
    }
)
_TAMIL_CONSONANTS = frozenset(chr(c) for c in range(0x0B95, 0x0BBA))


# Devanagari writes a nasal after a letter and before a stop either as the nasal consonant
# with virama or as anusvara (`अण्डमान` / `अंडमान`, `पञ्जाब` / `पंजाब`): the key has the
# anusvara. Not at the start of a word, before a nasal (`कन्नौज`), a semivowel or a sibilant
# (`म्याडिसन` is no `ंयाडिसन`).
_DEVANAGARI_NASAL = re.compile(
    "(?<=[\u0900-\u097f])[ङञणनम]\u094d"
    "(?=[\u0915-\u0918\u091a-\u091d\u091f-\u0922\u0924-\u0927\u092a-\u092d])"
)


# Zulu, Xhosa and the other Nguni languages write a noun-class prefix in lower case on a
# capitalised name (`iKwaZulu-Natali`, `eThekwini`, `uMgungundlovu`); addresses write the
# name with or without it (`KwaZulu-Natali`), so the key leaves it out.
_NGUNI_PREFIX = re.compile(r"\b[aeiou](?=[A-Z][a-z])")


def _is_tamil(word: str) -> bool:
    return any("\u0b80" <= c <= "\u0bff" for c in word)


def _tamil_key(key: str) -> str:
    """A Tamil key's consonant runs made single, the prothetic இ and the ending ம dropped."""
    out: list[str] = []
    for c in key:
        if out and c == out[-1] and c in _TAMIL_CONSONANTS:
            continue
        out.append(c)
    if len(out) > 2 and out[0] == "இ" and out[1] in "ரல":
        del out[0]
    if len(out) > 2 and out[-1] == "ம":
        del out[-1]
    return "".join(out)


def _greek_in_latin(word: str) -> str:
    for greek, latin in _GREEK_DIGRAPHS:
        word = word.replace(greek, latin)
    return word.translate(_GREEK_LETTERS)


def _fold_words(words: list[str]) -> list[str]:
    """Script folds, and runs of single letters joined (`F.D.` -> `fd`, `N.L.` -> `nl`)."""
    out: list[str] = []
    run = ""
    for word in words:
        if not word.isascii():
            if "\u094d" in word:
                word = _DEVANAGARI_NASAL.sub("\u0902", word)
            word = word.translate(_SCRIPT_FOLDS)
            if any("\u0370" <= c <= "\u03ff" for c in word):
                word = _greek_in_latin(word)
            elif _is_tamil(word):
                word = word.translate(_TAMIL_LETTERS)
            elif word.startswith("ال") and len(word) > 3:
                word = word[2:]  # the Arabic article: `القيروان` and `قيروان` alike
            if not word:
                continue
        if len(word) == 1 and unicodedata.category(word) == "Ll":
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        out.append(word)
    if run:
        out.append(run)
    return out


def _load_type_words() -> tuple[dict, tuple[str, ...], tuple[str, ...]]:
    """{position: phrases as word tuples}, and the unspaced prefixes and suffixes (longest
    first), from the table."""
    phrases: dict[str, set[tuple[str, ...]]] = {"prefix": set(), "suffix": set()}
    unspaced: dict[str, set[str]] = {"unspaced_prefix": set(), "unspaced_suffix": set()}
    for row in words.read_table(TYPE_WORDS_TABLE):
        position = row["position"]
        if position in unspaced:
            unspaced[position].add(row["words"])
            continue
        phrase = tuple(_fold_words(normalise.comparison_words(row["words"])))
        for side in ("prefix", "suffix"):
            if position in (side, "either"):
                phrases[side].add(phrase)
    longest_first = lambda found: tuple(
        sorted(found, key=len, reverse=True)
    )  # noqa: E731
    return (
        {side: frozenset(found) for side, found in phrases.items()},
        longest_first(unspaced["unspaced_prefix"]),
        longest_first(unspaced["unspaced_suffix"]),
    )


_PHRASES, UNSPACED_PREFIXES, UNSPACED_SUFFIXES = _load_type_words()
_LONGEST_PHRASE = max(len(p) for found in _PHRASES.values() for p in found)
# Kept for callers that ask "is this word a type word?" (at either end).
TYPE_WORDS = frozenset(
    p[0] for p in _PHRASES["prefix"] & _PHRASES["suffix"] if len(p) == 1
)
CJK_SUFFIXES = UNSPACED_SUFFIXES


def _phrase_at(words: list[str], start: int, end: int, side: str) -> int:
    """The length of the longest type phrase at the start (or end) of words[start:end] that
    leaves at least one word, else 0."""
    found = _PHRASES[side]
    for n in range(min(_LONGEST_PHRASE, end - start - 1), 0, -1):
        part = words[start : start + n] if side == "prefix" else words[end - n : end]
        if tuple(part) in found:
            return n
    return 0


def _strip_type_words(words: list[str]) -> list[str]:
    """Drop type words (and the connector after or before them) at either end of a name."""
    start, end = 0, len(words)
    dropped = False
    # A leading number is a region or postal code ("77 г. Москва").
    while end - start > 1:
        n = _phrase_at(words, start, end, "prefix")
        if not n and words[start].isdigit():
            n = 1
        if not n:
            break
        start += n
        dropped = True
    if dropped and end - start > 1 and words[start] in CONNECTORS:
        start += 1
        if end - start > 1 and words[start] in CONNECTORS:  # "of the"
            start += 1
    # "Bristol, City of", "Madrid, Comunidad de": the connector trails the type word.
    if (
        end - start > 2
        and words[end - 1] in CONNECTORS
        and _phrase_at(words, start, end - 1, "suffix")
    ):
        end -= 1
    while end - start > 1:
        n = _phrase_at(words, start, end, "suffix")
        if not n:
            break
        end -= n
    core = words[start:end]
    first = core[0]
    for prefix in UNSPACED_PREFIXES:
        if first.startswith(prefix) and len(first) - len(prefix) >= 2:
            core = [first[len(prefix) :]] + core[1:]
            break
    last = core[-1]
    for suffix in UNSPACED_SUFFIXES:
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
    found = _fold_words(normalise.comparison_words(_NGUNI_PREFIX.sub("", value)))
    last = len(found) - 1
    words = [w for i, w in enumerate(found) if not (0 < i < last and w in FILLERS)]
    if not words:
        return ()
    if len(words) > 1:
        words = [ABBREVIATIONS.get(w, w) for w in words]
    whole = "".join(words)
    core = "".join(_strip_type_words(words))
    if not whole.isascii() and _is_tamil(whole):
        whole, core = _tamil_key(whole), _tamil_key(core)
    return (whole,) if core == whole else (whole, core)


def whole_key(value: str) -> str:
    """The key of the whole name, type words included ("" for no letters, or too long)."""
    found = keys(value)
    return found[0] if found else ""


# --- The generated data (pkilint_semantic_dn/data/geodata.json) -------------------------------

DATA_FILE = "geodata.json"
DATA_PATH = os.path.join(words.DATA_DIR, DATA_FILE)


class FormerSubdivision(NamedTuple):
    """A subdivision that an earlier edition of ISO 3166-2 listed and the current one does
    not: its code and name then, its type, the date of the ISO change ("" if unknown) and
    the current subdivisions its area is in ("FR-HDF Hauts-de-France", "; " between them).
    """

    code: str
    name: str
    kind: str
    date: str
    successors: str


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
        # Country -> [old code, old name, old type, date of the change, successors, keys] of
        # each subdivision that earlier editions of ISO 3166-2 listed and the current one no
        # longer does (tools/build_geodata.py); indexed by key per country on first use.
        self._former: dict[str, list[list[str]]] = raw.get("former_subdivisions", {})
        self._former_index: dict[str, dict[str, FormerSubdivision]] = {}

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

    def former_subdivision(
        self, alpha2: str, value_keys: tuple[str, ...]
    ) -> FormerSubdivision | None:
        """The former subdivision of `alpha2` that one of a value's keys names, or None."""
        index = self._former_index.get(alpha2)
        if index is None:
            index = {}
            for code, name, kind, date, successors, names in self._former.get(
                alpha2, ()
            ):
                entry = FormerSubdivision(code, name, kind, date, successors)
                for key in names.split():
                    index.setdefault(key, entry)
            self._former_index[alpha2] = index
        for key in value_keys:
            found = index.get(key)
            if found is not None:
                return found
        return None

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


# The generated geographic data, read from the package on first use and then kept.
data = words.json_once(DATA_FILE, GeoData)
