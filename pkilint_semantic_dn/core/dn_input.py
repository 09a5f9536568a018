"""Requested subjects for `check`: DN strings, JSON lists and PKCS #10 CSRs -> attributes.

Five forms, detected from the input or forced by the caller:

- `rfc4514`: `CN=www.example.jp,O=Example,ST=Tokyo\\, C\\=JP,C=JP`. Escapes, hex pairs,
  `#`-hex values and multi-valued RDNs (`+`) as RFC 4514 defines them. The string lists RDNs
  last-first, so the parsed subject is reversed into certificate order. Tolerated beyond the
  RFC: spaces around `,` `+` `=`, `"quoted"` values (RFC 1779) and `OID.` before a dotted
  OID. A `"`, `<` or `>` inside a value must be escaped (RFC 4514 section 3), as `,` `+` `;`
  must: an unescaped one is refused, with its column. This is also what
  `openssl ... -subject -nameopt RFC2253` prints.
- `openssl`: `/C=JP/ST=Tokyo/O=Example`, as `openssl req -subj` reads it (certificate order,
  `\\x` escapes any character, `+` joins a multi-valued RDN); OpenSSL 1.0 printed subjects so.
- `openssl-oneline`: `C = JP, ST = "Tokyo, C=JP", O = Example`, what OpenSSL 1.1 and 3 print
  for `-subject` and `-text` by default and with `-nameopt oneline`: certificate order,
  ` = ` between type and value, `, ` between RDNs, ` + ` inside one, a value with a special
  character in double quotes, `\\"` `\\\\` and UTF-8 bytes (`\\E6\\9D\\B1`) escaped. Detected by
  the space before the first `=`, which no RFC 4514 writer puts there.
- `json`: `[{"type": "C", "value": "JP"}, ...]` in certificate order; a type is a short name,
  long name or dotted OID.
- `csr`: a PKCS #10 request, PEM or DER (one request: several are refused).

A DN string may start with `subject=` or `subject:` (OpenSSL's print-outs); it is left out.
Every error is a `DNInputError` that says what is wrong and where (column, line, item).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import NamedTuple, Sequence

from pkilint_semantic_dn.core import attributes
from pkilint_semantic_dn.core.der import STRING_TAGS
from pkilint_semantic_dn.core.der import header as der_header
from pkilint_semantic_dn.core import normalise

FORMS = ("rfc4514", "openssl", "openssl-oneline", "json", "csr")
_DN_STRING_FORMS = ("rfc4514", "openssl", "openssl-oneline")
FORM_NAMES = {
    "rfc4514": "RFC 4514 string",
    "openssl": "OpenSSL -subj string",
    "openssl-oneline": "OpenSSL print-out",
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
# OpenSSL's print-outs start with the field they print: `subject=C = JP, ...` (-subject),
# `Subject: C = JP, ...` (-text). Blanked out, so that columns stay those of the input.
_PRINT_PREFIX = re.compile(r"[ \t]*subject[ \t]*[=:]", re.IGNORECASE)
# OpenSSL's oneline form: a type, then " = " (no RFC 4514 writer puts a space before "=").
_ONELINE_START = re.compile(r" *[A-Za-z0-9][A-Za-z0-9.-]* +=")
# OpenSSL's short names that `attributes` does not know (OpenSSL prints them as types).
_OPENSSL_NAMES = {
    "role": "2.5.4.72",
    "x500uniqueidentifier": "2.5.4.45",
    "postaladdress": "2.5.4.16",
    "houseidentifier": "2.5.4.51",
    "unstructuredname": "1.2.840.113549.1.9.2",
    "unstructuredaddress": "1.2.840.113549.1.9.8",
}
# What `"` `<` `>` must be written as inside an RFC 4514 value (section 3).
_MUST_ESCAPE = {'"': '\\"', "<": "\\<", ">": "\\>"}


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
    text = _text(data).lstrip()  # neither PEM nor DER: it must be text
    first = text[:1]
    if first in ("[", "{"):
        return "json"
    return _dn_string_form(_blank_prefix(text[:1000]))


def _dn_string_form(text: str) -> str:
    """rfc4514, openssl or openssl-oneline: the DN-string form of `text` (prefix blanked)."""
    rest = text.lstrip(" \t")
    if rest.startswith("/"):
        return "openssl"
    if _ONELINE_START.match(rest):
        return "openssl-oneline"
    return "rfc4514"


def _blank_prefix(text: str) -> str:
    """`text` with a leading `subject=` / `subject:` replaced by as many spaces."""
    found = _PRINT_PREFIX.match(text)
    if found is None:
        return text
    return " " * found.end() + text[found.end() :]


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
    line = _blank_prefix(_single_line(text))
    if form in _DN_STRING_FORMS and not line.strip():
        # `subject=` and nothing else: OpenSSL's print-out of an empty subject (as many DV
        # requests have): nothing to check, as for such a CSR.
        return ParsedSubject(form, ())
    if form == "openssl":
        return ParsedSubject("openssl", parse_openssl(line))
    if form == "openssl-oneline":
        return ParsedSubject("openssl-oneline", parse_openssl_oneline(line))
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
    if known is not None:
        return known.oid
    return _OPENSSL_NAMES.get(keyword.lower())


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
    return _attributes(reversed(_Rfc4514(text).parse()))


def parse_openssl_oneline(text: str) -> tuple[ParsedAttribute, ...]:
    """OpenSSL's print-out (`C = JP, ST = Tokyo, O = Example`, certificate order) ->
    attributes. The same syntax as RFC 4514 with the spaces and quotes it tolerates; only the
    order differs."""
    return _attributes(_Rfc4514(text).parse())


def _attributes(rdns) -> tuple[ParsedAttribute, ...]:
    out = []
    for position, rdn in enumerate(rdns):
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
            if c in _MUST_ESCAPE:
                raise DNInputError(
                    f"unescaped {c!r} inside a value: RFC 4514 requires it escaped: "
                    f"write it as '{_MUST_ESCAPE[c]}' (or \\{ord(c):02X})",
                    self.i + 1,
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


def load_json(text: str):
    """`json.loads` for untrusted text: every failure is a DNInputError.

    Numbers are read as floats: an integer of thousands of digits is no error (Python's int
    refuses more than 4,300 digits), and no number is ever a usable value anyway. Nesting
    deeper than Python's recursion limit (`[[[[...`) is refused as such.
    """
    try:
        return json.loads(text, parse_int=float)
    except json.JSONDecodeError as e:
        raise DNInputError(f"invalid JSON: {e.msg}", e.colno, e.lineno) from None
    except RecursionError:
        raise DNInputError(
            "the JSON nests too deeply: a subject is a list of objects"
        ) from None


def json_type(value) -> str:
    """What a JSON value is, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def parse_json(text: str) -> tuple[ParsedAttribute, ...]:
    """`[{"type": "C", "value": "JP"}, ...]` in certificate order -> attributes."""
    return parse_json_items(load_json(text))


def parse_json_items(items) -> tuple[ParsedAttribute, ...]:
    """The decoded JSON list (`load_json`) -> attributes in certificate order."""
    if not isinstance(items, list):
        raise DNInputError(
            'the JSON must be a list of {"type": ..., "value": ...} objects, not '
            + json_type(items)
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
    """The subject of a PKCS #10 request (PEM or DER), in certificate order.

    One request: a PEM input with several CSR blocks is refused (which one was meant cannot
    be guessed, and checking only one would pass the others unseen); other PEM blocks (a
    key written next to the request) are left alone.
    """
    from cryptography import x509  # only here: DN strings need no cryptography import

    stripped = raw.strip()
    if stripped.startswith(b"\xef\xbb\xbf"):
        stripped = stripped[3:].lstrip()
    if b"-----BEGIN" in stripped:
        der = _pem_request(stripped)
    else:
        if not stripped:
            raise DNInputError("the input is empty")
        der = raw
    try:
        csr = x509.load_der_x509_csr(der)
        rdns = csr.subject.rdns
    except (
        Exception
    ) as e:  # cryptography says ValueError; be safe with any reader error
        raise DNInputError(_csr_problem(e, der)) from None
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


_PEM_BEGIN = re.compile(rb"-----BEGIN ([^\r\n-]*)-----")


def _pem_request(data: bytes) -> bytes:
    """The DER of the one CSR block in PEM text (text around the blocks is ignored)."""
    blocks = []  # (label, line, start of the body)
    for found in _PEM_BEGIN.finditer(data):
        label = found.group(1).decode("ascii", "replace").strip()
        blocks.append((label, data.count(b"\n", 0, found.start()) + 1, found.end()))
    if not blocks:
        line = data.count(b"\n", 0, data.find(b"-----BEGIN")) + 1
        raise DNInputError(
            "the '-----BEGIN' line is incomplete: a PEM block starts with "
            "'-----BEGIN CERTIFICATE REQUEST-----'",
            line=line,
        )
    requests = [b for b in blocks if b[0] in _CSR_LABELS]
    if len(requests) > 1:
        lines = ", ".join(str(line) for _, line, _ in requests)
        raise DNInputError(
            f"the input holds {len(requests)} certificate requests (PEM blocks at lines "
            f"{lines}); check takes one at a time: split them, or give each as a line "
            "of --batch"
        )
    if not requests:
        label, line, _ = blocks[0]
        hint = (
            ": use `pkilint-semantic-dn scan` for certificates"
            if "CERTIFICATE" in label
            else ""
        )
        raise DNInputError(
            f"the PEM block is {label!r}, not 'CERTIFICATE REQUEST'{hint}", line=line
        )
    label, line, body_start = requests[0]
    end = data.find(b"-----END " + label.encode() + b"-----", body_start)
    if end == -1:
        raise DNInputError(f"the PEM block {label!r} has no END line: truncated?")
    body = data[body_start:end]
    # Header lines (RFC 1421 `Proc-Type:`) are not base64; a CSR has none, but be lenient.
    lines = [x.strip() for x in body.splitlines() if b":" not in x]
    try:
        return base64.b64decode(b"".join(lines), validate=True)
    except (binascii.Error, ValueError):
        raise DNInputError(
            f"the PEM block {label!r} (line {line}) is not valid base64: damaged in "
            "copying?"
        ) from None


# The parts of a request that cryptography's reader names, as people say them.
_CSR_PARTS = {
    "csr_info": "the request information",
    "version": "the version",
    "subject": "the subject",
    "spki": "the public key",
    "attributes": "the attributes",
    "signature_alg": "the signature algorithm",
    "signature": "the signature",
}


def _csr_problem(e: Exception, der: bytes) -> str:
    """A plain sentence for a request cryptography cannot read (never its Rust internals)."""
    from cryptography import x509

    try:
        x509.load_der_x509_certificate(der)
    except Exception:
        pass
    else:
        return (
            "this is an X.509 certificate, not a certificate request (CSR): use "
            "`pkilint-semantic-dn scan FILE` to check a certificate"
        )
    text = str(e)
    kind = re.search(r"kind: ([A-Za-z]+)", text)
    if kind is None:
        return f"not a valid PKCS #10 CSR: {_one_line(e)}"
    name = kind.group(1)
    parts = re.findall(r'"[A-Za-z]+::([a-z_]+)"', text)
    where = (
        f" in {_CSR_PARTS.get(parts[-1], parts[-1].replace('_', ' '))}" if parts else ""
    )
    if name == "ShortData":
        problem = "the data ends before the structure it declares: truncated?"
    elif name == "ExtraData":
        problem = "bytes follow the end of the request"
    elif name == "UnexpectedTag":
        problem = (
            "its DER structure is not that of a certificate request (an unexpected "
            f"ASN.1 element{where})"
        )
    else:
        words = re.sub(r"(?<!^)([A-Z])", r" \1", name).lower()
        problem = f"its DER structure cannot be read ({words}{where})"
    return f"not a valid PKCS #10 CSR: {problem}"


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


# Escaped wherever they stand: the DN specials with a backslash, C0 and C1 controls and DEL
# as hex pairs of their UTF-8 bytes.
_ESCAPED_ANYWHERE = re.compile(r'["+,;<>\\\x00-\x1f\x7f-\x9f]')


def _escaped(match: re.Match) -> str:
    c = match.group()
    if c in '"+,;<>\\':
        return "\\" + c
    return "".join(f"\\{b:02X}" for b in c.encode("utf-8"))


def escape_value(value: str) -> str:
    """An attribute value escaped for an RFC 4514 string, control characters as hex pairs, so
    the string is always one line. (One substitution in C: a long value with a few specials
    is not walked character by character in Python.)"""
    if not value:
        return value
    out = _ESCAPED_ANYWHERE.sub(_escaped, value)
    # `#` or a space first, a space last (neither is escaped above, so `out` keeps them).
    if value[0] in "# ":
        out = "\\" + out
    if value[-1] == " " and len(value) > 1:
        out = out[:-1] + "\\ "
    return out


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
