"""What postal codes look like, and the token handling the two address rules share.

Postal codes come in many national shapes (`SW1A 1AA`, `K1A 0B1`, `LV-1050`, `AD500`,
`VLT 1117`), so the shapes here are deliberately narrow. Tokens are classified by their shape
(digits, letters, hyphens), never by a regular expression; the rules read at most the first
`MAX_ANALYSED` characters of a value and `MAX_TOKENS` tokens of it, so hostile input costs a
bounded amount of work. Used by `rules/place_name_address_parts.py` (a postal code inside a
place name) and `rules/postal_code.py` (more than the code inside postalCode).
"""

from __future__ import annotations

# X.520 bounds ST and L at 128 characters; nothing longer is an address line worth reading
# further, and the bound keeps hostile input cheap.
MAX_ANALYSED = 1024
MAX_TOKENS = 64
MAX_TOKEN = 16  # longer tokens have no postal code or house number shape

TOKEN_STRIP = ".,;:()[]{}\"'"
POSTAL_MARK = "〒"  # Japanese postal mark before a postal code


def clean(token: str) -> str:
    """A token without surrounding punctuation and without a leading Japanese postal mark."""
    token = token.strip(TOKEN_STRIP)
    if token.startswith(POSTAL_MARK):
        token = token[len(POSTAL_MARK) :]
    return token


def key(text: str) -> str:
    """Casefolded, white space collapsed: how the rules compare a value with the subject's
    other values."""
    return " ".join(text.split()).casefold()


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


def postal_code_at(tokens: list[str], i: int) -> int:
    """How many tokens from `i` on form a postal code (0 when none does)."""
    first = tokens[i]
    if len(first) > MAX_TOKEN:
        return 0
    s = shape(first)
    if i + 1 < len(tokens) and len(tokens[i + 1]) <= MAX_TOKEN:
        second = tokens[i + 1]
        if (s, shape(second)) in _TWO_TOKEN_POSTAL or _is_eircode(first, second):
            return 2
    return 1 if s in _ONE_TOKEN_POSTAL else 0
