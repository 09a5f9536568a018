"""Requested subjects for `check`: DN strings, JSON lists and PKCS #10 CSRs -> attributes.

Four forms, detected from the input or forced by the caller:

- `rfc4514`: `CN=www.example.jp,O=Example,ST=Tokyo\\, C\\=JP,C=JP`. Escapes, hex pairs,
  `#`-hex values and multi-valued RDNs (`+`) as RFC 4514 defines them. The string lists RDNs
  last-first, so the parsed subject is reversed into certificate order. Tolerated beyond the
  RFC, as RFC 4514 section 3 allows: spaces around `,` `+` `=`, `"quoted"` values (RFC 2253),
  `OID.` before a dotted OID, and unescaped `"` `<` `>` inside a value.
- `openssl`: `/C=JP/ST=Tokyo/O=Example`, as `openssl req -subj` reads it (certificate order,
  `\\x` escapes any character, `+` joins a multi-valued RDN).
- `json`: `[{"type": "C", "value": "JP"}, ...]` in certificate order; a type is a short name,
  long name or dotted OID.
- `csr`: a PKCS #10 request, PEM or DER.

Every error is a `DNInputError` that says what is wrong and where (column, line, item).
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple, Sequence

from pkilint_semantic_dn.core import attributes
from pkilint_semantic_dn.core.der import STRING_TAGS
from pkilint_semantic_dn.core.der import header as der_header
from pkilint_semantic_dn.core import normalise

FORMS = ("rfc4514", "openssl", "json", "csr")
FORM_NAMES = {
    "rfc4514": "RFC 4514 string",
    "openssl": "OpenSSL one-line string",
    "json": "JSON list",
    "csr": "PKCS #10 CSR",
}

_DESCR = re.compile(r"[A-Za-z][A-Za-z0-9-]*\Z")
_NUMERIC_OID = re.compile(r"(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+\Z")
# What RFC 4514 lets a backslash escape besides a hex pair: special and the backslash itself.
_SPACES = " "
_CSR_LABELS = ("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST")
# Lone surrogates: a JSON "\ud800" escape or a Python str can hold one, UTF-8 input cannot.
# They are not characters, and no DirectoryString (nor UTF-8) can encode them.
_SURROGATE = re.compile("[\ud800-\udfff]")


class DNInputError(ValueError):
    """Unusable input: what is wrong, and where (column in a DN string, line, JSON item)."""

    def __init__(
        self, message: str, column: int | None = None, line: int | None = None
    ):
        self.message = message
        self.column = column
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ParsedAttribute(NamedTuple):
    oid: str
    value: str | None  # None: not a character string (a CSR may carry such values)
    rdn: int  # position of its RDN in certificate order (0 = first)
    where: str  # for people: "column 6", "item 2", "RDN 3"
    column: int | None = None  # 1-based column of the attribute type in a DN string
    item: int | None = None  # 1-based item of a JSON list

    @property
    def name(self) -> str:
        return attributes.attribute_name(self.oid)


class ParsedSubject(NamedTuple):
    form: str  # one of FORMS
    attributes: tuple[ParsedAttribute, ...]  # certificate order

    def pairs(self) -> tuple[tuple[str, str | None], ...]:
        """(OID, value) pairs in certificate order: what the rules take."""
        return tuple((a.oid, a.value) for a in self.attributes)

    def rdns(self) -> list[list[tuple[str, str | None]]]:
        out: list[list[tuple[str, str | None]]] = []
        for a in self.attributes:
            if not out or a.rdn != len(out) - 1:
                out.append([])
            out[-1].append((a.oid, a.value))
        return out


# --- Detection -----------------------------------------------------------------------------


def detect_form(data: bytes) -> str:
    """The form of `data` (bytes as read): CSR when PEM or DER, else by its first character."""
    head = data.lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if not head:
        raise DNInputError("the input is empty")
    if b"-----BEGIN " in data:  # PEM, possibly after `openssl req -text` output
        return "csr"
    # DER: a SEQUENCE with a long-form length (every CSR is longer than 127 bytes). A DN
    # string never starts with "0" followed by such a byte: 0x81-0x84 is not UTF-8 there.
    if data[:1] == b"\x30" and data[1:2] in (b"\x81", b"\x82", b"\x83", b"\x84"):
        return "csr"
    _text(data)  # neither PEM nor DER: it must be text
    first = head[:1]
    if first in (b"[", b"{"):
        return "json"
    if first == b"/":
        return "openssl"
    return "rfc4514"


def parse(data: bytes | str, form: str = "auto") -> ParsedSubject:
    """Parse a requested subject in the given form (`auto` detects it)."""
    if isinstance(data, str):
        _reject_surrogate(data)
        raw = data.encode("utf-8")
    else:
        raw = bytes(data)
    if form == "auto":
        form = detect_form(raw)
    if form == "csr":
        return ParsedSubject("csr", parse_csr(raw))
    text = _text(raw)
    if form == "json":
        return ParsedSubject("json", parse_json(text))
    line = _single_line(text)
    if form == "openssl":
        return ParsedSubject("openssl", parse_openssl(line))
    if form == "rfc4514":
        return ParsedSubject("rfc4514", parse_rfc4514(line))
    raise DNInputError(
        f"unknown input form {form!r} (one of: auto, {', '.join(FORMS)})"
    )


def _reject_surrogate(text: str) -> None:
    """A str given to `parse` must be encodable: say where a lone surrogate is."""
    found = _SURROGATE.search(text)
    if found is None:
        return
    start = found.start()
    line_start = text.rfind("\n", 0, start) + 1
    raise DNInputError(
        f"the input holds {_surrogate_text(found.group())}",
        start - line_start + 1,
        text.count("\n", 0, start) + 1 if "\n" in text else None,
    )


def _surrogate_text(c: str) -> str:
    return f"a lone surrogate (U+{ord(c):04X}), which no DirectoryString can encode"


def _text(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DNInputError(
            f"the input is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}) "
            "and not a DER CSR"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _single_line(text: str) -> str:
    """A DN string given as one line; a trailing line break (file, stdin) is not part of it."""
    stripped = text.strip("\r\n")
    breaks = [i for i in (stripped.find("\r"), stripped.find("\n")) if i != -1]
    if breaks:
        line = stripped.count("\n", 0, min(breaks)) + 1
        raise DNInputError(
            "a DN string must be one line; check takes one subject at a time",
            line=line + 1,
        )
    if not stripped.strip():
        raise DNInputError("the input is empty")
    return stripped


# --- Attribute types -----------------------------------------------------------------------


def attribute_oid(keyword: str) -> str | None:
    """The OID a type names (short name, long name or dotted OID; any case), or None."""
    if keyword[:4] in ("OID.", "oid.") and _NUMERIC_OID.match(keyword[4:]):
        keyword = keyword[4:]
    if _NUMERIC_OID.match(keyword):
        return keyword
    known = attributes.lookup_keyword(keyword)
    return known.oid if known is not None else None


def _type_oid(keyword: str, column: int, hint: str = "") -> str:
    if not keyword:
        raise DNInputError(f"an attribute type is missing before '='{hint}", column)
    oid = attribute_oid(keyword)
    if oid is None:
        if _DESCR.match(keyword) or keyword[:1].isdigit():
            message = f"unknown attribute type {keyword!r}"
        else:
            message = f"{keyword!r} is not an attribute type"
        raise DNInputError(message + hint, column)
    return oid


# --- RFC 4514 --------------------------------------------------------------------------------


def parse_rfc4514(text: str) -> tuple[ParsedAttribute, ...]:
    """RFC 4514 string -> attributes in certificate order (the string lists RDNs last-first)."""
    parser = _Rfc4514(text)
    rdns = parser.parse()
    out = []
    for position, rdn in enumerate(reversed(rdns)):
        for oid, value, column in rdn:
            out.append(
                ParsedAttribute(oid, value, position, f"column {column}", column)
            )
    return tuple(out)


class _Rfc4514:
    """A single left-to-right pass; every error names the 1-based column it found."""

    def __init__(self, text: str):
        self.text = text
        self.i = 0

    def parse(self) -> list[list[tuple[str, str, int]]]:
        text, n = self.text, len(self.text)
        # End of the text without its trailing spaces, found once: checking what follows each
        # separator by slicing the rest would copy the string once per RDN (quadratic).
        end = len(text.rstrip(_SPACES))
        rdns: list[list[tuple[str, str, int]]] = [[]]
        while True:
            self._skip_spaces()
            column = self.i + 1
            oid = self._attribute_type()
            value = self._value()
            rdns[-1].append((oid, value, column))
            self._skip_spaces()
            if self.i >= n:
                return rdns
            c = text[self.i]
            if c == ",":
                rdns.append([])
            elif c == "+":
                pass
            elif c == ";":
                raise DNInputError(
                    "unescaped ';': RFC 4514 requires '\\;' inside a value "
                    "(older strings used ';' between RDNs: use ',')",
                    self.i + 1,
                )
            else:  # only a quoted value can stop anywhere else
                raise DNInputError(
                    f"unexpected {c!r} after a quoted value: expected ',' or '+'",
                    self.i + 1,
                )
            self.i += 1
            if self.i >= end:
                raise DNInputError(f"nothing follows the {c!r} at the end", self.i)

    def _skip_spaces(self) -> None:
        while self.i < len(self.text) and self.text[self.i] == " ":
            self.i += 1

    def _attribute_type(self) -> str:
        text, start = self.text, self.i
        eq = text.find("=", start)
        # The type ends at '='; a separator before it means the previous value held an
        # unescaped ',' or '+' (the classic "O=Example, Inc." mistake).
        stop = len(text) if eq == -1 else eq
        for j in range(start, stop):
            if text[j] in ",+;":
                stop = j
                break
        keyword = text[start:stop].rstrip(_SPACES)
        if eq == -1 or stop != eq:
            previous = _previous_separator(text, start)
            hint = (
                f"; the unescaped {text[previous]!r} at column {previous + 1} ended the "
                f"previous value: write it as '\\{text[previous]}' if it belongs to it"
                if previous is not None
                else ""
            )
            shown = keyword or text[start:stop]
            raise DNInputError(
                f"expected TYPE=value but found {shown!r}{hint}", start + 1
            )
        self.i = eq + 1
        return _type_oid(keyword, start + 1)

    def _value(self) -> str:
        self._skip_spaces()
        text, n = self.text, len(self.text)
        if self.i < n and text[self.i] == "#":
            return self._hex_value()
        if self.i < n and text[self.i] == '"':
            return self._quoted_value()
        out: list[str] = []
        pending = bytearray()  # hex pairs, decoded together as UTF-8
        pending_column = 0
        keep = (
            0  # length of `out` up to its last character that is not an unescaped space
        )
        while self.i < n:
            c = text[self.i]
            if c in ",+;":
                break
            if c == "\\":
                escaped, byte = self._escape()
                if byte is not None:
                    if not pending:
                        pending_column = self.i - 3  # the backslash of the first pair
                    pending.append(byte)
                    continue
                if self._flush(pending, out, pending_column):
                    keep = len(out)
                out.append(escaped)
                keep = len(out)
                continue
            if self._flush(pending, out, pending_column):
                keep = len(out)
            if c == "\x00":
                raise DNInputError(
                    "a NUL character must be written as '\\00'", self.i + 1
                )
            out.append(c)
            if c != " ":
                keep = len(out)
            self.i += 1
        if self._flush(pending, out, pending_column):
            keep = len(out)
        return "".join(out[:keep])

    def _escape(self) -> tuple[str, int | None]:
        """Reads `\\x` or `\\XX` at self.i: (character, None) or ("", byte)."""
        text, i = self.text, self.i
        nxt = text[i + 1 : i + 2]
        if nxt and nxt in normalise.HEX_DIGITS:
            pair = text[i + 1 : i + 3]
            if len(pair) == 2 and pair[1] in normalise.HEX_DIGITS:
                self.i = i + 3
                return "", int(pair, 16)
            raise DNInputError(
                f'bad escape "{text[i:i + 3]}": a backslash before a hex digit needs two '
                "hex digits (\\2C)",
                i + 1,
            )
        if nxt and nxt in normalise.RFC4514_ESCAPABLE:
            self.i = i + 2
            return nxt, None
        if not nxt:
            raise DNInputError("the string ends with a lone backslash", i + 1)
        raise DNInputError(
            f'bad escape "\\{nxt}": RFC 4514 allows a backslash only before one of '
            '" + , ; < > # = space \\ or two hex digits',
            i + 1,
        )

    def _flush(self, pending: bytearray, out: list[str], column: int) -> bool:
        """Decodes pending hex-pair bytes into `out`; True when it appended something."""
        if not pending:
            return False
        try:
            out.append(pending.decode("utf-8"))
        except UnicodeDecodeError:
            raise DNInputError(
                "the escaped bytes "
                + "".join(f"\\{b:02X}" for b in pending)
                + " are not valid UTF-8",
                column + 1,
            ) from None
        pending.clear()
        return True

    def _hex_value(self) -> str:
        text, start = self.text, self.i
        j = start + 1
        while j < len(text) and text[j] in normalise.HEX_DIGITS:
            j += 1
        digits = text[start + 1 : j]
        self.i = j
        self._skip_spaces()
        if self.i < len(text) and text[self.i] not in ",+;":
            raise DNInputError(
                f"a '#' value is hex digits only; {text[self.i]!r} is not one "
                "(write a leading '#' of a text value as '\\#')",
                self.i + 1,
            )
        if not digits or len(digits) % 2:
            raise DNInputError(
                "a '#' value needs an even, non-zero number of hex digits "
                "(write a leading '#' of a text value as '\\#')",
                start + 1,
            )
        try:
            return decode_ber_string(bytes.fromhex(digits))
        except ValueError as e:
            raise DNInputError(f"the '#' value {e}", start + 1) from None

    def _quoted_value(self) -> str:
        text, start = self.text, self.i
        self.i += 1
        out: list[str] = []
        pending = bytearray()
        pending_column = 0
        while self.i < len(text):
            c = text[self.i]
            if c == '"':
                self._flush(pending, out, pending_column)
                self.i += 1
                return "".join(out)
            if c == "\\":
                escaped, byte = self._escape()
                if byte is not None:
                    if not pending:
                        pending_column = self.i - 3  # the backslash of the first pair
                    pending.append(byte)
                else:
                    self._flush(pending, out, pending_column)
                    out.append(escaped)
                continue
            self._flush(pending, out, pending_column)
            out.append(c)
            self.i += 1
        raise DNInputError("the quoted value is not closed", start + 1)


def _previous_separator(text: str, start: int) -> int | None:
    """Index of the separator just before `start` (skipping spaces), or None."""
    j = start - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return j if j >= 0 and text[j] in ",+" else None


def decode_ber_string(der: bytes) -> str:
    """The text of one DER-encoded ASN.1 character string (`#`-hex values of RFC 4514)."""
    if len(der) < 2:
        raise ValueError("is too short to be an encoded string")
    found = der_header(der)
    if found is None:
        raise ValueError("has a bad length")
    tag, (header, length) = der[0], found
    if header + length != len(der):
        raise ValueError(f"says {length} content bytes but holds {len(der) - header}")
    encoding = STRING_TAGS.get(tag)
    if encoding is None:
        raise ValueError(f"is not a character string (ASN.1 tag 0x{tag:02X})")
    try:
        return der[header:].decode(encoding)
    except UnicodeDecodeError:
        raise ValueError(
            f"is not valid {encoding} in a string of tag 0x{tag:02X}"
        ) from None


# --- OpenSSL one-line ------------------------------------------------------------------------


def parse_openssl(text: str) -> tuple[ParsedAttribute, ...]:
    """`/C=JP/ST=Tokyo/O=Example` (certificate order) -> attributes."""
    stripped = text.strip(_SPACES)
    offset = len(text) - len(text.lstrip(_SPACES))
    if not stripped.startswith("/"):
        raise DNInputError("an OpenSSL one-line name starts with '/'", offset + 1)
    out: list[ParsedAttribute] = []
    rdn = -1
    i, n = offset + 1, offset + len(stripped)
    joined = False  # the previous value ended at '+': same RDN
    while i < n:
        start = i
        eq = text.find("=", i, n)
        # Only a '/' before the '=' matters; a bounded search keeps many '+' RDNs linear.
        slash = text.find("/", i, eq if eq != -1 else n)
        # A type that is not one usually means an unescaped separator split the previous
        # value: OpenSSL itself would skip such an "attribute" with a warning.
        hint = (
            ""
            if not out
            else (
                "; a '+' inside the previous value must be written '\\+'"
                if joined
                else "; a '/' inside the previous value must be written '\\/'"
            )
        )
        if eq == -1 or (slash != -1 and slash < eq):
            shown = text[start : slash if slash != -1 else n]
            raise DNInputError(
                f"missing '=' after {shown!r}"
                + (hint or "; a '/' inside a value must be written '\\/'"),
                start + 1,
            )
        keyword = text[start:eq].strip(_SPACES)
        oid = _type_oid(keyword, start + 1, hint)
        i = eq + 1
        value: list[str] = []
        next_joined = False
        while i < n:
            c = text[i]
            if c == "\\":
                if i + 1 >= n:
                    raise DNInputError("the string ends with a lone backslash", i + 1)
                value.append(text[i + 1])
                i += 2
                continue
            if c == "/":
                break
            if c == "+":
                next_joined = True
                break
            value.append(c)
            i += 1
        if not value:
            raise DNInputError(
                f"{keyword} has an empty value (OpenSSL would leave the attribute out)",
                start + 1,
            )
        if not joined:
            rdn += 1
        out.append(
            ParsedAttribute(oid, "".join(value), rdn, f"column {start + 1}", start + 1)
        )
        joined = next_joined
        i += 1
    if joined:
        raise DNInputError("nothing follows the '+' at the end", n)
    if not out:
        raise DNInputError("the name has no attributes", offset + 1)
    return tuple(out)


# --- JSON ------------------------------------------------------------------------------------


def parse_json(text: str) -> tuple[ParsedAttribute, ...]:
    """`[{"type": "C", "value": "JP"}, ...]` in certificate order -> attributes."""
    try:
        items = json.loads(text)
    except json.JSONDecodeError as e:
        raise DNInputError(f"invalid JSON: {e.msg}", e.colno, e.lineno) from None
    if not isinstance(items, list):
        raise DNInputError(
            'the JSON must be a list of {"type": ..., "value": ...} objects, not '
            f"{type(items).__name__ if items is not None else 'null'}"
        )
    if not items:
        raise DNInputError("the JSON list has no attributes")
    out = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise DNInputError(
                f'item {number} is not a {{"type": ..., "value": ...}} object'
            )
        kind, value = item.get("type"), item.get("value")
        if not isinstance(kind, str) or not kind.strip():
            raise DNInputError(f'item {number} has no "type" string')
        if not isinstance(value, str):
            raise DNInputError(f'item {number} ({kind}) has no "value" string')
        oid = attribute_oid(kind.strip())
        if oid is None:
            raise DNInputError(f"item {number}: unknown attribute type {kind!r}")
        found = _SURROGATE.search(value)
        if found is not None:
            raise DNInputError(
                f"item {number} ({kind.strip()}): character {found.start() + 1} of the "
                f"value is {_surrogate_text(found.group())}"
            )
        out.append(
            ParsedAttribute(oid, value, number - 1, f"item {number}", item=number)
        )
    return tuple(out)


# --- CSR -------------------------------------------------------------------------------------


def parse_csr(raw: bytes) -> tuple[ParsedAttribute, ...]:
    """The subject of a PKCS #10 request (PEM or DER), in certificate order."""
    from cryptography import x509  # only here: DN strings need no cryptography import

    stripped = raw.strip()
    if stripped.startswith(b"\xef\xbb\xbf"):
        stripped = stripped[3:].lstrip()
    begin = stripped.find(b"-----BEGIN")
    try:
        if begin != -1:
            label = _pem_label(stripped[begin:])
            if label not in _CSR_LABELS:
                hint = (
                    ": use `pkilint-semantic-dn scan` for certificates"
                    if "CERTIFICATE" in label
                    else ""
                )
                raise DNInputError(
                    f"the PEM block is {label!r}, not 'CERTIFICATE REQUEST'{hint}",
                    line=stripped.count(b"\n", 0, begin) + 1,
                )
            if b"-----END " + label.encode() not in stripped:
                raise DNInputError(
                    f"the PEM block {label!r} has no END line: truncated?"
                )
            csr = x509.load_pem_x509_csr(stripped[begin:])
        else:
            if not stripped:
                raise DNInputError("the input is empty")
            csr = x509.load_der_x509_csr(raw)
        rdns = csr.subject.rdns
    except DNInputError:
        raise
    except (
        Exception
    ) as e:  # cryptography says ValueError, but be safe with any reader error
        raise DNInputError(f"not a valid PKCS #10 CSR: {_one_line(e)}") from None
    out = []
    for position, rdn in enumerate(rdns):
        for attribute in rdn:
            value = attribute.value if isinstance(attribute.value, str) else None
            out.append(
                ParsedAttribute(
                    attribute.oid.dotted_string, value, position, f"RDN {position + 1}"
                )
            )
    return tuple(out)  # empty for many DV requests: nothing to check, not an error


def _pem_label(data: bytes) -> str:
    first = data.split(b"\n", 1)[0].strip()
    if not (first.startswith(b"-----BEGIN ") and first.endswith(b"-----")):
        raise DNInputError(
            "the first line is not a PEM '-----BEGIN ...-----' line", line=1
        )
    return first[11:-5].decode("ascii", "replace")


def _one_line(e: Exception) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 300 else text[:300] + "..."


# --- Output ----------------------------------------------------------------------------------

# RFC 4514 section 3 keywords; other known types by their long name, unknown ones by OID.
_RFC4514_KEYWORDS = {
    "2.5.4.3": "CN",
    "2.5.4.7": "L",
    "2.5.4.8": "ST",
    "2.5.4.10": "O",
    "2.5.4.11": "OU",
    "2.5.4.6": "C",
    "2.5.4.9": "STREET",
    "0.9.2342.19200300.100.1.25": "DC",
    "0.9.2342.19200300.100.1.1": "UID",
}


def keyword(oid: str) -> str:
    """The attribute type as an RFC 4514 string writes it."""
    short = _RFC4514_KEYWORDS.get(oid)
    if short:
        return short
    known = attributes.BY_OID.get(oid)
    return known.name if known is not None else oid


def escape_value(value: str) -> str:
    """An attribute value escaped for an RFC 4514 string, control characters as hex pairs, so
    the string is always one line."""
    out = []
    last = len(value) - 1
    for i, c in enumerate(value):
        if c in '"+,;<>\\' or (c == "#" and i == 0) or (c == " " and i in (0, last)):
            out.append("\\" + c)
        elif c < " " or c == "\x7f" or "\x80" <= c <= "\x9f":
            out.append("".join(f"\\{b:02X}" for b in c.encode("utf-8")))
        else:
            out.append(c)
    return "".join(out)


def format_rfc4514(rdns: Sequence[Sequence[tuple[str, str | bytes | None]]]) -> str:
    """RDNs in certificate order -> an RFC 4514 string (last RDN first)."""
    parts = []
    for rdn in reversed(rdns):
        atvs = []
        for oid, value in rdn:
            if isinstance(value, str):
                atvs.append(f"{keyword(oid)}={escape_value(value)}")
            elif isinstance(value, (bytes, bytearray)):
                atvs.append(f"{keyword(oid)}=#{bytes(value).hex()}")
            else:
                atvs.append(f"{keyword(oid)}=#")
        parts.append("+".join(atvs))
    return ",".join(parts)
