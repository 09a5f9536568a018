"""Rule family 4: address parts joined into one place attribute.

A localityName or stateOrProvinceName (and their EV jurisdiction counterparts) should hold one
place name. CAs have issued values that carry a whole address line instead:
`Chiyoda-ku, Tokyo 100-0001`, `1600 Amphitheatre Parkway, Mountain View`, `CA 94043`; and
postalCode values that carry more than the postal code: `1260 Nyon` (SwissSign, Bugzilla
1569651), `NLD-3707BK` (Buypass, 2017).

Every check here is a heuristic: real place names contain commas, parentheses, slashes and
numbers (`Washington, D.C.`, `Frankfurt (Oder)`, `Biel/Bienne`, `Bristol, City of`,
`100 Mile House`), and postal codes come in many national shapes (`SW1A 1AA`, `K1A 0B1`,
`LV-1050`, `AD500`, `VLT 1117`). So the findings are NOTICEs, and the shapes are deliberately
narrow. Tokens are classified by their shape (digits, letters, hyphens), never by a regular
expression; at most the first `_MAX_ANALYSED` characters of a value are read, so hostile
input costs a bounded amount of work.
"""

from __future__ import annotations

import re
import unicodedata

from pkilint_semantic_dn import attributes
from pkilint_semantic_dn.rules import (
    Hit,
    Subject,
    geography,
    normalise,
    placenames,
    quote,
    scope,
    subject_values,
)

POSTAL_CODE_IN_PLACE_NAME = "semantic_dn.postal_code_in_place_name"
STREET_ADDRESS_IN_PLACE_NAME = "semantic_dn.street_address_in_place_name"
JOINED_PLACE_NAMES = "semantic_dn.joined_place_names"
PLACE_NAME_IN_POSTAL_CODE = "semantic_dn.place_name_in_postal_code"
COUNTRY_PREFIX_IN_POSTAL_CODE = "semantic_dn.country_prefix_in_postal_code"

CODES = (
    POSTAL_CODE_IN_PLACE_NAME,
    STREET_ADDRESS_IN_PLACE_NAME,
    JOINED_PLACE_NAMES,
    PLACE_NAME_IN_POSTAL_CODE,
    COUNTRY_PREFIX_IN_POSTAL_CODE,
)

# Each place attribute and the one it must not swallow: L <-> ST, and the same pair among the
# EV jurisdiction attributes.
COUNTERPART = {
    attributes.LOCALITY_NAME: attributes.STATE_OR_PROVINCE_NAME,
    attributes.STATE_OR_PROVINCE_NAME: attributes.LOCALITY_NAME,
    attributes.JURISDICTION_LOCALITY_NAME: attributes.JURISDICTION_STATE_OR_PROVINCE_NAME,
    attributes.JURISDICTION_STATE_OR_PROVINCE_NAME: attributes.JURISDICTION_LOCALITY_NAME,
}

# X.520 bounds ST and L at 128 characters; nothing longer is an address line worth reading
# further, and the bound keeps hostile input cheap.
_MAX_ANALYSED = 1024
_MAX_COMPONENTS = 32
_MAX_TOKENS = 64
_MAX_TOKEN = 16  # longer tokens have no postal code or house number shape

# Component separators of an address line (the ideographic comma of CJK text included;
# fullwidth commas become ASCII commas under NFKC folding).
_COMPONENT_SEPARATORS = str.maketrans({";": ",", "、": ","})
_TOKEN_STRIP = ".,;:()[]{}\"'"
_POSTAL_MARK = "〒"  # Japanese postal mark before a postal code


# --- Token shapes -------------------------------------------------------------------------------


def shape(token: str) -> str:
    """`9` for an ASCII digit, `A`/`a` for an ASCII letter, the character itself for `-`, `?`
    for anything else: `SW1A` -> `AA9A`, `100-0001` -> `999-9999`."""
    out = []
    for c in token:
        if "0" <= c <= "9":
            out.append("9")
        elif "A" <= c <= "Z":
            out.append("A")
        elif "a" <= c <= "z":
            out.append("a")
        elif c == "-":
            out.append("-")
        else:
            out.append("?")
    return "".join(out)


# Postal codes written as one token (facts from the UPU's addressing formats).
_ONE_TOKEN_POSTAL = frozenset(
    ["9" * n for n in range(4, 8)]  # 1010, 94043, 100001, 1000001
    # 100-0001 (JP), 94043-1351 (US), 00-950 (PL), 1000-001 (PT), 01310-100 (BR)
    + ["9" * a + "-" + "9" * b for a in range(2, 6) for b in range(3, 5)]
    + [
        "A" * p + "-" + "9" * n  # D-80331, CH-1260, LV-1050, LT-01100: prefixed forms
        for p in range(1, 4)
        for n in range(4, 7)
    ]
    + ["9999AA", "A9999AAA", "A9A9A9"]  # 3707BK (NL), C1425DKT (AR), K1A0B1 (CA)
)
_UK_OUTWARD = ("A9", "A99", "AA9", "AA99", "A9A", "AA9A")
# Postal codes written as two tokens.
_TWO_TOKEN_POSTAL = frozenset(
    [("999", "99"), ("999", "999")]  # 114 55 (SE, CZ, SK, GR), 110 001 (IN)
    + [("A" * p + "-999", "99") for p in range(1, 4)]  # SE-114 55
    + [("9999", "AA")]  # 1012 AB (NL)
    + [(outward, "9AA") for outward in _UK_OUTWARD]  # SW1A 1AA (GB)
    + [("A9A", "9A9")]  # K1A 0B1 (CA)
)


def _is_eircode(first: str, second: str) -> bool:
    """D02 X285 (IE): a routing key and four letters or digits, both kinds present."""
    return (
        (shape(first) == "A99" or first == "D6W")
        and len(second) == 4
        and second.isalnum()
        and second.isascii()
        and second == second.upper()
        and any(c.isdigit() for c in second)
        and any(c.isalpha() for c in second)
    )


def _clean(token: str) -> str:
    token = token.strip(_TOKEN_STRIP)
    if token.startswith(_POSTAL_MARK):
        token = token[len(_POSTAL_MARK) :]
    return token


def postal_code_at(tokens: list[str], i: int) -> int:
    """How many tokens from `i` on form a postal code (0 when none does)."""
    first = tokens[i]
    if len(first) > _MAX_TOKEN:
        return 0
    s = shape(first)
    if i + 1 < len(tokens) and len(tokens[i + 1]) <= _MAX_TOKEN:
        second = tokens[i + 1]
        if (s, shape(second)) in _TWO_TOKEN_POSTAL or _is_eircode(first, second):
            return 2
    return 1 if s in _ONE_TOKEN_POSTAL else 0


# --- Street addresses ---------------------------------------------------------------------------

# Street type words that follow the street's name (English, and whole words in German, Dutch,
# Nordic, Hungarian, Turkish addresses): "Amphitheatre Parkway", "Frankfurter Straße".
_SUFFIX_TYPES = frozenset("""
    street st avenue ave road rd boulevard blvd drive dr lane ln way parkway pkwy court ct
    place pl square sq terrace highway hwy circle cir loop trail plaza crescent close alley
    expressway freeway turnpike row strasse straße str gasse weg platz allee damm chaussee
    straat laan gracht plein kade vej gade gata gatan vägen väg katu utca caddesi cad sokak
    sok
    """.split())
# Abbreviations that are also name prefixes (`St. Gallen`, `Dr.`): only as the last word.
_AMBIGUOUS_ABBREVIATIONS = frozenset(
    "st ave av rd dr ln ct pl sq cir str cad sok".split()
)
# Street types written as the end of one word, followed by the house number: "Hauptstraße 5".
_COMPOUND_SUFFIXES = (
    "straße",
    "strasse",
    "str",
    "gasse",
    "weg",
    "platz",
    "allee",
    "damm",
    "straat",
    "laan",
    "gracht",
    "plein",
    "vej",
    "gade",
    "gatan",
    "vägen",
    "katu",
    "utca",
)
# Street type words that precede the name (Romance, Slavic, Malay languages):
# "rue de Rivoli", "Via Roma", "Calle Mayor", "ul. Marszałkowska", "Jl. Sudirman".
_PREFIX_TYPES = frozenset("""
    rue avenue boulevard bd chemin allée impasse quai route via viale piazza piazzale corso
    largo vicolo calle avenida avda paseo carrera rua praça travessa ulica ul aleja ulitsa
    prospekt jalan jl
    """.split())
# Words introducing a unit or box number: "Suite 100", "PO Box 12". ("No. 5" alone is not
# enough: `Margate No. 4` and `Duliajan No. 1` are place names.)
_NUMBER_WORDS = frozenset("""
    suite ste unit apt apartment floor fl building bldg room rm box pobox postfach apartado
    casilla postbus bp
    """.split())
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
    if not t or len(t) > _MAX_TOKEN or not t.isascii():
        return False
    if "-" in t:
        parts = t.split("-")
        return len(parts) == 2 and all(_is_house_number(p, 4) for p in parts)
    digits = t[:-1] if t[-1].isalpha() else t
    return 1 <= len(digits) <= max_digits and digits.isdigit()


def _is_block_number(token: str) -> bool:
    """Japanese block addresses: 1-2-3, 4-10-1."""
    if len(token) > _MAX_TOKEN or token.count("-") < 2:
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
        while at != -1 and seen < _MAX_TOKENS:
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


# Official subdivision names with a comma (ISO 3166-2, facts from pycountry 26.2.16) and common
# names written with one. Their parts must not count as joined place names.
_NAMES_WITH_COMMAS = (
    "Bruxelles-Capitale, Région de",
    "wallonne, Région",
    "San Andrés, Providencia y Santa Catalina",
    "Praha, Hlavní město",
    "Asturias, Principado de",
    "Murcia, Región de",
    "Madrid, Comunidad de",
    "Navarra, Comunidad Foral de",
    "Valenciana, Comunidad",
    "Southern Nations, Nationalities and Peoples",
    "Armagh City, Banbridge and Craigavon",
    "Bournemouth, Christchurch and Poole",
    "Bristol, City of",
    "Durham, County",
    "Edinburgh, City of",
    "London, City of",
    "Newry, Mourne and Down",
    "Vale of Glamorgan, The",
    "Găgăuzia, Unitatea teritorială autonomă (UTAG)",
    "Stînga Nistrului, unitatea teritorială din",
    "Virgin Islands, U.S.",
    "Washington, D.C.",
    "Washington, DC",
)
NAMES_WITH_COMMAS = frozenset(_comma_key(n) for n in _NAMES_WITH_COMMAS)
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


# --- Place attributes ---------------------------------------------------------------------------


def _components(text: str) -> list[str]:
    parts = text.translate(_COMPONENT_SEPARATORS).split(",", _MAX_COMPONENTS)
    return [p.strip() for p in parts[:_MAX_COMPONENTS]]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@scope(only=COUNTERPART)
def check_place_name(
    attribute_oid: str, value: str, subject: Subject = ()
) -> list[Hit]:
    """Postal codes, street addresses and the counterpart place inside an L/ST value."""
    counterpart = COUNTERPART.get(attribute_oid)
    if counterpart is None or not value:
        return []
    text = normalise.fold(value[:_MAX_ANALYSED])
    # Every check needs a digit, a separator or a CJK address marker.
    if not _TRIGGER.search(text) and not _has_cjk_street_marker(text):
        return []

    own = attributes.attribute_name(attribute_oid)
    components = [c for c in _components(text) if c]
    # The subject's own postal codes as word lists (`101`, `SW1A 1AA`); none is longer
    # than a few words, so longer values are no postal codes to look for.
    postal_codes = {
        _key(p) for p in subject_values(subject, attributes.POSTAL_CODE) if len(p) <= 40
    }
    postal_words = [p.split() for p in postal_codes if any(c.isdigit() for c in p)]
    streets = {_key(s) for s in subject_values(subject, attributes.STREET_ADDRESS)}
    postal_found: str | None = None
    postal_is_subjects = False
    street_found: str | None = None
    # Each component without its postal code, for the comparison with the counterpart.
    remainders: list[str] = []

    for component in components:
        tokens = [_clean(t) for t in component.split(None, _MAX_TOKENS)[:_MAX_TOKENS]]
        tokens = [t for t in tokens if t]
        if street_found is None and (
            _key(component) in streets
            or _is_street(tokens)
            or _has_cjk_street_marker(component)
        ):
            street_found = component
            remainders.append("")
            continue
        kept: list[str] = []
        i = 0
        while i < len(tokens):
            width = postal_code_at(tokens, i)
            if width == 1 and i > 0 and _word(tokens[i - 1]) in _YEAR_WORDS:
                width = 0  # a year, not a postal code
            if width == 0:
                for words in postal_words:
                    if [t.casefold() for t in tokens[i : i + len(words)]] == words:
                        width = len(words)
                        break
            if width:
                code = " ".join(tokens[i : i + width])
                if postal_found is None:
                    postal_found = code
                    postal_is_subjects = _key(code) in postal_codes
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
        attribute_oid, components, remainders, counterpart, subject
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
) -> str | None:
    """The component that repeats the subject's counterpart place, if the value has several."""
    if len(components) < 2:
        return None
    others = {_key(v) for v in subject_values(subject, counterpart)}
    others.discard("")
    if not others:
        return None
    if _comma_key(", ".join(components)) in NAMES_WITH_COMMAS or _is_inverted_name(
        components
    ):
        return None
    # "Chiyoda-ku, Tokyo 100-0001" with ST "Tokyo": a component, without its postal code, is
    # the counterpart. (A single component equal to it, "Tokyo" as both L and ST, is fine.)
    for m, remainder in enumerate(remainders):
        if remainder and _key(remainder) in others:
            rest = [r for j, r in enumerate(remainders) if r and j != m]
            if rest and _all_own_country(attribute_oid, rest, subject):
                # "Tokyo, Japan" beside ST "Tokyo": the city and the prefecture share a
                # name; what was added is the country, family 3's finding.
                return None
            return remainder
    return None


def _all_own_country(attribute_oid: str, parts: list[str], subject: Subject) -> bool:
    alpha2 = geography.subject_country(attribute_oid, subject)
    if alpha2 is None:
        return False
    names = geography.country_names(alpha2)
    return all(any(k in names for k in placenames.keys(p)) for p in parts)


# --- postalCode ---------------------------------------------------------------------------------

# ISO 3166-1 alpha-2 and alpha-3 codes, pairwise (facts from pycountry 26.2.16).
_ALPHA_PAIRS = """
AWABW AFAFG AOAGO AIAIA AXALA ALALB ADAND AEARE ARARG AMARM ASASM AQATA TFATF AGATG AUAUS ATAUT
AZAZE BIBDI BEBEL BJBEN BQBES BFBFA BDBGD BGBGR BHBHR BSBHS BABIH BLBLM BYBLR BZBLZ BMBMU BOBOL
BRBRA BBBRB BNBRN BTBTN BVBVT BWBWA CFCAF CACAN CCCCK CHCHE CLCHL CNCHN CICIV CMCMR CDCOD CGCOG
CKCOK COCOL KMCOM CVCPV CRCRI CUCUB CWCUW CXCXR KYCYM CYCYP CZCZE DEDEU DJDJI DMDMA DKDNK DODOM
DZDZA ECECU EGEGY ERERI EHESH ESESP EEEST ETETH FIFIN FJFJI FKFLK FRFRA FOFRO FMFSM GAGAB GBGBR
GEGEO GGGGY GHGHA GIGIB GNGIN GPGLP GMGMB GWGNB GQGNQ GRGRC GDGRD GLGRL GTGTM GFGUF GUGUM GYGUY
HKHKG HMHMD HNHND HRHRV HTHTI HUHUN IDIDN IMIMN ININD IOIOT IEIRL IRIRN IQIRQ ISISL ILISR ITITA
JMJAM JEJEY JOJOR JPJPN KZKAZ KEKEN KGKGZ KHKHM KIKIR KNKNA KRKOR KWKWT LALAO LBLBN LRLBR LYLBY
LCLCA LILIE LKLKA LSLSO LTLTU LULUX LVLVA MOMAC MFMAF MAMAR MCMCO MDMDA MGMDG MVMDV MXMEX MHMHL
MKMKD MLMLI MTMLT MMMMR MEMNE MNMNG MPMNP MZMOZ MRMRT MSMSR MQMTQ MUMUS MWMWI MYMYS YTMYT NANAM
NCNCL NENER NFNFK NGNGA NINIC NUNIU NLNLD NONOR NPNPL NRNRU NZNZL OMOMN PKPAK PAPAN PNPCN PEPER
PHPHL PWPLW PGPNG PLPOL PRPRI KPPRK PTPRT PYPRY PSPSE PFPYF QAQAT REREU ROROU RURUS RWRWA SASAU
SDSDN SNSEN SGSGP GSSGS SHSHN SJSJM SBSLB SLSLE SVSLV SMSMR SOSOM PMSPM RSSRB SSSSD STSTP SRSUR
SKSVK SISVN SESWE SZSWZ SXSXM SCSYC SYSYR TCTCA TDTCD TGTGO THTHA TJTJK TKTKL TMTKM TLTLS TOTON
TTTTO TNTUN TRTUR TVTUV TWTWN TZTZA UGUGA UAUKR UMUMI UYURY USUSA UZUZB VAVAT VCVCT VEVEN VGVGB
VIVIR VNVNM VUVUT WFWLF WSWSM YEYEM ZAZAF ZMZMB ZWZWE
"""
# International distinguishing signs that CEPT-era addresses put before postal codes
# (`D-80331`, `CH-1260`, `FIN-00100`), where they differ from the alpha-2 code.
_DISTINGUISHING_SIGNS = {
    "DE": "D",
    "FR": "F",
    "AT": "A",
    "IT": "I",
    "ES": "E",
    "PT": "P",
    "BE": "B",
    "LU": "L",
    "SE": "S",
    "NO": "N",
    "HU": "H",
    "FI": "FIN",
    "IE": "IRL",
    "SI": "SLO",
    "LI": "FL",
    "SM": "RSM",
    "VA": "V",
    "MT": "M",
    "JP": "J",
    "CA": "CDN",
    "RU": "RUS",
    "EE": "EST",
}
COUNTRY_MARKERS: dict[str, frozenset[str]] = {}
for _pair in _ALPHA_PAIRS.split():
    _markers = {_pair[:2], _pair[2:]}
    if _pair[:2] in _DISTINGUISHING_SIGNS:
        _markers.add(_DISTINGUISHING_SIGNS[_pair[:2]])
    COUNTRY_MARKERS[_pair[:2]] = frozenset(_markers)
del _pair, _markers

# Countries whose official postal code starts with these letters (UPU formats): `LV-1050`,
# `LT-01100`, `MD-2001`, `AZ 1000`, `AD500`, `BB11000`, `KY1-1100`, `VC0100`, `VG1110`,
# `AI-2640`, `MSR 1110`, `EC170150`, `L-1234`, and the UK-style `JE2 3AB`, `IM1 1AA`.
OFFICIAL_PREFIXES = {
    "LU": frozenset({"L"}),  # optional, recommended by POST Luxembourg
    "LV": frozenset({"LV"}),
    "LT": frozenset({"LT"}),
    "MD": frozenset({"MD"}),
    "AZ": frozenset({"AZ"}),
    "AD": frozenset({"AD"}),
    "BB": frozenset({"BB"}),
    "KY": frozenset({"KY"}),
    "VC": frozenset({"VC"}),
    "VG": frozenset({"VG"}),
    "AI": frozenset({"AI"}),
    "MS": frozenset({"MSR"}),
    "EC": frozenset({"EC"}),
    "JE": frozenset({"JE"}),
    "IM": frozenset({"IM"}),
}
# Countries whose postal codes are digits only (optionally with a hyphen or a space): any
# letters in their postalCode are something else (`CA 94043` under C=US).
DIGITS_ONLY = frozenset("""
    US DE FR IT ES CH AT BE DK NO SE FI PL CZ SK HU PT GR JP CN IN RU AU NZ ZA MX BR KR TW TH
    ID MY PH VN SG IL TR UA RO BG HR SI RS EE IS LU LI MC CL CO UY SA
    """.split())
# Letter groups that belong to postal codes or to the postal line without naming a place:
# French CEDEX, British Forces Post Office, the British overseas territories' codes.
_POSTAL_WORDS = frozenset(
    "CEDEX BFPO ASCN BBND BIQQ FIQQ PCRN SIQQ STHL TDCU TKCA".split()
)


def _country(subject: Subject) -> str:
    for v in subject_values(subject, attributes.COUNTRY_NAME):
        return v.strip().upper()
    return ""


def _leading_letters(text: str) -> tuple[str, str, str]:
    """(letters, separator, rest) for `NLD-3707BK`; ('', '', text) without leading letters."""
    i = 0
    while i < len(text) and i < 4 and "A" <= text[i].upper() <= "Z":
        i += 1
    if i == 0 or i > 3:
        return "", "", text
    sep = text[i] if i < len(text) and text[i] in "- " else ""
    return text[:i], sep, text[i + len(sep) :]


def _is_place_word(token: str, country: str) -> bool:
    """A word in a postalCode that is not part of any national postal code format."""
    if not token.isalpha() or token.upper() in _POSTAL_WORDS:
        return False
    if not token.isascii():
        return len(token) >= 2
    if len(token) >= 4 or (len(token) == 3 and not token.isupper()):
        return True
    return country in DIGITS_ONLY


@scope(only=(attributes.POSTAL_CODE,))
def check_postal_code(
    attribute_oid: str, value: str, subject: Subject = ()
) -> list[Hit]:
    """Place names and country prefixes in a postalCode value."""
    if attribute_oid != attributes.POSTAL_CODE or not value:
        return []
    text = normalise.fold(value[:_MAX_ANALYSED]).strip()
    if text.isdigit():
        return []
    country = _country(subject)
    hits = []
    prefix_token = ""

    letters, sep, rest = _leading_letters(text)
    if (
        letters
        and country
        and rest[:1].isdigit()
        and letters.upper() in COUNTRY_MARKERS.get(country, ())
        and letters.upper() not in OFFICIAL_PREFIXES.get(country, ())
    ):
        prefix_token = letters
        hits.append(
            Hit(
                COUNTRY_PREFIX_IN_POSTAL_CODE,
                f"postalCode value {quote(value)} starts with {quote(letters + sep)}, a "
                f"code of the subject's country {country}; the postal code is "
                f"{quote(rest.strip())}",
            )
        )

    places = {
        _key(v): attributes.attribute_name(oid)
        for oid in (attributes.LOCALITY_NAME, attributes.STATE_OR_PROVINCE_NAME)
        for v in subject_values(subject, oid)
    }
    tokens = [_clean(t) for t in text.replace(",", " ").split(None, _MAX_TOKENS)]
    words = []
    for i, token in enumerate(tokens[:_MAX_TOKENS]):
        if not token or (i == 0 and token == prefix_token):
            continue
        if _key(token) in places or _is_place_word(token, country):
            words.append(token)
    if words:
        phrase = " ".join(words)
        named = places.get(_key(phrase)) or places.get(_key(words[0]))
        if named:
            why = f" (the subject's {named})"
        elif country in DIGITS_ONLY:
            why = f" (postal codes of {country} are digits only)"
        else:
            why = ""
        hits.append(
            Hit(
                PLACE_NAME_IN_POSTAL_CODE,
                f"postalCode value {quote(value)} contains {quote(phrase)}{why} "
                "besides the postal code",
            )
        )
    return hits


@scope(only=(*COUNTERPART, attributes.POSTAL_CODE))
def check(attribute_oid: str, value: str, subject: Subject = ()) -> list[Hit]:
    """Every family 4 check on one value."""
    if attribute_oid == attributes.POSTAL_CODE:
        return check_postal_code(attribute_oid, value, subject)
    return check_place_name(attribute_oid, value, subject)
