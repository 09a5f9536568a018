"""The two facts this package reads from raw DER without pyasn1: an element's size, and how
a `#`-hex value of RFC 4514 (one encoded character string) decodes.

Used by the corpus reader (to split DER files and PEM blocks into certificates), the DN
input parser (`#`-hex values) and the pre-issuance check (hex left in a value).
"""

from __future__ import annotations

# ASN.1 string tags a `#`-hex value may carry, and how their contents decode.
STRING_TAGS = {
    0x0C: "utf-8",  # UTF8String
    0x12: "ascii",  # NumericString
    0x13: "ascii",  # PrintableString
    0x14: "latin-1",  # TeletexString, read as Latin-1 as most software does
    0x16: "ascii",  # IA5String
    0x1A: "ascii",  # VisibleString
    0x1C: "utf-32-be",  # UniversalString
    0x1E: "utf-16-be",  # BMPString
}

# Lengths of more than 4 bytes (4 GiB) are refused: nothing this package reads is that large.
_MAX_LENGTH_BYTES = 4


def header(data: bytes, pos: int = 0) -> tuple[int, int] | None:
    """(header size, content size) of the DER element at `pos`; None when the length is
    malformed (indefinite, over 4 bytes) or the header runs past the end of `data`. The
    content itself may still be missing: callers compare with what they hold."""
    if pos + 2 > len(data):
        return None
    first = data[pos + 1]
    if first < 0x80:
        return 2, first
    count = first & 0x7F
    if count == 0 or count > _MAX_LENGTH_BYTES or pos + 2 + count > len(data):
        return None
    return 2 + count, int.from_bytes(data[pos + 2 : pos + 2 + count], "big")


def is_one_string(der: bytes) -> bool:
    """True when `der` is exactly one element with a character-string tag."""
    found = header(der)
    return (
        found is not None and der[0] in STRING_TAGS and found[0] + found[1] == len(der)
    )
