"""Finds a whole address line in a place attribute: a postal code, a street address, or the
subject's other place attribute joined to it.

A localityName or stateOrProvinceName (and their EV jurisdiction counterparts) should hold one
place name. CAs have issued values that carry a whole address line instead: `CA 94043`,
`Chiyoda-ku, Tokyo 100-0001`, `1600 Amphitheatre Parkway, Mountain View`. Three findings:
a postal code (a token in the shape of a national postal code, see `core.postal`, or the
subject's own postalCode); a street address part (a house number beside a street type word,
a unit or P.O. box number, a Japanese block number or 丁目/番地 address, or the subject's own
streetAddress); comma-separated parts of which one is the subject's other place attribute
(`Chiyoda-ku, Tokyo` beside ST `Tokyo`: L and ST are each other's counterparts, and so are
jurisdictionLocalityName and jurisdictionStateOrProvinceName).

Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- localityName and stateOrProvinceName, "If present,
MUST contain the Subject's locality information" / "state or province information" (S/MIME
BR 7.1.4.2.2 likewise); postal and street information have their own attributes. EV
Guidelines 7.1.4.2.4 -- jurisdiction fields "MUST NOT contain information that is not
relevant to the level of the Incorporating Agency or Registration Agency".

Severity: NOTICE -- heuristics, as the issue's severity guidance says for joined address
parts. Real names contain commas, parentheses, slashes, numbers and street words
(`Washington, D.C.`, `Frankfurt (Oder)`, `Biel/Bienne`, `Bristol, City of`, `100 Mile
House`, `Neustadt an der Weinstraße`), so only narrow shapes count: national postal code
formats, a house number next to a street type word (`data/street_words.csv`), P.O. boxes,
Japanese block numbers, the subject's own postalCode or streetAddress.

Never flagged: official names with commas (ISO 3166-2, `data/names_with_commas.csv`) and
inverted names (`Kingston upon Hull, City of`) are never "joined"; the same name in both
attributes (`Tokyo` as L and ST) is not joined either, nor a value whose other parts are the
subject's own country (`Tokyo, Japan` beside ST `Tokyo`: the country rule's finding); a year
after `de` or `of` (`19 de Febrero de 1812`) is no postal code; `No. 5` alone is no unit
number (`Margate No. 4` is a place); kanji numerals count only before 丁目 and 番地 (`麻布十番`
is a place). At most the first `core.postal.MAX_ANALYSED` characters of a value are read, and
the subject's postal codes, streets and place values are keyed once per subject, so hostile
input costs a bounded amount of work per attribute.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from pkilint_semantic_dn.core import (
    attributes,
    citations,
    geo,
    normalise,
    placenames,
    postal,
)
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.subject import Subject, as_subject
from pkilint_semantic_dn.core.text import quote
from pkilint_semantic_dn.core.words import read_table

POSTAL_CODE_IN_PLACE_NAME = "semantic_dn.postal_code_in_place_name"
STREET_ADDRESS_IN_PLACE_NAME = "semantic_dn.street_address_in_place_name"
JOINED_PLACE_NAMES = "semantic_dn.joined_place_names"

# Each place attribute and the one it must not swallow: L <-> ST, and the same pair among the
# EV jurisdiction attributes.
COUNTERPART = {
    attributes.LOCALITY_NAME: attributes.STATE_OR_PROVINCE_NAME,
    attributes.STATE_OR_PROVINCE_NAME: attributes.LOCALITY_NAME,
    attributes.JURISDICTION_LOCALITY_NAME: attributes.JURISDICTION_STATE_OR_PROVINCE_NAME,
    attributes.JURISDICTION_STATE_OR_PROVINCE_NAME: attributes.JURISDICTION_LOCALITY_NAME,
}

_MAX_COMPONENTS = 32
# The subject's postal codes are a few words; longer postalCode values are no postal codes
# to look for inside a place name.
_MAX_SUBJECT_POSTAL_CODE = 40

# Component separators of an address line (the ideographic comma of CJK text included;
# fullwidth commas become ASCII commas under NFKC folding).
_COMPONENT_SEPARATORS = str.maketrans({";": ",", "、": ","})


# --- Street addresses ---------------------------------------------------------------------------


def _street_words(rows: list[dict[str, str]], kind: str) -> list[str]:
    return [row["word"] for row in rows if row["kind"] == kind]


_STREET_WORDS = read_table("street_words.csv")  # dropped below, once sorted by kind


# Street type words that follow the street's name (English, and whole words in German, Dutch,
# Nordic, Hungarian, Turkish addresses): "Amphitheatre Parkway", "Frankfurter Straße".
_SUFFIX_TYPES = frozenset(_street_words(_STREET_WORDS, "suffix"))
# Abbreviations that are also name prefixes (`St. Gallen`, `Dr.`): only as the last word.
_AMBIGUOUS_ABBREVIATIONS = frozenset(
    _street_words(_STREET_WORDS, "ambiguous_abbreviation")
)
# Street types written as the end of one word, followed by the house number: "Hauptstraße 5".
_COMPOUND_SUFFIXES = tuple(_street_words(_STREET_WORDS, "compound_suffix"))
# Street type words that precede the name (Romance, Slavic, Malay languages):
# "rue de Rivoli", "Via Roma", "Calle Mayor", "ul. Marszałkowska", "Jl. Sudirman".
_PREFIX_TYPES = frozenset(_street_words(_STREET_WORDS, "prefix"))
# Words introducing a unit or box number: "Suite 100", "PO Box 12". ("No. 5" alone is not
# enough: `Margate No. 4` and `Duliajan No. 1` are place names.)
_NUMBER_WORDS = frozenset(_street_words(_STREET_WORDS, "number"))
del _STREET_WORDS

# Japanese and Chinese address markers after a number: 4丁目, 2番地, 8号.
_CJK_STREET_MARKERS = ("丁目", "番地", "番", "号", "號")
_CJK_NUMERALS = frozenset("0123456789一二三四五六七八九十百千〇")
# A digit or a separator: one character-class search (this runs on every ST and L value).
_TRIGGER = re.compile("[0-9,;、]")
_ASCII_DIGITS = frozenset("0123456789")
# Words before a four-digit year in a place name: `19 de Febrero de 1812` (Mexico).
_YEAR_WORDS = frozenset("de del of a anno año".split())


def _word(token: str) -> str:
    """A token as the street word tables spell it: casefolded, without dots."""
    return token.casefold().replace(".", "")


def _is_house_number(token: str, max_digits: int = 5) -> bool:
    """12, 1600, 12a, 12-14."""
    t = token.rstrip(".,")
    if not t or len(t) > postal.MAX_TOKEN or not t.isascii():
        return False
    if "-" in t:
        parts = t.split("-")
        return len(parts) == 2 and all(_is_house_number(p, 4) for p in parts)
    digits = t[:-1] if t[-1].isalpha() else t
    return 1 <= len(digits) <= max_digits and digits.isdigit()


def _is_block_number(token: str) -> bool:
    """Japanese block addresses: 1-2-3, 4-10-1."""
    if len(token) > postal.MAX_TOKEN or token.count("-") < 2:
        return False
    parts = token.split("-")
    return all(1 <= len(p) <= 4 and p.isascii() and p.isdigit() for p in parts)


def _is_street(tokens: list[str]) -> bool:
    """Whether the tokens of one component read as a street address."""
    words = [_word(t) for t in tokens]
    n = len(words)
    for i, w in enumerate(words):
        next_is_number = i + 1 < n and _is_house_number(tokens[i + 1], 4)
        # 1600 Amphitheatre Parkway, 10 Downing Street, 1 Main St.
        if i == n - 1 and i >= 2 and w in _SUFFIX_TYPES and _is_house_number(tokens[0]):
            return True
        if next_is_number and i >= 1 and w in _SUFFIX_TYPES:
            # Frankfurter Straße 5, Baker Street 221b (not "St. 5": St. is also Saint)
            if w not in _AMBIGUOUS_ABBREVIATIONS:
                return True
        if next_is_number and w.isalpha() and w not in _SUFFIX_TYPES:
            # Hauptstraße 5, Kalverstraat 92, Drottninggatan 10
            if any(w.endswith(s) and len(w) >= len(s) + 3 for s in _COMPOUND_SUFFIXES):
                return True
        if w in _PREFIX_TYPES and i + 1 < n:
            # 10 rue de Rivoli, Via Roma 1, Calle Mayor 5
            if i >= 1 and _is_house_number(tokens[i - 1]):
                return True
            if n - 1 >= i + 2 and _is_house_number(tokens[n - 1], 4):
                return True
        # Suite 100, PO Box 12, Postfach 1234, #12
        if w in _NUMBER_WORDS and i + 1 < n and _is_house_number(tokens[i + 1]):
            return True
        if w.startswith("#") and _is_house_number(w[1:]):
            return True
        if _is_block_number(tokens[i]):
            return True
    return False


def _has_cjk_street_marker(text: str) -> bool:
    for marker in _CJK_STREET_MARKERS:
        # Kanji numerals only before 丁目/番地: `麻布十番` (Azabu-Jūban) and `二号桥`
        # (Erhaoqiao) are place names.
        numerals = _CJK_NUMERALS if marker in ("丁目", "番地") else _ASCII_DIGITS
        at, seen = text.find(marker), 0
        while at != -1 and seen < postal.MAX_TOKENS:
            seen += 1
            if at > 0 and text[at - 1] in numerals:
                return True
            at = text.find(marker, at + 1)
    return False


# --- Names that contain a comma -----------------------------------------------------------------


def _comma_key(text: str) -> str:
    """Casefolded, diacritics removed, spaces collapsed: for the known-names table."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


# Official subdivision names with a comma (ISO 3166-2) and common names written with one.
# Their parts must not count as joined place names.
NAMES_WITH_COMMAS = frozenset(
    _comma_key(row["name"]) for row in read_table("names_with_commas.csv")
)
# "Kingston upon Hull, City of", "Adygeya, Respublika": a trailing type phrase inverted behind
# the name (ISO 3166-2 writes many names this way).
_INVERTED_TAILS = frozenset(
    "the city county borough respublika region comunidad mesto".split()
)


def _is_inverted_name(components: list[str]) -> bool:
    if len(components) != 2:
        return False
    words = _comma_key(components[1]).split()
    return bool(words) and (
        words[-1] in ("of", "de", "del", "di", "du", "des", "din")
        or words[-1] in _INVERTED_TAILS
    )


# --- What the subject holds, keyed once per subject ---------------------------------------------


class _SubjectKeys(NamedTuple):
    postal_codes: set[str]  # keys of the subject's postal codes (`101`, `sw1a 1aa`)
    # The word lists of those with a digit -> their rank in the order the rule tries them
    # (the first that matches at a position wins), and the word counts that occur.
    postal_words: dict[tuple[str, ...], int]
    postal_lengths: tuple[int, ...]
    streets: frozenset[str]  # keys of the subject's streetAddress values
    places: dict[str, frozenset[str]]  # place attribute type -> keys of its values


def _subject_keys(subject: Subject) -> _SubjectKeys:
    # In the subject's order (a set's order changes between runs, and the rank decides
    # which of two codes that begin alike is reported).
    in_order = dict.fromkeys(
        postal.key(p)
        for p in subject.values_of(attributes.POSTAL_CODE)
        if len(p) <= _MAX_SUBJECT_POSTAL_CODE
    )
    postal_codes = set(in_order)
    ranked: dict[tuple[str, ...], int] = {}
    for p in in_order:
        if any(c.isdigit() for c in p):
            ranked.setdefault(tuple(p.split()), len(ranked))
    places = {}
    for oid in COUNTERPART:
        keys = {postal.key(v) for v in subject.values_of(oid)}
        keys.discard("")
        places[oid] = frozenset(keys)
    return _SubjectKeys(
        postal_codes,
        ranked,
        tuple(sorted({len(w) for w in ranked})),
        frozenset(postal.key(s) for s in subject.values_of(attributes.STREET_ADDRESS)),
        places,
    )


def _own_country_names(subject: Subject) -> dict[str, frozenset[str] | None]:
    """Place attribute type -> the `placenames` keys of its country (None: no country)."""
    found = {}
    for oid in COUNTERPART:
        alpha2 = geo.subject_country(oid, subject)
        found[oid] = None if alpha2 is None else geo.country_names(alpha2)
    return found


def _subject_postal_code_at(folded: list[str], i: int, keys: _SubjectKeys) -> int:
    """How many tokens from `i` on are one of the subject's postal codes (0 for none); of
    several, the one first in `keys.postal_words` order."""
    best_rank, width = len(keys.postal_words), 0
    for n in keys.postal_lengths:
        if i + n > len(folded):
            break
        rank = keys.postal_words.get(tuple(folded[i : i + n]))
        if rank is not None and rank < best_rank:
            best_rank, width = rank, n
    return width


# --- The rule -----------------------------------------------------------------------------------


def _components(text: str) -> list[str]:
    parts = text.translate(_COMPONENT_SEPARATORS).split(",", _MAX_COMPONENTS)
    return [p.strip() for p in parts[:_MAX_COMPONENTS]]


_WHY_NOTICE = (
    "A heuristic: real place names contain commas, numbers and street words "
    "(`Washington, D.C.`, `100 Mile House`), so only narrow shapes count and a finding "
    "asks for a look rather than proving an error."
)


@rule(
    POSTAL_CODE_IN_PLACE_NAME,
    severity="NOTICE",
    why=_WHY_NOTICE,
    description="The state, province or locality contains a postal code (a token in the "
    "shape of a national postal code, or the subject's own postalCode)",
    citation=citations.ADDRESS + "; heuristic: postal code shapes",
    example="ST=CA 94043",
    attributes=tuple(COUNTERPART),
    also=(
        finding(
            STREET_ADDRESS_IN_PLACE_NAME,
            severity="NOTICE",
            why=_WHY_NOTICE,
            description="The state, province or locality contains a street address part "
            "(house number and street type, unit or box number, Japanese block number, or "
            "the subject's own streetAddress)",
            citation=citations.ADDRESS
            + "; heuristic: house number beside a street type word, P.O. box",
            example="L=1600 Amphitheatre Parkway, Mountain View",
        ),
        finding(
            JOINED_PLACE_NAMES,
            severity="NOTICE",
            why=_WHY_NOTICE,
            description="The locality (or state) is a list of comma-separated address "
            "parts, one of which is the subject's state (or locality)",
            citation=citations.ADDRESS
            + "; heuristic: official names with commas are excepted",
            example="L=Chiyoda-ku, Tokyo (ST=Tokyo)",
        ),
    ),
    examples=(
        "ST=CA 94043",
        "L=London SW1A 1AA",
        "L=1600 Amphitheatre Parkway, Mountain View",
        "L=港区芝公園4丁目2番8号",
        "L=Chiyoda-ku, Tokyo (ST=Tokyo)",
    ),
    near_misses=(
        "L=Washington, D.C.",
        "ST=Bristol, City of (L=Bristol)",
        "L=100 Mile House",
        "L=Neustadt an der Weinstraße",
        "L=19 de Febrero de 1812",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Postal codes, street addresses and the counterpart place inside an L/ST value."""
    counterpart = COUNTERPART.get(attribute_oid)
    if counterpart is None or not value:
        return []
    # The common path: an ASCII place name without a digit or separator (folding leaves
    # ASCII as it is, and the CJK address markers are not ASCII).
    if value.isascii() and not _TRIGGER.search(value, 0, postal.MAX_ANALYSED):
        return []
    text = normalise.fold(value[: postal.MAX_ANALYSED])
    # Every check needs a digit, a separator or a CJK address marker.
    if not _TRIGGER.search(text) and not _has_cjk_street_marker(text):
        return []

    subject = as_subject(subject)
    keys = subject.fact(_subject_keys)
    own = attributes.attribute_name(attribute_oid)
    components = [c for c in _components(text) if c]
    postal_found: str | None = None
    postal_is_subjects = False
    street_found: str | None = None
    # Each component without its postal code, for the comparison with the counterpart.
    remainders: list[str] = []

    for component in components:
        tokens = [
            postal.clean(t)
            for t in component.split(None, postal.MAX_TOKENS)[: postal.MAX_TOKENS]
        ]
        tokens = [t for t in tokens if t]
        if street_found is None and (
            postal.key(component) in keys.streets
            or _is_street(tokens)
            or _has_cjk_street_marker(component)
        ):
            street_found = component
            remainders.append("")
            continue
        folded = [t.casefold() for t in tokens] if keys.postal_words else []
        kept: list[str] = []
        i = 0
        while i < len(tokens):
            width = postal.postal_code_at(tokens, i)
            if width == 1 and i > 0 and _word(tokens[i - 1]) in _YEAR_WORDS:
                width = 0  # a year, not a postal code
            if width == 0 and folded:
                width = _subject_postal_code_at(folded, i, keys)
            if width:
                code = " ".join(tokens[i : i + width])
                if postal_found is None:
                    postal_found = code
                    postal_is_subjects = postal.key(code) in keys.postal_codes
                i += width
                continue
            kept.append(tokens[i])
            i += 1
        remainders.append(" ".join(kept))

    hits = []
    if postal_found is not None:
        why = ", the subject's postalCode" if postal_is_subjects else ""
        hits.append(
            Hit(
                POSTAL_CODE_IN_PLACE_NAME,
                f"{own} value {quote(value)} contains the postal code "
                f"{quote(postal_found)}{why}",
            )
        )
    if street_found is not None:
        hits.append(
            Hit(
                STREET_ADDRESS_IN_PLACE_NAME,
                f"{own} value {quote(value)} contains the street address part "
                f"{quote(street_found)}",
            )
        )
    joined = _joined_component(
        attribute_oid, components, remainders, counterpart, subject, keys
    )
    if joined is not None:
        hits.append(
            Hit(
                JOINED_PLACE_NAMES,
                f"{own} value {quote(value)} joins several address parts: "
                f"{quote(joined)} is the subject's {attributes.attribute_name(counterpart)}",
            )
        )
    return hits


def _joined_component(
    attribute_oid: str,
    components: list[str],
    remainders: list[str],
    counterpart: str,
    subject: Subject,
    keys: _SubjectKeys,
) -> str | None:
    """The component that repeats the subject's counterpart place, if the value has several."""
    if len(components) < 2:
        return None
    others = keys.places[counterpart]
    if not others:
        return None
    if _comma_key(", ".join(components)) in NAMES_WITH_COMMAS or _is_inverted_name(
        components
    ):
        return None
    # "Chiyoda-ku, Tokyo 100-0001" with ST "Tokyo": a component, without its postal code, is
    # the counterpart. (A single component equal to it, "Tokyo" as both L and ST, is fine.)
    for m, remainder in enumerate(remainders):
        if remainder and postal.key(remainder) in others:
            rest = [r for j, r in enumerate(remainders) if r and j != m]
            if rest and _all_own_country(attribute_oid, rest, subject):
                # "Tokyo, Japan" beside ST "Tokyo": the city and the prefecture share a
                # name; what was added is the country, the country rule's finding.
                return None
            return remainder
    return None


def _all_own_country(attribute_oid: str, parts: list[str], subject: Subject) -> bool:
    names = subject.fact(_own_country_names)[attribute_oid]
    if names is None:
        return False
    return all(any(k in names for k in placenames.keys(p)) for p in parts)
