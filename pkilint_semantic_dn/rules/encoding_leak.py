"""Finds values damaged by an encoding step: `Tokyo%2C%20C%3DJP`, `M\ufffdnchen`, `MÃ¼nchen`.

Values that went through a URL or a wrong character decoding on their way into the
certificate, and kept the traces: URL percent-encoding (`Tokyo%2C%20C%3DJP`), the Unicode
replacement character U+FFFD (or its Latin-1 reading `ï¿½`, or GBK's `锟斤拷`), or text
decoded twice (mojibake) in one of the common ways:

- UTF-8 read as Windows-1252 / Latin-1 (`MÃ¼nchen` for `München`; Sectigo, Bugzilla
  1724458, 41 certificates), as Windows-1251 (`РњРѕСЃРєРІР°` for `Москва`), as KOI8-R/U
  (`п°п╬я│п╨п╡п╟`), as Windows-1253 or ISO-8859-7 (`Ξ‘ΞΈΞ®Ξ½Ξ±` for `Αθήνα`);
- GBK, EUC-KR, Shift_JIS or Big5 read as Windows-1252 / Latin-1 (`±±¾©` for `北京`,
  `ºÎ»ê` for `부산`, `“Œ‹ž` for `東京`);
- UTF-8 read as Shift_JIS, GBK, Big5 or EUC-KR (`譚ｱ莠ｬ` for `東京`).

Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- each present subject attribute MUST contain the
Subject's information as verified (S/MIME BR 7.1.4.2.2 likewise); `MÃ¼nchen` or
`M\ufffdnchen` is not the verified name `München`.

Severity: ERROR for U+FFFD (characters were irrecoverably lost; pkimetal reports it as an
error too) and for percent-encoded separators, quotes, white space or UTF-8 text (`%2C`,
`%20`, `%C3%BC` never stand in a name; a lone `%DE` after a number is left alone). WARNING
when the whole value re-decodes into a shorter, plausible text: very likely mojibake, not
provable (pkimetal's ftfy check warns likewise). NOTICE when only some sequences of a mixed
value look like mojibake (`ООО РњРѕСЃРєРІР°`).

Never flagged, measured on some 550,000 real names in every script
(`tools/measure_mojibake.py`: no finding on any real Cyrillic, Greek, CJK, Thai, Arabic,
Hebrew or accented Latin name): Portuguese `SÃO PAULO` and other accented capitals (an
accented letter followed by a letter is no UTF-8 sequence); Czech `Úžice`, whose re-decoding
would put an Arabic letter inside a Latin word; Ukrainian `Рівне` (one Windows-1251 pair,
`Рі`, where mojibake has every letter as a pair, back to back); Yoruba `Nàmíbíà` or Czech
`Žižkov`, which Big5 and Shift_JIS could read as ideographs (their letters stand in Latin
words); a re-decoding into a lone character, mixed scripts or symbols (`Оё` -> `θ`).

Never looked at: countryName, jurisdictionCountryName and domainComponent (pkilint checks
their syntax); emailAddress is exempt from the percent check (its local part may contain `%`:
`user%host@relay`). A decoded percent-encoding that embeds `KEYWORD=value` says so in the
message (`core.assignments`). All scans are linear and bounded (`core.scan_limits`): `str.find`
loops over at most `MAX_OCCURRENCES` positions, compiled patterns of fixed length (a lead
character and at most three continuation characters, no nested repetition), and
`str.translate`, `str.encode` and `bytes.decode` over at most `MAX_ANALYSED` characters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import urllib.parse
from typing import NamedTuple

from pkilint_semantic_dn.core import attributes, citations, normalise
from pkilint_semantic_dn.core.assignments import find_assignments
from pkilint_semantic_dn.core.registry import Hit, finding, rule
from pkilint_semantic_dn.core.scan_limits import (
    MAX_ANALYSED,
    MAX_OCCURRENCES,
    MAX_SNIPPET,
)
from pkilint_semantic_dn.core.subject import Subject, fact_of
from pkilint_semantic_dn.core.text import quote

PERCENT_ENCODED = "semantic_dn.percent_encoded"
REPLACEMENT_CHARACTER = "semantic_dn.replacement_character"
MOJIBAKE = "semantic_dn.mojibake"
POSSIBLE_MOJIBAKE = "semantic_dn.possible_mojibake"

CODES = (PERCENT_ENCODED, REPLACEMENT_CHARACTER, MOJIBAKE, POSSIBLE_MOJIBAKE)

# Country codes and domain labels cannot hold any of this (pkilint checks their syntax).
NOT_APPLICABLE = attributes.CODED_ATTRIBUTES
# The local part of an e-mail address may contain `%` (source routing: `user%host@relay`).
NO_PERCENT_CHECK = frozenset({attributes.EMAIL_ADDRESS})


# --- Percent-encoding ---------------------------------------------------------------------------

# Bytes that are URL-encoded because they are separators, quotes or white space: they never
# stand encoded in a name. A lone `%AD` or `%DE` is left alone (`30%DE` may be text).
_PERCENT_MARKERS = frozenset(b" \t\n\r\"#%&'+,/:;<=>@\\") | frozenset(range(0x20))


def find_percent_encoding(view: str) -> str | None:
    """The first run of `%XX` escapes that encodes a separator or UTF-8 text."""
    at, seen = view.find("%"), 0
    while at != -1 and seen < MAX_OCCURRENCES:
        seen += 1
        raw = bytearray()
        i = at
        while (
            i + 2 < len(view)
            and view[i] == "%"
            and view[i + 1] in normalise.HEX_DIGITS
            and view[i + 2] in normalise.HEX_DIGITS
            and len(raw) < MAX_SNIPPET
        ):
            raw.append(int(view[i + 1 : i + 3], 16))
            i += 3
        if raw:
            if any(b in _PERCENT_MARKERS for b in raw):
                return view[at:i]
            if any(b >= 0x80 for b in raw):
                try:
                    decoded = raw.decode("utf-8")
                except UnicodeDecodeError:
                    decoded = ""
                if decoded and not decoded.isascii():
                    return view[at:i]
        at = view.find("%", max(i, at + 1))
    return None


# --- Mojibake ---------------------------------------------------------------------------------
#
# Three shapes of double decoding, each tried on the whole value (WARNING when it re-decodes
# into a shorter, plausible text) and the first also on pieces of it (NOTICE):
#
# 1. UTF-8 read as a single-byte code page: Windows-1252 / Latin-1 (`MÃ¼nchen`), Windows-1251
#    (`РњРѕСЃРєРІР°` for `Москва`), KOI8-R/U (`п°п╬я│п╨п╡п╟`), Windows-1253 or ISO-8859-7
#    (`Ξ‘ΞΈΞ®Ξ½Ξ±` for `Αθήνα`). Each character stands for one byte; the bytes must be UTF-8.
# 2. A double-byte legacy encoding read as Windows-1252 / Latin-1: GBK (`±±¾©` for `北京`),
#    EUC-KR (`ºÎ»ê` for `부산`), Shift_JIS (`“Œ‹ž` for `東京`), Big5. The bytes must decode
#    into the common characters of that encoding, in runs of two or more.
# 3. UTF-8 read as one of those legacy encodings (`譚ｱ莠ｬ` for `東京` read as Shift_JIS).
#
# Every step is `str.translate`, `str.encode` or `bytes.decode` (C loops) over at most
# MAX_ANALYSED characters, then one pass over the result: linear.


def _in(ranges: tuple[tuple[int, int], ...], code: int) -> bool:
    return any(low <= code <= high for low, high in ranges)


class CodePage(NamedTuple):
    """A single-byte code page that UTF-8 bytes are misread in."""

    label: str  # as messages name it
    byte_of: dict[str, int]  # the character each byte 0x80-0xFF reads as -> the byte
    # `str.translate` table: its characters -> the Latin-1 character of their byte, and
    # Latin-1 characters it lacks -> one that `encode("latin-1")` refuses.
    to_latin1: dict[int, str]
    # A UTF-8 lead character and one to three continuation characters (fixed length).
    candidate: re.Pattern
    classic_leads: frozenset[str]  # leads of which one sequence is evidence enough
    # For the pages of one script: the code points its letters' UTF-8 pairs decode into. A
    # piece of such a value is mojibake only as two pairs back to back, each a letter of
    # that script (`РњРѕ`); None: any plausible character, one classic sequence or two.
    script: tuple[tuple[int, int], ...] | None
    graphic: bool  # one pair of a lead and box-drawing characters is evidence enough
    characters: frozenset[str]  # every character a byte 0x80-0xFF reads as
    leads: frozenset[str]  # the characters `candidate` starts with


# A character that no byte reads as in a code page: `encode("latin-1")` refuses it.
_FOREIGN = "\uffff"


def _code_page(
    label: str,
    codecs: tuple[str, ...],
    classic_leads: str = "",
    script_leads: bytes = b"",
    script: tuple[tuple[int, int], ...] | None = None,
    graphic: bool = False,
) -> CodePage:
    byte_of: dict[str, int] = {}
    for b in range(0x80, 0x100):
        read = False
        for codec in codecs:
            try:
                byte_of.setdefault(bytes([b]).decode(codec), b)
                read = True
            except UnicodeDecodeError:
                pass
        if not read and b < 0xA0:
            # Windows and the WHATWG decoders read an undefined byte 0x80-0x9F as the C1
            # control of that number (UTF-8 `И` read as Windows-1251 is `Р\x98`).
            byte_of[chr(b)] = b
    to_latin1 = {ord(c): chr(b) for c, b in byte_of.items() if ord(c) != b}
    for cp in range(0x80, 0x100):  # Latin-1 characters that are not in this code page
        if chr(cp) not in byte_of:
            to_latin1[cp] = _FOREIGN
    wanted = set(script_leads) if script_leads else set(range(0xC2, 0xF5))
    leads = "".join(sorted(c for c, b in byte_of.items() if b in wanted))
    continuations = "".join(sorted(c for c, b in byte_of.items() if 0x80 <= b <= 0xBF))
    # Fixed length (a lead and at most three continuation characters): a linear scan.
    candidate = re.compile(
        "[" + re.escape(leads) + "][" + re.escape(continuations) + "]{1,3}"
    )
    return CodePage(
        label,
        byte_of,
        to_latin1,
        candidate,
        frozenset(classic_leads),
        script,
        graphic,
        frozenset(byte_of),
        frozenset(leads),
    )


# The letters of Russian, Ukrainian, Belarusian, Bulgarian, Serbian...; of modern Greek.
_CYRILLIC = ((0x0400, 0x045F), (0x0490, 0x0491))
_GREEK = ((0x0386, 0x03CE),)

# Windows-1252 and Latin-1 together (their 0x80-0x9F are cp1252 punctuation or C1 controls).
# Its classic forms: `Ã¼` (Latin-1 letters), `Â©` (Latin-1 symbols), `â€™` (punctuation).
WINDOWS_1252 = _code_page("Windows-1252 or Latin-1", ("latin-1", "cp1252"), "ÂÃâ")
# Text misread on Russian, Ukrainian, Bulgarian, Serbian or Greek systems. Cyrillic letters
# are UTF-8 D0/D1 + one byte, Greek letters CE/CF + one byte: `Р`/`С` + ... in Windows-1251,
# `п`/`я` + ... in KOI8, `Ξ`/`Ο` + ... in Windows-1253 and ISO-8859-7.
WINDOWS_1251 = _code_page(
    "Windows-1251", ("cp1251",), script_leads=b"\xd0\xd1", script=_CYRILLIC
)
# KOI8 reads continuation bytes as box-drawing characters, which no name contains.
KOI8 = _code_page(
    "KOI8-R or KOI8-U",
    ("koi8_r", "koi8_u"),
    script_leads=b"\xd0\xd1",
    script=_CYRILLIC,
    graphic=True,
)
WINDOWS_1253 = _code_page(
    "Windows-1253", ("cp1253",), script_leads=b"\xce\xcf", script=_GREEK
)
ISO_8859_7 = _code_page(
    "ISO-8859-7", ("iso8859_7",), script_leads=b"\xce\xcf", script=_GREEK
)
CODE_PAGES = (WINDOWS_1252, WINDOWS_1251, KOI8, WINDOWS_1253, ISO_8859_7)


def _plausible(c: str) -> bool:
    """Whether a character decoded from a suspected mojibake sequence is a likely original."""
    cp = ord(c)
    if cp < 0xA0 or 0x250 <= cp <= 0x36F or c == "\ufffd":
        return False
    category = unicodedata.category(c)
    if category[0] in "CM":
        return False
    if cp <= 0x24F:
        return True
    if cp <= 0x7FF:
        # Greek, Cyrillic, Armenian, Hebrew, Arabic letters (and the Hebrew and Arabic
        # punctuation and digits: `،`); not the rarer scripts whose sequences also arise
        # from accented capitals before symbols (`ß–`).
        return (category[0] == "L" and cp <= 0x6FF) or (
            0x590 <= cp <= 0x6FF and category[0] in "NP"
        )
    return category[0] in "LNPS" or category == "Zs"


def _mark_on_letter(text: str, i: int) -> bool:
    """A combining mark on a letter: Thai vowels, Arabic harakat, Yoruba tones (`ọ́`). Read
    alone, a mark is no likely original; inside a whole re-decoded word it is."""
    if unicodedata.category(text[i])[0] != "M" or i == 0:
        return False
    before = text[i - 1]
    return before.isalpha() or unicodedata.category(before)[0] == "M"


def _expected_length(lead: str, code_page: CodePage = WINDOWS_1252) -> int:
    b = code_page.byte_of[lead]
    return 2 if b < 0xE0 else 3 if b < 0xF0 else 4


def _as_bytes(value: str, code_page: CodePage) -> bytes | None:
    """The bytes the value's characters stand for in the code page, or None."""
    try:
        return value.translate(code_page.to_latin1).encode("latin-1")
    except UnicodeEncodeError:
        return None


def redecoded(value: str, code_page: CodePage = WINDOWS_1252) -> str | None:
    """The value re-decoded as UTF-8, when the whole value is UTF-8 read in the code page."""
    raw = _as_bytes(value, code_page)
    if raw is None:
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(decoded) >= len(value):
        return None
    for i, c in enumerate(decoded):
        if c.isascii() or _mark_on_letter(decoded, i):
            continue
        if not (
            _plausible(c)
            and _fits_neighbours(c, decoded[i - 1 : i], decoded[i + 1 : i + 2])
        ):
            return None
    if code_page is not WINDOWS_1252 and not _coherent(decoded):
        return None
    return decoded


def _script_group(c: str) -> str:
    cp = ord(c)
    for low, high, group in _SCRIPT_GROUPS:
        if low <= cp <= high:
            return group
    return unicodedata.name(c, "?").split(" ")[0]


_SCRIPT_GROUPS = (
    (0x00C0, 0x024F, "Latin"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x0370, 0x03FF, "Greek"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x1100, 0x11FF, "Hangul"),
    (0x3040, 0x30FF, "CJK"),  # kana beside kanji: Japanese
    (0x3400, 0x4DBF, "CJK"),
    (0x4E00, 0x9FFF, "CJK"),
    (0xAC00, 0xD7A3, "Hangul"),
    (0xF900, 0xFAFF, "CJK"),
)


def _coherent(decoded: str) -> bool:
    """A re-decoding into text of one script: letters (beside Latin ones) of a single script,
    two or more of them, and no symbols. UTF-8 of any text misread as Windows-1251, KOI8 or
    Greek gives that back; a native Ukrainian `Фієрі` read back from KOI8 gives Han and
    Cyrillic side by side (`榤Ҧ`), `біні` a broken bar and a Greek letter (`¦Φ`), `Оё` a lone
    Greek `θ`. A lone accented Latin letter must sit in a word (`München`)."""
    groups = set()
    letters = 0
    for i, c in enumerate(decoded):
        if c.isascii():
            continue
        category = unicodedata.category(c)
        if category[0] == "S":
            return False
        if category[0] != "L":
            continue
        group = _script_group(c)
        if group == "Latin":
            if not (decoded[i - 1 : i].isalpha() or decoded[i + 1 : i + 2].isalpha()):
                return False
        else:
            groups.add(group)
            letters += 1
    if len(groups) > 1:
        return False
    return not groups or letters >= 2


def _is_latin_letter(c: str) -> bool:
    return c.isalpha() and (c.isascii() or "\u00c0" <= c <= "\u024f")


def _fits_neighbours(c: str, before: str, after: str) -> bool:
    """A Greek, Cyrillic, Hebrew or Arabic letter is not written inside a Latin word: Czech
    `Úžice` re-decodes to Arabic `ڞice`, which no name is."""
    if not "\u0370" <= c <= "\u07ff":
        return True
    return not (before and _is_latin_letter(before)) and not (
        after and _is_latin_letter(after)
    )


def mojibake_sequences(
    value: str, code_page: CodePage = WINDOWS_1252
) -> list[tuple[str, str]]:
    """(sequence, decoded character) of plausible mojibake sequences, at most a few."""
    return [
        (sequence, decoded) for _, sequence, decoded in _sequences(value, code_page)
    ]


def _sequences(value: str, code_page: CodePage) -> list[tuple[int, str, str]]:
    """(position, sequence, decoded character) of plausible mojibake sequences: at most a
    few, from at most MAX_OCCURRENCES candidates."""
    found = []
    for n, match in enumerate(code_page.candidate.finditer(value)):
        if n >= MAX_OCCURRENCES or len(found) >= 4:
            break
        text = match.group()
        need = _expected_length(text[0], code_page)
        if len(text) < need:
            continue
        sequence = text[:need]
        try:
            decoded = bytes(code_page.byte_of[c] for c in sequence).decode("utf-8")
        except UnicodeDecodeError:
            continue
        start, end = match.start(), match.start() + need
        if code_page.script is not None:
            if decoded.isalpha() and _in(code_page.script, ord(decoded)):
                found.append((start, sequence, decoded))
        elif _plausible(decoded) and _fits_neighbours(
            decoded, value[start - 1 : start] if start else "", value[end : end + 1]
        ):
            found.append((start, sequence, decoded))
    return found


def _drawing(text: str) -> bool:
    """Box-drawing and block characters (KOI8's `╬`, `▓`, `⌠`), which no name contains."""
    return all("\u2500" <= c <= "\u259f" or c in "\u2320\u2321" for c in text)


def _evidence(found: list[tuple[int, str, str]], code_page: CodePage) -> bool:
    """Whether the sequences found are enough for a NOTICE."""
    if code_page.script is None:
        # Two sequences, or one of the classic forms.
        return len(found) >= 2 or any(
            s[0] in code_page.classic_leads for _, s, _ in found
        )
    if code_page.graphic and any(_drawing(s[1:]) for _, s, _ in found):
        return True
    # Two letters of the script back to back: `РњРѕ`, never `Рівне` (one pair, `Рі`).
    return any(a[0] + len(a[1]) == b[0] for a, b in zip(found, found[1:]))


# --- Double-byte legacy encodings ----------------------------------------------------------------


class LegacyEncoding(NamedTuple):
    """A double-byte encoding of Chinese, Japanese or Korean text."""

    label: str
    codec: str
    countries: frozenset[str]  # where it is the legacy encoding (picks among readings)
    # (lead, trail) ranges of its common letters: GB2312 hanzi, KS X 1001 hangul and hanja,
    # JIS X 0208 kanji and kana, Big5 hanzi. A reading into its rarer corners (extension
    # areas, user-defined areas, symbols) is no plausible name.
    leads: tuple[tuple[int, int], ...]
    trails: tuple[tuple[int, int], ...]
    extra: frozenset[int]  # further common two-byte codes (the prolonged sound mark ー)

    def common(self, c: str) -> bool:
        """Whether a character decoded from this encoding is a likely letter of a name."""
        key = (self.codec, c)
        known = _COMMON.get(key)
        if known is None:
            known = _COMMON[key] = self._common(c)
        return known

    def _common(self, c: str) -> bool:
        if "\u3000" <= c <= "\u303f" or "\uff01" <= c <= "\uff5e":
            return True  # CJK punctuation, full-width forms: （株）
        try:
            raw = c.encode(self.codec)
        except UnicodeEncodeError:
            return False
        if len(raw) != 2:
            return False
        code = raw[0] << 8 | raw[1]
        return code in self.extra or (
            _in(self.leads, raw[0]) and _in(self.trails, raw[1])
        )


# (codec, character) -> common: filled as characters are met, at most the size of the four
# character sets (some 60,000 entries).
_COMMON: dict[tuple[str, str], bool] = {}


GBK = LegacyEncoding(
    "GBK",
    "gbk",
    frozenset({"CN", "SG"}),
    ((0xB0, 0xF7),),
    ((0xA1, 0xFE),),
    frozenset(),
)
EUC_KR = LegacyEncoding(
    "EUC-KR",
    "cp949",
    frozenset({"KR", "KP"}),
    ((0xB0, 0xC8), (0xCA, 0xFD)),
    ((0xA1, 0xFE),),
    frozenset(),
)
SHIFT_JIS = LegacyEncoding(
    "Shift_JIS",
    "cp932",
    frozenset({"JP"}),
    ((0x82, 0x83), (0x88, 0x9F), (0xE0, 0xEA)),
    ((0x40, 0x7E), (0x80, 0xFC)),
    frozenset({0x815B, 0x8145, 0x8158}),  # ー ・ 々
)
BIG5 = LegacyEncoding(
    "Big5",
    "cp950",
    frozenset({"TW", "HK", "MO"}),
    ((0xA4, 0xC6), (0xC9, 0xF9)),
    ((0x40, 0x7E), (0xA1, 0xFE)),
    frozenset(),
)
LEGACY_ENCODINGS = (GBK, EUC_KR, SHIFT_JIS, BIG5)


def _cjk(c: str) -> bool:
    """Han, kana and hangul letters, CJK punctuation and full-width forms."""
    return (
        "\u3040" <= c <= "\u30ff"
        or "\u3400" <= c <= "\u4dbf"
        or "\u4e00" <= c <= "\u9fff"
        or "\uac00" <= c <= "\ud7a3"
        or "\u3000" <= c <= "\u303f"
        or "\uff01" <= c <= "\uff5e"
        or "\uf900" <= c <= "\ufaff"
    )


def _runs_of_two(text: str) -> bool:
    """Whether the text has a run of two or more characters beyond ASCII, and every lone one
    stands apart from ASCII letters and digits (Korean `시` after a space): a lone ideograph
    amid Latin letters is an accented letter and its neighbour (`Müller`)."""
    longest = run = 0
    for i, c in enumerate(text):
        if c.isascii():
            run = 0
            continue
        run += 1
        longest = max(longest, run)
        if run == 1 and (i + 1 == len(text) or text[i + 1].isascii()):
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            if before.isalnum() or after.isalnum():
                return False
    return longest >= 2


def legacy_readings(value: str) -> list[tuple[LegacyEncoding, str]]:
    """(encoding, reading) of each double-byte encoding whose bytes, read as Windows-1252 or
    Latin-1, the whole value is: `±±¾©` is GBK `北京`."""
    raw = _as_bytes(value, WINDOWS_1252)
    if raw is None or sum(b >= 0x80 for b in raw) < 2:
        return []
    found = []
    for encoding in LEGACY_ENCODINGS:
        try:
            decoded = raw.decode(encoding.codec)
        except UnicodeDecodeError:
            continue
        if (
            len(decoded) < len(value)
            and _runs_of_two(decoded)
            and all(c.isascii() or encoding.common(c) for c in decoded)
            and not _accented_words(value, decoded, encoding)
        ):
            found.append((encoding, decoded))
    return found


def _latin1_letter(c: str) -> bool:
    return "\u00c0" <= c <= "\u00ff" and c.isalpha()


def _accented_words(value: str, decoded: str, encoding: LegacyEncoding) -> bool:
    """Whether the reading takes the letters of Latin words for two-byte characters.
    Shift_JIS and Big5 take ASCII as second bytes and Latin-1 letters as first bytes, so
    Yoruba `Nàmíbíà` reads as Big5 `N跩燢縺`, Czech `Žižkov`, Ukrainian `Starobil’s’k` and
    Azerbaijani `Šuša` as Shift_JIS `司枳ov`, `Starobil痴談` and `隔啾`. Part of a Latin word
    is a two-byte character that stands right beside an ASCII letter and either ends in an
    ASCII letter or starts with a Latin-1 letter (`À`-`ÿ`); and a reading whose two-byte
    characters all are a letter and an ASCII letter is a Latin word too (but for `ƒ`, the
    first byte of Shift_JIS katakana: `ƒoƒgƒi` is `バトナ`). GBK and EUC-KR take only
    bytes A1-FE, never ASCII, so a Latin word needs four accented letters in a row."""
    if encoding.codec in ("gbk", "cp949"):
        # Their common letters are bytes A1-FE, never ASCII; a Latin word would need four
        # accented letters in a row (Estonian `Jõõääre`). Their real mojibake has symbols
        # among them (`±±¾©`) or stands apart from ASCII letters.
        if not all(c.isascii() or _latin1_letter(c) for c in value):
            return False
        return any(
            a.isascii() != b.isascii() and (a if a.isascii() else b).isalpha()
            for a, b in zip(value, value[1:])
        )
    # Each two-byte character stands for two characters of the value (`common` let only
    # two-byte characters through), each ASCII one for one.
    i = 0
    double = letter_pairs = 0
    for k, c in enumerate(decoded):
        if c.isascii():
            i += 1
            continue
        lead, trail = value[i], value[i + 1]
        i += 2
        double += 1
        ascii_trail = trail.isascii() and trail.isalpha()
        if ascii_trail or _latin1_letter(lead):
            neighbours = (decoded[k - 1 : k] if k else "") + decoded[k + 1 : k + 2]
            if any(n.isascii() and n.isalpha() for n in neighbours):
                return True
        letter_pairs += ascii_trail and lead.isalpha() and lead != "ƒ"
    return letter_pairs == double


def utf8_misread(value: str) -> tuple[LegacyEncoding, str] | None:
    """(encoding, UTF-8 reading) when the whole value is UTF-8 read as a double-byte
    encoding: `譚ｱ莠ｬ` is UTF-8 `東京` read as Shift_JIS."""
    for encoding in LEGACY_ENCODINGS:
        try:
            decoded = value.encode(encoding.codec).decode("utf-8")
        except UnicodeError:
            continue
        if (
            len(decoded) < len(value)
            and _runs_of_two(decoded)
            and all(c.isascii() or _cjk(c) for c in decoded)
            and _coherent(decoded)
        ):
            return encoding, decoded
    return None


def _preference(
    reading: tuple[LegacyEncoding, str], countries: frozenset[str]
) -> tuple:
    """Sort key among readings of the same bytes: the subject's country's encoding first,
    then an EUC-KR reading that is all hangul (Korean text is; GBK reads the same bytes as
    hanzi), then LEGACY_ENCODINGS order."""
    encoding, decoded = reading
    korean = encoding is EUC_KR and all(
        c.isascii() or "\uac00" <= c <= "\ud7a3" for c in decoded
    )
    return (not (encoding.countries & countries), not korean)


def _subject_countries(subject: Subject) -> frozenset[str]:
    return frozenset(
        v.strip().upper()
        for oid in (attributes.COUNTRY_NAME, attributes.JURISDICTION_COUNTRY_NAME)
        for v in subject.values_of(oid)
    )


# --- The check ----------------------------------------------------------------------------------


@rule(
    PERCENT_ENCODED,
    severity="ERROR",
    why="Percent-encoded separators, quotes, white space or UTF-8 text (`%2C`, `%20`, "
    "`%C3%BC`) never stand in a name; a lone `%DE` after a number is left alone.",
    description="The value contains URL percent-encoding of separators, quotes, white "
    "space or UTF-8 text (%2C, %20, %3D, %C3%BC)",
    citation=citations.SUBJECT_INFORMATION,
    example="ST=Tokyo%2C%20C%3DJP",
    attributes=None,
    never=NOT_APPLICABLE,
    plain=False,
    also=(
        finding(
            REPLACEMENT_CHARACTER,
            severity="ERROR",
            why="Characters of the name were irrecoverably lost in decoding; pkimetal "
            "reports it as an error too.",
            description="The value contains the Unicode replacement character U+FFFD (or "
            "its Latin-1 reading 'ï¿½', or GBK's '锟斤拷'): characters of the name were "
            "lost",
            citation=citations.SUBJECT_INFORMATION
            + "; characters were lost in decoding (pkimetal: Error)",
            example="L=M\ufffdnchen",
        ),
        finding(
            MOJIBAKE,
            severity="WARNING",
            why="The whole value re-decodes into a shorter, plausible text: very likely "
            "mojibake, but not provable (pkimetal's ftfy check warns likewise). Measured: "
            "no finding on some 550,000 real names in every script.",
            description="The whole value is text decoded with the wrong character "
            "encoding (mojibake): UTF-8 read as Windows-1252, Latin-1, Windows-1251, KOI8 "
            "or a Greek code page, GBK, EUC-KR, Shift_JIS or Big5 read as Latin-1, or "
            "UTF-8 read as one of those; re-decoded it gives a shorter, plausible text",
            citation=citations.SUBJECT_INFORMATION + "; Sectigo Bugzilla 1724458",
            example="L=MÃ¼nchen",
        ),
        finding(
            POSSIBLE_MOJIBAKE,
            severity="NOTICE",
            why="Only some sequences of a mixed value look like mojibake: a heuristic, the "
            "rest of the value may be the intended text.",
            description="Part of the value looks like UTF-8 decoded as Windows-1252, "
            "Latin-1, Windows-1251, KOI8 or a Greek code page (Ã¼, Â©, â€™, РњРѕ and "
            "similar sequences)",
            citation=citations.SUBJECT_INFORMATION
            + "; Sectigo Bugzilla 1724458; heuristic",
            example="O=株式会社 MÃ¼nchen",
        ),
    ),
    examples=(
        "ST=Tokyo%2C%20C%3DJP",
        "L=M%C3%BCnchen",
        "L=M\ufffdnchen",
        "L=MÃ¼nchen",
        "L=РњРѕСЃРєРІР° (C=RU)",
        "L=п°п╬я│п╨п╡п╟ (C=RU)",
        "L=Ξ‘ΞΈΞ®Ξ½Ξ± (C=GR)",
        "ST=±±¾© (C=CN)",
        "ST=ºÎ»ê±¤¿ª½Ã (C=KR)",
        "ST=“Œ‹ž“s (C=JP)",
        "ST=譚ｱ莠ｬ驛ｽ (C=JP)",
        "O=株式会社 MÃ¼nchen",
        "O=ООО РњРѕСЃРєРІР° (C=RU)",
    ),
    near_misses=(
        "O=100% Pure Juice Ltd",
        "O=Save 30%DE",
        "L=SÃO PAULO",
        "L=Úžice",
        "L=Рівне (C=UA)",
        "L=Žižkov (C=CZ)",
        "O=Nàmíbíà Ltd",
        "E=jane%example.net@example.com",
    ),
)
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Percent-encoding, the replacement character and mojibake."""
    if attribute_oid in NOT_APPLICABLE or not value:
        return []
    if value.isascii() and "%" not in value:  # the common case: nothing to find
        return []
    # The answer is a function of the attribute type, the value and the subject's countries
    # (which say how legacy double-byte readings are ranked). Non-ASCII names repeat across
    # certificates (`München`, `東京都`): the answers for values of name size are kept in a
    # bounded memo; longer values are worked out each time.
    countries = fact_of(subject, _subject_countries)
    if len(value) > _MEMO_LENGTH:
        return list(_verdict(attribute_oid, value, countries))
    return list(_verdict_cached(attribute_oid, value, countries))


# Values up to this length are memoised (DN attributes are at most a few hundred characters).
_MEMO_LENGTH = 256


def _verdict(
    attribute_oid: str, value: str, countries: frozenset[str]
) -> tuple[Hit, ...]:
    own = attributes.attribute_name(attribute_oid)
    hits = []

    if "%" in value and attribute_oid not in NO_PERCENT_CHECK:
        encoded = find_percent_encoding(value[:MAX_ANALYSED])
        if encoded is not None:
            hits.append(Hit(PERCENT_ENCODED, _percent_message(own, value, encoded)))

    if value.isascii():
        return tuple(hits)

    lost = _lost_characters(value)
    if lost is not None:
        hits.append(
            Hit(
                REPLACEMENT_CHARACTER,
                f"{own} value {quote(value)} contains the replacement character {lost}: "
                "characters were lost when the value was decoded",
            )
        )
        return tuple(hits)

    head = value[:MAX_ANALYSED]
    beyond_ascii = frozenset(head) - _ASCII
    message = _whole_value_mojibake(head, beyond_ascii, countries)
    if message is not None:
        hits.append(Hit(MOJIBAKE, f"{own} value {quote(value)} is {message}"))
        return tuple(hits)

    for code_page in CODE_PAGES:
        if beyond_ascii.isdisjoint(code_page.leads):
            continue
        found = _sequences(head, code_page)
        if _evidence(found, code_page):
            shown = ", ".join(f"{quote(s)} -> {quote(d)}" for _, s, d in found[:3])
            hits.append(
                Hit(
                    POSSIBLE_MOJIBAKE,
                    f"{own} value {quote(value)} contains character sequences that look "
                    f"like UTF-8 decoded as {code_page.label}: {shown}",
                )
            )
            break
    return tuple(hits)


_verdict_cached = functools.lru_cache(maxsize=4096)(_verdict)


_ASCII = frozenset(map(chr, range(0x80)))

# U+FFFD as it reads once its UTF-8 bytes are misread: Latin-1 `ï¿½`, and GBK `锟斤拷` (two
# of them), the proverbial mojibake of Chinese software. Neither is ever a name.
_LOST = (
    ("\ufffd", "U+FFFD"),
    ("ï¿½", '"ï¿½" (U+FFFD read as Latin-1)'),
    ("锟斤拷", '"锟斤拷" (two U+FFFD read as GBK)'),
)


def _lost_characters(value: str) -> str | None:
    for text, said in _LOST:
        if text in value:
            return said
    return None


def _whole_value_mojibake(
    head: str, beyond_ascii: frozenset[str], countries: frozenset[str]
) -> str | None:
    """The message's words when the whole value re-decodes into a shorter, plausible text.
    `beyond_ascii`: the value's characters beyond ASCII, to skip encodings they are not in.
    """
    for code_page in CODE_PAGES:
        if not beyond_ascii <= code_page.characters:
            continue
        decoded = redecoded(head, code_page)
        if decoded is not None:
            return (
                f"UTF-8 text decoded as {code_page.label} (mojibake); decoded as UTF-8 "
                f"it reads {quote(decoded)}"
            )
    readings = legacy_readings(head) if beyond_ascii <= WINDOWS_1252.characters else []
    if readings:
        # The same bytes often read as GBK, EUC-KR and Big5 alike: the subject's country
        # says which one it was (`_preference`); the others are named too.
        readings.sort(key=lambda r: _preference(r, countries))
        encoding, decoded = readings[0]
        others = ", ".join(e.label for e, _ in readings[1:])
        others = f" (or {others})" if others else ""
        return (
            f"{encoding.label}{others} text decoded as {WINDOWS_1252.label} (mojibake); "
            f"decoded as {encoding.label} it reads {quote(decoded)}"
        )
    # UTF-8 CJK misread as a double-byte encoding reads as CJK characters (and some kana).
    misread = utf8_misread(head) if any(c >= "\u3000" for c in beyond_ascii) else None
    if misread is not None:
        encoding, decoded = misread
        return (
            f"UTF-8 text decoded as {encoding.label} (mojibake); decoded as UTF-8 it "
            f"reads {quote(decoded)}"
        )
    return None


def _percent_message(own: str, value: str, encoded: str) -> str:
    decoded = urllib.parse.unquote(value[:MAX_ANALYSED], errors="replace")
    message = (
        f"{own} value {quote(value)} contains the percent-encoded (URL-encoded) "
        f"characters {quote(encoded[:MAX_SNIPPET])}; decoded it reads {quote(decoded)}"
    )
    if "=" in decoded:
        found = find_assignments(decoded)
        if found:
            a = found[0]
            message += (
                f", which embeds the attribute assignment {quote(a.text)} ({a.name})"
            )
    return message
