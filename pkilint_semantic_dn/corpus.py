"""Reading a certificate corpus: where the certificates are, and who each one is.

Streaming and linear: PEM blocks anywhere in text (bundles, `openssl x509 -text` output
before the block, garbage between blocks), DER files holding one or more certificates, and
headerless base64 (one certificate per line, or one wrapped over lines). Other objects (keys,
CSRs, CRLs, OCSP messages) are skipped and counted; damaged certificates become error items,
never exceptions. The identity of a certificate (SHA-256, serial, issuer, subject) comes from
cryptography, or from a plain DER walk where cryptography refuses the certificate.
"""

from __future__ import annotations

import binascii
import hashlib
import os
import re
import sys
import warnings
from typing import Iterable, Iterator, NamedTuple

from pkilint_semantic_dn.core import dn_input
from pkilint_semantic_dn.core.der import header as der_header

_CERTIFICATE_LABELS = frozenset(
    {b"CERTIFICATE", b"X509 CERTIFICATE", b"TRUSTED CERTIFICATE", b"PRECERTIFICATE"}
)
# The CT poison extension (RFC 6962 3.1: OID, critical, NULL value) as DER: a precertificate.
_POISON_OID = bytes.fromhex("060a2b06010401d679020403")
_POISON_CRITICAL = _POISON_OID + bytes.fromhex("0101ff04020500")
_POISON_PLAIN = _POISON_OID + bytes.fromhex("04020500")  # critical flag missing
_BASE64_LINE = re.compile(rb"MI[A-Za-z0-9+/]{60,}={0,2}\Z")
_BASE64_CHARS = re.compile(rb"[A-Za-z0-9+/]+={0,2}")
_MAX_LINE = 1 << 20  # longer lines are never certificates; reading stops buffering them
_MAX_PEM_BLOCK = 4 << 20
_MAX_DER = 16 << 20  # no certificate is this large; a length beyond it is damage

# --- Finding certificates in the input ---------------------------------------------------------


class Item(NamedTuple):
    """One certificate found in the input, or an error in reading it."""

    file: str
    # Position among the certificates of the file; None: an error about the whole file.
    index: int | None
    der: bytes | None
    error: str | None = None
    done_bytes: int = 0  # input bytes read up to this item, for the progress bar


class InputCounts:
    def __init__(self):
        self.files = 0
        self.files_without_certificates = 0
        self.skipped_objects = 0  # PEM blocks and DER objects that are not certificates
        self.bytes = 0  # of every file read so far


def iter_files(paths: Iterable[str]) -> Iterator[tuple[str, bool, str | None]]:
    """(path, named explicitly, error) for every file: directories recursively, sorted."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            errors: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=errors.append):
                while errors:
                    e = errors.pop(0)
                    yield e.filename or root, False, _os_error(e)
                dirs.sort()
                for name in sorted(files):
                    yield os.path.join(root, name), False, None
            for e in errors:
                yield e.filename or path, False, _os_error(e)
        else:
            yield path, True, None


def _os_error(e: OSError) -> str:
    return f"cannot read: {e.strerror or e}"


def total_input_bytes(paths: Iterable[str]) -> int | None:
    """Sum of file sizes (for the ETA), None when standard input is among the paths."""
    total = 0
    for path, _, error in iter_files(paths):
        if path == "-":
            return None
        if error is None:
            try:
                total += os.stat(path).st_size
            except OSError:
                pass
    return total


def iter_items(
    paths: Iterable[str], counts: InputCounts | None = None
) -> Iterator[Item]:
    """Every certificate (or read error) in the paths, in order, streaming."""
    counts = counts if counts is not None else InputCounts()
    for path, explicit, error in iter_files(paths):
        counts.files += 1
        if error is not None:
            yield Item(path, None, None, error, counts.bytes)
            continue
        try:
            if path == "-":
                stream = sys.stdin.buffer
                yield from _items_from_stream(path, stream, explicit, counts)
            else:
                with open(path, "rb") as stream:
                    yield from _items_from_stream(path, stream, explicit, counts)
        except OSError as e:
            yield Item(path, None, None, _os_error(e), counts.bytes)


def _items_from_stream(name: str, stream, explicit: bool, counts: InputCounts):
    head = _peek(stream, 2)
    # DER: a SEQUENCE with a long-form length (every certificate is longer than 127 bytes).
    if len(head) == 2 and head[0] == 0x30 and 0x80 <= head[1] <= 0x84:
        found = yield from _der_items(name, stream, counts)
    else:
        found = yield from _text_items(name, stream, counts)
    if not found:
        if explicit:
            yield Item(name, None, None, "no certificate found", counts.bytes)
        else:  # directories hold keys, CRLs, READMEs: not an error
            counts.files_without_certificates += 1


def _peek(stream, n: int) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return peek(n)[:n]
    return b""  # unbuffered stream: read as text (DER needs a buffered one)


def _der_length(data: bytes, pos: int) -> int | None:
    """Total length of the DER element starting at `pos`, or None if malformed/truncated."""
    found = der_header(data, pos)
    return None if found is None else found[0] + found[1]


def _der_items(name: str, stream, counts: InputCounts):
    """Certificates in DER, one after another, read element by element (a large file never
    sits in memory); other DER objects (CRLs, OCSP) are skipped."""
    pos, index = 0, 0
    while True:
        header = stream.read(2)
        if not header:
            break
        counts.bytes += len(header)
        if header[0] != 0x30:
            if _only_padding(header + stream.read(_MAX_LINE), stream, counts):
                break
            error = f"DER data at offset {pos} is not DER"
            yield Item(name, index, None, error, counts.bytes)
            return True
        extra = header[1] & 0x7F if len(header) == 2 and header[1] & 0x80 else 0
        length_bytes = stream.read(extra)
        counts.bytes += len(length_bytes)
        length = _der_length(header + length_bytes, 0)
        if length is None or length > _MAX_DER:
            error = f"DER data at offset {pos} is truncated or too large"
            yield Item(name, index, None, error, counts.bytes)
            return True
        body = stream.read(length - len(header) - len(length_bytes))
        counts.bytes += len(body)
        element = header + length_bytes + body
        if len(element) < length:
            yield Item(
                name,
                index,
                None,
                f"DER data at offset {pos} is truncated",
                counts.bytes,
            )
            return True
        pos += length
        if not looks_like_certificate(element):
            counts.skipped_objects += 1
            continue
        yield Item(name, index, element, None, counts.bytes)
        index += 1
    return index > 0


def _only_padding(data: bytes, stream, counts: InputCounts) -> bool:
    """True when the rest of the stream is white space or NUL bytes (padding after DER)."""
    while data:
        counts.bytes += len(data)
        if data.strip(b"\r\n\t \x00"):
            return False
        data = stream.read(_MAX_LINE)
    return True


def _element(data: bytes, pos: int) -> tuple[int, int, int] | None:
    """(tag, start of content, end) of the DER element at `pos`, or None."""
    found = der_header(data, pos)
    if found is None or pos + found[0] + found[1] > len(data):
        return None
    return data[pos], pos + found[0], pos + found[0] + found[1]


def looks_like_certificate(der: bytes) -> bool:
    """The outline of a Certificate: SEQUENCE { SEQUENCE { [0]? INTEGER SEQUENCE SEQUENCE
    SEQUENCE ...} ...}. A CRL has a time where the validity SEQUENCE is, an OCSP message or a
    CSR something else; a damaged certificate keeps the outline (and becomes an error).
    """
    outer = _element(der, 0) if der[:1] == b"\x30" else None
    if outer is None:
        return False
    tbs = _element(der, outer[1])
    if tbs is None or tbs[0] != 0x30:
        return False
    pos = tbs[1]
    first = _element(der, pos)
    if first is not None and first[0] == 0xA0:
        pos = first[2]
    for tag in (0x02, 0x30, 0x30, 0x30):  # serial, signature, issuer, validity
        element = _element(der, pos)
        if element is None or element[0] != tag:
            return False
        pos = element[2]
    return True


def _lines(stream) -> Iterator[bytes]:
    """Lines of at most _MAX_LINE bytes; the rest of a longer line is dropped."""
    while True:
        line = stream.readline(_MAX_LINE)
        if not line:
            return
        if len(line) == _MAX_LINE and not line.endswith(b"\n"):
            while True:  # skip the rest of an endless line (binary files)
                rest = stream.readline(_MAX_LINE)
                if not rest or rest.endswith(b"\n"):
                    break
            yield b""
            continue
        yield line


def _text_items(name: str, stream, counts: InputCounts):
    """PEM blocks (anywhere in text) and headerless base64: one certificate per line, or a
    blob wrapped over several lines."""
    index = 0
    label: bytes | None = None
    body: list[bytes] = []
    size = 0
    blob: _Blob | None = None
    for raw in _lines(stream):
        counts.bytes += len(raw)
        line = raw.strip()
        if blob is not None:
            taken = blob.take(line)
            if taken and not blob.complete():
                continue
            item = blob.item(name, index, counts)
            blob = None
            if item is not None:
                yield item
                index += 1
            if taken:
                continue
        if line.startswith(b"-----BEGIN ") and line.endswith(b"-----"):
            if label is not None and label in _CERTIFICATE_LABELS:
                yield Item(
                    name, index, None, "PEM block without END line", counts.bytes
                )
                index += 1
            label, body, size = line[11:-5], [], 0
            continue
        if label is not None:
            if line.startswith(b"-----END "):
                if label in _CERTIFICATE_LABELS:
                    yield _pem_item(name, index, label, body, size, counts.bytes)
                    index += 1
                else:
                    counts.skipped_objects += 1
                label = None
            elif b":" not in line and size <= _MAX_PEM_BLOCK:  # skip RFC 1421 headers
                body.append(line)
                size += len(line)
            continue
        if line[:2] == b"MI" and _BASE64_LINE.match(line):
            blob = _Blob(line)
            if blob.complete():
                item = blob.item(name, index, counts)
                blob = None
                if item is not None:
                    yield item
                    index += 1
    if blob is not None:
        item = blob.item(name, index, counts)
        if item is not None:
            yield item
            index += 1
    if label is not None and label in _CERTIFICATE_LABELS:
        yield Item(name, index, None, "PEM block without END line", counts.bytes)
        index += 1
    return index > 0


class _Blob:
    """Headerless base64 lines of one DER object; complete once they hold the length its
    DER header declares (counted, not decoded, per line: linear in the blob's size)."""

    def __init__(self, first: bytes):
        self.lines = [first]
        self.chars = len(first.rstrip(b"="))
        # 8 characters are 6 bytes: the tag, a length and up to 4 length bytes.
        header = binascii.a2b_base64(first[:8])
        self.declared = _der_length(header, 0) or 0

    def take(self, line: bytes) -> bool:
        """Adds a continuation line; False when `line` cannot be one (the blob ends)."""
        if not line or not _BASE64_CHARS.fullmatch(line) or self.chars > _MAX_PEM_BLOCK:
            return False
        self.lines.append(line)
        self.chars += len(line.rstrip(b"="))
        return True

    def complete(self) -> bool:
        return self.chars * 3 // 4 >= self.declared

    def item(self, name: str, index: int, counts: InputCounts) -> Item | None:
        der = _base64_der(b"".join(self.lines))
        if isinstance(der, str):
            return Item(name, index, None, f"base64: {der}", counts.bytes)
        if not looks_like_certificate(der):
            counts.skipped_objects += 1
            return None
        return Item(name, index, der, None, counts.bytes)


def _base64_der(text: bytes, trailing_ok: bool = False) -> bytes | str:
    """DER bytes of one certificate from base64, or why not."""
    try:
        der = binascii.a2b_base64(text)
    except (binascii.Error, ValueError) as e:
        return f"bad base64 ({e})"
    if der[:1] != b"\x30":
        return "not a DER certificate"
    length = _der_length(der, 0)
    if length is None or length > len(der):
        return "truncated DER certificate"
    if length < len(der):
        if not trailing_ok:
            return f"{len(der) - length} bytes after the DER certificate"
        der = der[:length]  # TRUSTED CERTIFICATE: OpenSSL's trust settings follow
    return der


def _pem_item(name, index, label, body, size, done) -> Item:
    if size > _MAX_PEM_BLOCK:
        return Item(name, index, None, "PEM block too large", done)
    der = _base64_der(b"".join(body), trailing_ok=label == b"TRUSTED CERTIFICATE")
    if isinstance(der, str):
        return Item(name, index, None, f"PEM block: {der}", done)
    return Item(name, index, der, None, done)


# --- Identity ------------------------------------------------------------------------------


class Identity(NamedTuple):
    sha256: str
    serial: str | None
    issuer: str | None
    subject: str | None
    precertificate: bool
    subject_rdns: list  # [[(oid, value or None), ...], ...] in certificate order


def _serial(number: int) -> str:
    text = format(abs(number), "x")
    if len(text) % 2:
        text = "0" + text
    return ("-" if number < 0 else "") + text


def _rdns_of(name) -> list:
    return [
        [
            (a.oid.dotted_string, a.value if isinstance(a.value, str) else None)
            for a in rdn
        ]
        for rdn in name.rdns
    ]


def identify(der: bytes) -> Identity:
    """Identity of a certificate: cryptography, or a plain DER walk where it refuses."""
    sha256 = hashlib.sha256(der).hexdigest()
    precertificate = _POISON_CRITICAL in der or _POISON_PLAIN in der
    try:
        from cryptography import x509

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. negative serial numbers
            cert = x509.load_der_x509_certificate(der)
            subject = _rdns_of(cert.subject)
            issuer = _rdns_of(cert.issuer)
            serial = cert.serial_number
    except Exception as e:
        try:
            subject, issuer, serial = _identify_der(der)
        except Exception:  # cryptography's message says it more briefly
            raise ValueError(short_error(e)) from None
    return Identity(
        sha256,
        _serial(serial),
        dn_input.format_rfc4514(issuer),
        dn_input.format_rfc4514(subject),
        precertificate,
        subject,
    )


def _identify_der(der: bytes):
    """(subject RDNs, issuer RDNs, serial) by walking the DER outline: for certificates that
    cryptography refuses (empty RDNs, bad versions, ...), which a corpus audit must still list.
    """
    outer = _element(der, 0)
    if outer is None or outer[2] != len(der):
        raise ValueError("not one complete DER element")
    tbs = _element(der, outer[1])
    pos = tbs[1]
    first = _element(der, pos)
    if first[0] == 0xA0:
        pos = first[2]
    serial = _element(der, pos)
    algorithm = _element(der, serial[2])
    issuer = _element(der, algorithm[2])
    validity = _element(der, issuer[2])
    subject = _element(der, validity[2])
    if serial[0] != 0x02 or issuer[0] != 0x30 or subject is None or subject[0] != 0x30:
        raise ValueError("not a certificate")
    number = int.from_bytes(der[serial[1] : serial[2]], "big", signed=True)
    return _walk_name(der, subject), _walk_name(der, issuer), number


def _walk_name(der: bytes, name: tuple[int, int, int]) -> list:
    rdns = []
    pos = name[1]
    while pos < name[2]:
        rdn = _element(der, pos)
        if rdn is None or rdn[0] != 0x31:
            raise ValueError("bad RDN")
        atvs = []
        inner = rdn[1]
        while inner < rdn[2]:
            atv = _element(der, inner)
            oid = _element(der, atv[1]) if atv is not None else None
            if oid is None or oid[0] != 0x06:
                raise ValueError("bad AttributeTypeAndValue")
            value = _element(der, oid[2])
            if value is None:
                raise ValueError("bad attribute value")
            try:
                text = dn_input.decode_ber_string(der[oid[2] : value[2]])
            except ValueError:
                text = None
            atvs.append((_oid_text(der[oid[1] : oid[2]]), text))
            inner = atv[2]
        rdns.append(atvs)
        pos = rdn[2]
    return rdns


def _oid_text(content: bytes) -> str:
    arcs, value = [], 0
    for byte in content:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(value)
            value = 0
    if not arcs:
        raise ValueError("empty OID")
    first = min(arcs[0] // 40, 2)
    return ".".join(map(str, [first, arcs[0] - 40 * first] + arcs[1:]))


def short_error(e: Exception) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 300 else text[:300] + "..."
