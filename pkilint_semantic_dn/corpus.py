"""Reading a certificate corpus: where the certificates are, and who each one is.

Streaming and linear: PEM blocks anywhere in text (bundles, `openssl x509 -text` output
before the block, garbage between blocks), DER files holding one or more certificates, and
headerless base64 (one certificate per line, or one wrapped over lines). Other objects (keys,
CSRs, CRLs, OCSP messages) are skipped and counted; damaged certificates become error items,
never exceptions. The identity of a certificate (SHA-256, serial, issuer, subject) comes from
cryptography, or from a plain DER walk where cryptography refuses the certificate.

Every file is read from its descriptor by `_Reader`, which a stop request (a signal) ends at
any moment: standard input, a FIFO named explicitly or a terminal is read as data arrives
(poll, then what is there), so a certificate is out as soon as its last line is; FIFOs,
devices and sockets found in directories are skipped and counted, never opened (a FIFO
blocks, a device may never end). Each item carries the real path of its file (links, `.` and
`..` resolved), and a file reached twice is read once.
"""

from __future__ import annotations

import binascii
import errno
import hashlib
import mmap
import os
import re
import select
import stat
import sys
import time
import warnings
from typing import Callable, Iterable, Iterator, NamedTuple

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
    done_bytes: int = 0  # input bytes read up to this item
    # The file's path with every symbolic link and `.`/`..` resolved (None: standard
    # input): the same file however it was named, the key of `scan --resume`.
    real_path: str | None = None
    # A Certificate Transparency log entry's fields (`ct_input.entry_fields`), for the
    # record's `log_entry`; None for certificates read from files.
    entry: dict | None = None


class Waiting(NamedTuple):
    """In the item stream (with `pauses=True`): the input has nothing more to read just now
    (a slow pipe, FIFO or terminal). `fd` becomes readable when it has; whoever waits on it
    tells `waited(seconds)` how long it has been waiting (for the `notice`)."""

    fd: int
    waited: Callable[[float], None]


class Interrupted(Exception):
    """Reading stopped because the scan was asked to stop (`stop()` became true)."""


class InputCounts:
    def __init__(self):
        self.files = 0
        self.files_without_certificates = 0
        self.skipped_objects = 0  # PEM blocks and DER objects that are not certificates
        self.bytes = 0  # of every file read so far
        # FIFOs, devices and sockets found in directories: never read (a FIFO blocks, a
        # device may never end); the first few are kept as (path, kind) for the summary.
        self.special_files = 0
        self.special_examples: list[tuple[str, str]] = []
        # Files reached more than once (named twice, or a file inside a directory named):
        # scanned once, at their first mention.
        self.repeated_files = 0

    def add(self, other: "InputCounts") -> None:
        """Adds what another process counted while reading files handed to it (`read_file`;
        the files themselves were counted where they were found)."""
        self.files_without_certificates += other.files_without_certificates
        self.skipped_objects += other.skipped_objects
        self.bytes += other.bytes
        self.special_files += other.special_files
        room = _SPECIAL_EXAMPLES - len(self.special_examples)
        self.special_examples.extend(other.special_examples[: max(0, room)])


_SPECIAL_EXAMPLES = 10
_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def file_kind(mode: int) -> str:
    """'FIFO', 'socket', ..., 'directory' for a stat mode that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "directory"
    return next((kind for test, kind in _KINDS if test(mode)), "special file")


_STREAM_ADVICE = " (scan it on its own to read it as it comes)"


class _File(NamedTuple):
    path: str  # as the user named it (or as joined while walking a directory)
    real_path: str | None  # None: standard input
    explicit: bool  # named on the command line (not found in a directory)
    error: str | None


def _input_files(paths: Iterable[str], counts: InputCounts) -> Iterator[_File]:
    """Every file to read: directories recursively, sorted; special files found in
    directories are skipped and counted, a file reached twice is read once."""
    seen: set[str] = set()

    def first_time(real: str) -> bool:
        if real in seen:
            counts.repeated_files += 1
            return False
        seen.add(real)
        return True

    for path in paths:
        if path == "-":
            yield _File(path, None, True, None)
        elif os.path.isdir(path):
            errors: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=errors.append):
                while errors:
                    e = errors.pop(0)
                    yield _File(e.filename or root, None, False, _os_error(e))
                dirs.sort()
                real_root = os.path.realpath(root)
                for name in sorted(files):
                    found = _walked_file(root, real_root, name, counts)
                    if found is not None and (
                        found.error is not None or first_time(found.real_path)
                    ):
                        yield found
            for e in errors:
                yield _File(e.filename or path, None, False, _os_error(e))
        else:
            real = os.path.realpath(path)
            if first_time(real):
                yield _File(path, real, True, None)


def _walked_file(root: str, real_root: str, name: str, counts: InputCounts):
    path = os.path.join(root, name)
    try:
        info = os.lstat(path)
        real = os.path.join(real_root, name)
        if stat.S_ISLNK(info.st_mode):
            real = os.path.realpath(path)
            info = os.stat(path)
    except OSError as e:
        return _File(path, None, False, _os_error(e))
    if not stat.S_ISREG(info.st_mode):
        _count_special(counts, path, info.st_mode)
        return None
    return _File(path, real, False, None)


def _count_special(counts: InputCounts, path: str, mode: int) -> None:
    counts.special_files += 1
    if len(counts.special_examples) < _SPECIAL_EXAMPLES:
        counts.special_examples.append((path, file_kind(mode)))


def iter_files(paths: Iterable[str]) -> Iterator[tuple[str, bool, str | None]]:
    """(path, named explicitly, error) for every file: directories recursively, sorted."""
    for f in _input_files(paths, InputCounts()):
        yield f.path, f.explicit, f.error


def _os_error(e: OSError) -> str:
    return f"cannot read: {e.strerror or e}"


def iter_items(
    paths: Iterable[str],
    counts: InputCounts | None = None,
    stop: Callable[[], bool] | None = None,
    pauses: bool = False,
    notice: Callable[[str], None] | None = None,
) -> Iterator[Item]:
    """Every certificate (or read error) in the paths, in order, streaming.

    Pipes, FIFOs and terminals (standard input, a FIFO named explicitly) are read as data
    arrives, never with a read that blocks: with `pauses`, a `Waiting` marker says that the
    input has nothing more for now (whatever was read is out as items). `stop()` is checked
    before every read and while waiting; when it is true, `Interrupted` is raised. `notice`
    hears once per input that nothing came for a while (what is being waited on).
    """
    for item in iter_sources(paths, counts, stop, notice):
        if pauses or item.__class__ is not Waiting:
            yield item


class HandedOver(NamedTuple):
    """A regular file that `iter_sources` did not read: for another process (`read_file`)."""

    file: _File
    size: int  # bytes, when it was found


def iter_sources(
    paths: Iterable[str],
    counts: InputCounts | None = None,
    stop: Callable[[], bool] | None = None,
    notice: Callable[[str], None] | None = None,
    hand_over: Callable[[int], bool] | None = None,
) -> Iterator[Item | Waiting | HandedOver]:
    """`iter_items(..., pauses=True)`, except that a regular file whose size `hand_over`
    accepts comes as `HandedOver`, counted but not read: the caller has another process read
    it (`read_file`), so that reading is spread like linting."""
    counts = counts if counts is not None else InputCounts()
    stop = stop or (lambda: False)
    for f in _input_files(paths, counts):
        counts.files += 1
        if f.error is not None:
            yield Item(f.path, None, None, f.error, counts.bytes, f.real_path)
            continue
        if hand_over is not None and f.path != "-":
            try:
                info = os.stat(f.path)
            except OSError:
                info = None  # the reader below says why
            if info is not None and stat.S_ISREG(info.st_mode):
                if hand_over(info.st_size):
                    yield HandedOver(f, info.st_size)
                    continue
        for item in _items_of_file(f, counts, stop, notice):
            if item.__class__ is Waiting:
                yield item
            else:
                yield item._replace(real_path=f.real_path)


def read_file(f: _File, counts: InputCounts, handed_over: bool = True) -> list[Item]:
    """The items of a regular file that `iter_sources` handed over, as `iter_items` gives
    them (a regular file is read without waiting; `counts` gets what reading it counts).
    A handed-over file that is no longer regular when it is opened (replaced by a FIFO
    since it was looked at) is not waited on: whoever reads here cannot be stopped or say
    what it waits for. Named on the command line, it is an error record; found in a
    directory, it is skipped and counted as special, as the walk does. `handed_over=False`:
    a file named on the command line is read whatever it is (a Dask partition's files, which
    were not looked at first).
    """
    never = lambda: False  # noqa: E731
    return [
        item._replace(real_path=f.real_path)
        for item in _items_of_file(f, counts, never, None, regular_only=handed_over)
        if item.__class__ is not Waiting
    ]


def _items_of_file(f: _File, counts: InputCounts, stop, notice, regular_only=False):
    if f.path == "-":
        try:
            fd = sys.stdin.fileno()
            os.fstat(fd)
        except (AttributeError, ValueError, OSError):
            yield Item(f.path, None, None, "cannot read: standard input is closed")
            return
        yield from _items_of_fd(f, fd, counts, stop, notice)
        return
    try:
        # Non-blocking: opening a FIFO without a writer would otherwise wait for one.
        fd = os.open(f.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        error = _os_error(e)
        if e.errno == errno.ENXIO and _is_socket(f.path):
            error = "cannot read: it is a socket"
        yield Item(f.path, None, None, error, counts.bytes)
        return
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode) and (regular_only or not f.explicit):
            # Replaced since it was looked at (by the walk, or before it was handed over).
            if f.explicit:
                kind = file_kind(mode)
                advice = "" if kind == "directory" else _STREAM_ADVICE
                error = f"cannot read: it became a {kind} during the scan{advice}"
                yield Item(f.path, None, None, error, counts.bytes)
            else:
                _count_special(counts, f.path, mode)
            return
        yield from _items_of_fd(f, fd, counts, stop, notice)
    finally:
        os.close(fd)


def _is_socket(path: str) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except OSError:
        return False


def _items_of_fd(f: _File, fd: int, counts: InputCounts, stop, notice):
    name = "standard input" if f.path == "-" else f.path
    reader = _Reader(fd, stop, lambda: notice and notice(f"waiting for data on {name}"))
    try:
        yield from _items_from_stream(f.path, reader, f.explicit, counts)
    except OSError as e:
        yield Item(f.path, None, None, _os_error(e), counts.bytes)


_BLOCK = 1 << 17
_POLL_SECONDS = 0.1  # how often a wait for input checks stop()
_NOTICE_SECONDS = 3.0  # nothing came for this long: say what is being waited on


class _Reader:
    """Buffered input from a file descriptor that a signal can stop at any moment.

    A regular file is read in blocks, checking `stop()` before each. Anything else (a pipe, a
    FIFO, a terminal, a device) is read only once poll says it has data: `os.read` then
    returns what is there without blocking, so records follow a slow producer and a wait for
    data checks `stop()` every `_POLL_SECONDS`."""

    def __init__(self, fd: int, stop: Callable[[], bool], on_long_wait):
        self.fd = fd
        self.stop = stop
        self.buf = b""
        self.pos = 0
        self.eof = False
        self.streaming = not stat.S_ISREG(os.fstat(fd).st_mode)
        self._on_long_wait = on_long_wait
        self._said = False
        self._poll = None
        if self.streaming and hasattr(select, "poll"):
            self._poll = select.poll()
            self._poll.register(fd, select.POLLIN)

    def available(self) -> int:
        return len(self.buf) - self.pos

    def take(self, n: int) -> bytes:
        data = self.buf[self.pos : self.pos + n]
        self.pos += len(data)
        return data

    def would_wait(self) -> bool:
        """True when reading more now would have to wait for data."""
        return self.streaming and not self.eof and not self._readable(0)

    def _readable(self, seconds: float) -> bool:
        try:
            if self._poll is not None:
                return bool(self._poll.poll(seconds * 1000))
            return bool(select.select([self.fd], [], [], seconds)[0])
        except InterruptedError:
            return False
        except (OSError, ValueError):
            return True  # cannot be polled: read, whatever that costs

    def waited(self, seconds: float) -> None:
        """Nothing came for `seconds`: said once, before the first data of the input."""
        if seconds >= _NOTICE_SECONDS and not self._said:
            self._said = True
            self._on_long_wait()

    def fill(self) -> None:
        """Reads more into the buffer (or sets eof), waiting for data if it must."""
        waited = 0.0
        while True:
            if self.stop():
                raise Interrupted()
            if self.streaming and not self._readable(_POLL_SECONDS):
                waited += _POLL_SECONDS
                self.waited(waited)
                continue
            try:
                data = os.read(self.fd, _BLOCK)
            except (BlockingIOError, InterruptedError):
                continue  # a FIFO opened non-blocking: poll again
            break
        self._said = True  # data came: no notice for this input any more
        if data:
            self.buf = self.buf[self.pos :] + data
            self.pos = 0
        else:
            self.eof = True


def _more(reader: _Reader):
    """Reads more input; first says `Waiting` (to whoever consumes the items) when none is
    there yet, so that what was read so far can be finished while the producer is slow.
    """
    if reader.would_wait():
        yield Waiting(reader.fd, reader.waited)
    reader.fill()


def _take(reader: _Reader, n: int):
    """`n` bytes of input (fewer only at its end)."""
    parts = []
    while True:
        part = reader.take(n)
        parts.append(part)
        n -= len(part)
        if n == 0 or reader.eof:
            return b"".join(parts)
        yield from _more(reader)


def _peek(reader: _Reader, n: int):
    while reader.available() < n and not reader.eof:
        yield from _more(reader)
    return reader.buf[reader.pos : reader.pos + n]


def _items_from_stream(name: str, reader: _Reader, explicit: bool, counts: InputCounts):
    head = yield from _peek(reader, 2)
    # DER: a SEQUENCE with a long-form length (every certificate is longer than 127 bytes).
    if len(head) == 2 and head[0] == 0x30 and 0x80 <= head[1] <= 0x84:
        found = yield from _der_items(name, reader, counts)
    else:
        found = yield from _text_items(name, reader, counts)
    if not found:
        if explicit:
            yield Item(name, None, None, "no certificate found", counts.bytes)
        else:  # directories hold keys, CRLs, READMEs: not an error
            counts.files_without_certificates += 1


def _der_length(data: bytes, pos: int) -> int | None:
    """Total length of the DER element starting at `pos`, or None if malformed/truncated."""
    found = der_header(data, pos)
    return None if found is None else found[0] + found[1]


def _der_items(name: str, reader: _Reader, counts: InputCounts):
    """Certificates in DER, one after another, read element by element (a large file never
    sits in memory); other DER objects (CRLs, OCSP) are skipped."""
    pos, index = 0, 0
    while True:
        header = yield from _take(reader, 2)
        if not header:
            break
        counts.bytes += len(header)
        if header[0] != 0x30:
            if (yield from _only_padding(header, reader, counts)):
                break
            error = f"DER data at offset {pos} is not DER"
            yield Item(name, index, None, error, counts.bytes)
            return True
        extra = header[1] & 0x7F if len(header) == 2 and header[1] & 0x80 else 0
        length_bytes = yield from _take(reader, extra)
        counts.bytes += len(length_bytes)
        length = _der_length(header + length_bytes, 0)
        if length is None or length > _MAX_DER:
            error = f"DER data at offset {pos} is truncated or too large"
            yield Item(name, index, None, error, counts.bytes)
            return True
        body = yield from _take(reader, length - len(header) - len(length_bytes))
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


def _only_padding(header: bytes, reader: _Reader, counts: InputCounts):
    """True when the rest of the input is white space or NUL bytes (padding after DER)."""
    data = header
    while True:
        if data.strip(b"\r\n\t \x00"):
            return False
        if reader.eof and not reader.available():
            return True
        if not reader.available():
            yield from _more(reader)
        data = reader.take(_MAX_LINE)
        counts.bytes += len(data)


def _element(data: bytes, pos: int) -> tuple[int, int, int] | None:
    """(tag, start of content, end) of the DER element at `pos`, or None."""
    # A short length (most elements of a name): `der_header`'s answer without the call.
    if pos + 2 <= len(data) and data[pos + 1] < 0x80:
        end = pos + 2 + data[pos + 1]
        return (data[pos], pos + 2, end) if end <= len(data) else None
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


# A certificate's PEM block in the plainest layout: its BEGIN line exactly, nothing but
# base64 and line ends in its body (no headers, no white space around lines), any END line.
# What its lines would give one by one is worked out at once (`_next_block`); other layouts,
# and blocks split between two reads, go line by line.
_BEGIN_LINES = {
    b"-----BEGIN " + label + b"-----": label for label in _CERTIFICATE_LABELS
}
_BASE64_AND_LINE_ENDS = (
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n"
)


def _next_block(data: bytes, pos: int):
    """(start, start of the body, end, label, joined body) of the first plain certificate
    block starting at a line start at or after `pos` and ending (with its END line's line
    end) within `data`, or None. Only a BEGIN at a line start is looked at further, and each
    of its searches stops at the next line end or `-----`: a hostile buffer costs linear
    time."""
    find = data.find
    while True:
        start = find(b"-----BEGIN ", pos)
        if start == -1:
            return None
        pos = start + 11
        if start and data[start - 1] != 10:  # not at a line start
            continue
        eol = find(b"\n", pos)
        if eol == -1:
            return None
        label = _BEGIN_LINES.get(data[start : eol - 1 if data[eol - 1] == 13 else eol])
        if label is None:
            continue
        # The body has no `-`: the next `-----` is its END line, or it is not plain.
        dash = find(b"-----", eol)
        if dash == -1:
            return None
        if data[dash - 1] != 10 or not data.startswith(b"-----END ", dash):
            continue
        end = find(b"\n", dash)
        if end == -1:
            return None
        if end - eol >= _MAX_LINE:  # a line could be too long: line by line
            continue
        body = data[eol + 1 : dash]
        if body.translate(None, _BASE64_AND_LINE_ENDS):
            continue
        # CRs go too (line by line, one inside a line would stay: a2b_base64 skips it).
        return start, eol + 1, end + 1, label, body.translate(None, b"\r\n")


class _Block(NamedTuple):
    """From `_lines`: a certificate's whole PEM block, after its BEGIN line was counted."""

    label: bytes
    body: bytes  # the base64 lines joined, as the line-by-line path joins them
    rest: int  # input bytes after the BEGIN line, up to and with the END line's end


def _lines(reader: _Reader, counts: InputCounts):
    """Lines without their end, of at most _MAX_LINE bytes with it (a longer one is given as
    b""), `_Block`s for whole plain PEM certificate blocks, and `Waiting` markers where the
    input has no complete line yet. Whole buffers are split at once: the per-line cost is
    one slice, the per-block cost a few searches."""
    skipping = False  # inside a line longer than _MAX_LINE: dropped up to its end
    while True:
        data = reader.buf[reader.pos :] if reader.pos else reader.buf
        pos = 0
        if skipping:
            end = data.find(b"\n")
            if end != -1:
                counts.bytes += end + 1
                skipping = False
                yield b""
                pos = end + 1
        if not skipping:
            # The buffer starts at a line's start (what is left of a line is kept for the
            # next read): a BEGIN at position 0 is at a line start.
            while True:
                block = _next_block(data, pos)
                if block is None:
                    break
                start, body, end, label, joined = block
                if start > pos:
                    for part in data[pos : start - 1].split(b"\n"):
                        counts.bytes += len(part) + 1
                        yield b"" if len(part) >= _MAX_LINE else part
                counts.bytes += body - start
                yield _Block(label, joined, end - body)
                pos = end
        parts = data[pos:].split(b"\n") if pos else data.split(b"\n")
        rest = parts.pop()
        for part in parts:
            counts.bytes += len(part) + 1
            if skipping or len(part) >= _MAX_LINE:
                skipping = False
                yield b""
            else:
                yield part
        if skipping or len(rest) >= _MAX_LINE:
            skipping = True  # binary files: never buffer an endless line
            counts.bytes += len(rest)
            rest = b""
        reader.buf, reader.pos = rest, 0
        if reader.eof:
            reader.buf = b""
            if skipping:
                yield b""
            elif rest:
                counts.bytes += len(rest)
                yield rest
            return
        yield from _more(reader)


def _text_items(name: str, reader: _Reader, counts: InputCounts):
    """PEM blocks (anywhere in text) and headerless base64: one certificate per line, or a
    blob wrapped over several lines."""
    index = 0
    label: bytes | None = None
    body: list[bytes] = []
    size = 0
    blob: _Blob | None = None
    for raw in _lines(reader, counts):
        if raw.__class__ is not bytes:
            if raw.__class__ is Waiting:
                yield raw
                continue
            # A whole certificate block: as its BEGIN line, body and END line would be.
            if blob is not None:
                item = blob.item(name, index, counts)
                blob = None
                if item is not None:
                    yield item
                    index += 1
            if label is not None and label in _CERTIFICATE_LABELS:
                yield Item(
                    name, index, None, "PEM block without END line", counts.bytes
                )
                index += 1
            label = None
            counts.bytes += raw.rest
            yield _pem_item(
                name, index, raw.label, [raw.body], len(raw.body), counts.bytes
            )
            index += 1
            continue
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


# --- Counting certificates up front (the progress bar's total) ---------------------------------

_PEM_CERTIFICATE = re.compile(rb"-----BEGIN (?:X509 |TRUSTED |PRE)?CERTIFICATE-----")
_BASE64_FIRST_LINE = re.compile(rb"(?m)^[ \t]*MI[A-Za-z0-9+/]{60,}")


def count_certificates(paths: Iterable[str], seconds: float = 1.5) -> int | None:
    """About how many certificates the paths hold, or None when that cannot be known
    cheaply: standard input or a FIFO among them (counting would consume it), or more input
    than can be counted in `seconds`. PEM blocks are counted by their BEGIN lines, DER files
    element by element, base64 files by the lines a certificate starts on: exact for the
    usual corpora, close for odd ones (the progress bar's total, nothing more)."""
    deadline = time.monotonic() + seconds
    total = 0
    for f in _input_files(paths, InputCounts()):
        if f.path == "-":
            return None
        if f.error is not None:
            continue
        try:
            if not stat.S_ISREG(os.stat(f.path).st_mode):
                return None  # a FIFO or device: opening or reading it could block
            with open(f.path, "rb") as stream:
                total += _count_in(stream, deadline)
        except TimeoutError:
            return None
        except OSError:
            continue
        if time.monotonic() > deadline:
            return None
    return total


def _count_in(stream, deadline: float) -> int:
    head = stream.read(2)
    stream.seek(0)
    if len(head) == 2 and head[0] == 0x30 and 0x80 <= head[1] <= 0x84:
        return _count_der(stream, deadline)
    try:
        data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except ValueError:  # empty file
        return 0
    with data:
        found = sum(1 for _ in _PEM_CERTIFICATE.finditer(data))
        if found or data.find(b"-----BEGIN ") != -1:
            return found
        if time.monotonic() > deadline:
            raise TimeoutError
        return sum(1 for _ in _BASE64_FIRST_LINE.finditer(data))


def _count_der(stream, deadline: float) -> int:
    found = 0
    while True:
        head = stream.read(6)
        length = _der_length(head, 0) if head[:1] == b"\x30" else None
        if length is None or length > _MAX_DER:
            return found
        element = (head + stream.read(max(0, length - len(head))))[:length]
        if len(element) < length:
            return found + 1  # truncated: an error record of its own
        if length < len(head):
            stream.seek(length - len(head), os.SEEK_CUR)
        if looks_like_certificate(element):  # CRLs and OCSP messages are skipped
            found += 1
        if found % 4096 == 0 and time.monotonic() > deadline:
            raise TimeoutError


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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. negative serial numbers
        return identify_quietly(der)


_load_der_certificate = None  # cryptography's loader, imported on first use


def identify_quietly(der: bytes) -> Identity:
    """`identify` for a caller that already ignores warnings (a scan, once per chunk of
    certificates: entering `catch_warnings` per certificate is a visible share of the cost).
    """
    sha256 = hashlib.sha256(der).hexdigest()
    precertificate = _POISON_OID in der and (
        _POISON_CRITICAL in der or _POISON_PLAIN in der
    )
    serial, issuer_text, subject = _simple_names(der) or _names_of(der)
    return Identity(
        sha256,
        _serial(serial),
        issuer_text,
        format_rfc4514(subject),
        precertificate,
        subject,
    )


def _names_of(der: bytes) -> tuple[int, str, list]:
    """(serial number, issuer's RFC 4514 string, subject RDNs): cryptography's parse, or
    the DER walk where cryptography refuses the certificate (ValueError where both do).
    """
    global _load_der_certificate
    try:
        if _load_der_certificate is None:
            from cryptography import x509

            _load_der_certificate = x509.load_der_x509_certificate
        cert = _load_der_certificate(der)
        subject = _rdns_of(cert.subject)
        # A corpus has few issuers: each one's string is worked out once, from its DER.
        key = _issuer_der(der)
        issuer_text = _ISSUERS.get(key) if key is not None else None
        if issuer_text is None:
            issuer_text = format_rfc4514(_rdns_of(cert.issuer))
            if key is not None:
                if len(_ISSUERS) >= _ISSUERS_KEPT:
                    _ISSUERS.clear()
                _ISSUERS[key] = issuer_text
        return cert.serial_number, issuer_text, subject
    except Exception as e:
        try:
            subject, issuer, serial = _identify_der(der)
        except Exception:  # cryptography's message says it more briefly
            raise ValueError(short_error(e)) from None
        return serial, format_rfc4514(issuer), subject


# --- Identity of a plain certificate, without cryptography ---------------------------------
#
# Most certificates name their subject and issuer with UTF8String, PrintableString and
# IA5String values only: valid UTF-8, and ASCII in the two others. For those, the fallback
# walk (`_identify_der`) gives what cryptography gives (where cryptography refuses such a
# certificate, `identify` uses that walk anyway), and it costs a fraction of cryptography's
# building of its Name objects. Other strings are left to the general path.

_SIMPLE_ISSUERS: dict[bytes, str] = {}  # plain issuer element -> its RFC 4514 string


def _simple_names(der: bytes) -> tuple[int, str, list] | None:
    """(serial number, issuer's RFC 4514 string, subject RDNs) of a certificate whose names
    hold only plain strings, as `_identify_der` reads them; None for anything else."""
    try:
        serial, issuer_start, issuer, subject = _outline(der)
        rdns, plain = _walk_name(der, subject)
        if not plain:
            return None
        key = der[issuer_start : issuer[2]]
        issuer_text = _SIMPLE_ISSUERS.get(key)
        if issuer_text is None:
            issuer_rdns, plain = _walk_name(der, issuer)
            if not plain:
                return None
            issuer_text = format_rfc4514(issuer_rdns)
            if len(_SIMPLE_ISSUERS) >= _ISSUERS_KEPT:
                _SIMPLE_ISSUERS.clear()
            _SIMPLE_ISSUERS[key] = issuer_text
    except (
        TypeError,
        ValueError,
    ):  # where `_identify_der` fails: the general path says why
        return None
    return serial, issuer_text, rdns


# Issuer DER -> its RFC 4514 string, as cryptography's parse of it gives (only filled and
# read where cryptography parsed the certificate: the same bytes, the same string).
_ISSUERS: dict[bytes, str] = {}
_ISSUERS_KEPT = 4096


def _issuer_der(der: bytes) -> bytes | None:
    """The issuer Name element of a certificate (tag, length and content), or None."""
    try:
        _, issuer_start, issuer, _ = _outline(der)
    except (TypeError, ValueError):
        return None
    return der[issuer_start : issuer[2]]


# A value that `dn_input.escape_value` changes: a character it escapes anywhere (DN
# specials, C0/C1 controls, DEL), `#` or a space first, a space last. Most values have none
# of them and are written as they are, without a walk over their characters.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"+,;<>\\\x7f-\x9f]|\A[# ]| \Z')
_KEYWORDS: dict[str, str] = {}  # OID -> its RFC 4514 keyword, for the types seen
_KEYWORDS_KEPT = 512  # hostile input may bring thousands of distinct OIDs


def format_rfc4514(rdns) -> str:
    """`dn_input.format_rfc4514(rdns)`, the same string, faster on the common case: each
    keyword looked up once, only the values that need escaping escaped."""
    parts = []
    for rdn in reversed(rdns):
        atvs = []
        for oid, value in rdn:
            if not isinstance(value, str):  # bytes or undecodable: the general form
                atvs.append(dn_input.format_rfc4514([[(oid, value)]]))
                continue
            word = _KEYWORDS.get(oid)
            if word is None:
                word = dn_input.keyword(oid)
                if len(_KEYWORDS) < _KEYWORDS_KEPT:
                    _KEYWORDS[oid] = word
            if _NEEDS_ESCAPE.search(value) is not None:
                value = dn_input.escape_value(value)
            atvs.append(word + "=" + value)
        parts.append(atvs[0] if len(atvs) == 1 else "+".join(atvs))
    return ",".join(parts)


def _identify_der(der: bytes):
    """(subject RDNs, issuer RDNs, serial) by walking the DER outline: for certificates that
    cryptography refuses (empty RDNs, bad versions, ...), which a corpus audit must still list.
    """
    serial, _, issuer, subject = _outline(der)
    return _walk_name(der, subject)[0], _walk_name(der, issuer)[0], serial


def _outline(der: bytes) -> tuple[int, int, tuple, tuple]:
    """(serial number, where the issuer element starts, the issuer and the subject as
    `_element` gives them) of a certificate's DER; ValueError or TypeError where an element
    is missing, cut short or of the wrong kind."""
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
    return number, algorithm[2], issuer, subject


# Strings whose text cryptography and the fallback walk read alike, when it decodes: UTF-8
# in a UTF8String, ASCII in a PrintableString or IA5String. (cryptography reads the bytes of
# those two, and of a TeletexString, as UTF-8; the walk reads a TeletexString as Latin-1.)
_PLAIN_STRING_TAGS = frozenset({0x0C, 0x13, 0x16})
_OID_TEXTS: dict[bytes, str] = {}  # OID content -> dotted text, for the types seen
_OID_TEXTS_KEPT = 512  # hostile input may bring thousands of distinct OIDs


def _walk_name(der: bytes, name: tuple[int, int, int]) -> tuple[list, bool]:
    """The RDNs of a Name element, and whether they are plain: every value a plain string
    that decodes (`_PLAIN_STRING_TAGS`), and nothing read past the element's end (so the
    element's bytes alone give the answer). Only the strings can make cryptography and this
    walk differ: a name this walk reads that is malformed otherwise, cryptography refuses.
    """
    rdns = []
    plain = True
    reach = 0  # the furthest end of an element read
    pos = name[1]
    while pos < name[2]:
        rdn = _element(der, pos)
        if rdn is None or rdn[0] != 0x31:
            raise ValueError("bad RDN")
        if rdn[2] > reach:
            reach = rdn[2]
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
            if text is None or value[0] not in _PLAIN_STRING_TAGS:
                plain = False
            if value[2] > reach:
                reach = value[2]
            content = der[oid[1] : oid[2]]
            oid_text = _OID_TEXTS.get(content)
            if oid_text is None:
                oid_text = _oid_text(content)
                if len(_OID_TEXTS) < _OID_TEXTS_KEPT:
                    _OID_TEXTS[content] = oid_text
            atvs.append((oid_text, text))
            inner = atv[2]
        rdns.append(atvs)
        pos = rdn[2]
    # Read past the name (an element longer than its container): what the walk gave
    # depends on more than the name's bytes, which the plain path's memo is keyed by.
    return rdns, plain and reach <= name[2]


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
