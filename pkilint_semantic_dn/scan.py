"""`scan`: lint every certificate of a corpus, in parallel, streaming, resumable.

Certificates are found in files and directories (recursive) and on standard input, as
`corpus.py` reads them (PEM bundles, DER, base64 lines). Each certificate becomes one record:
its identity (file, index within the file, SHA-256, serial, issuer, subject), its findings,
either from full pkilint linting with this plugin (profile as `--detect` chooses it) or, with
`semantic_only`, from the semantic DN rules alone on the parsed subject, and the `mode` and
`real_path` that `--resume` needs.

The main process finds the input and writes records in input order; worker processes read
and lint. Regular files of moderate size are handed to the workers, which read them
themselves (so reading is spread over the cores like linting); standard input, FIFOs, big
bundles and resumed scans are read by the main process and sent in chunks of certificates.
At most a few chunks are in flight, so memory does not grow with the corpus. Pipes, FIFOs
and terminals are read as data arrives: a record goes out as soon as its certificate is
complete, whatever the producer does next. FIFOs, devices and sockets found in directories
are skipped and counted (never read: a FIFO blocks, a device may never end). Workers exit
when the main process dies, however it dies.

Output goes out in whole records only: a stop by signal (SIGINT, SIGTERM, SIGHUP) ends after
whole records, and a write that fails (disk full, file size limit) is cut back to the last
whole record, so an interrupted scan leaves valid JSON Lines / CSV that `--resume` continues.
A second signal stops at once (a record being written may be cut; `--resume` redoes it).

Resume: a certificate is known by the real path of its file (symbolic links, `.` and `..`
resolved: the same file however it is named, from any directory) and its index in the file.
A file reached twice in one run (named twice, or inside a directory also named) is scanned
once. `--resume` refuses output written in the other mode (full / semantic-only), which each
record names. In CSV, where a record is several rows, the last record found is always done
again: a stop between two of its rows cannot be told from its end.

CSV: one row per finding and one line per row. The `file` and `real_path` columns are
percent-encoded: `%` and every byte of a character that is not printable (control and format
characters, tabs, newlines, bytes that are not UTF-8) is written `%XX`, so
`os.fsdecode(urllib.parse.unquote_to_bytes(value))` gives the name back exactly. Other
columns are for reading: characters that are not printable are shown as Python escapes.

Exit status: 0 no reported finding at or above `--fail-on`; 1 such findings; 2 some input
could not be read (or, in a full scan, not linted by pkilint), or a usage error; 3 the output
could not be written (disk full, file size limit, I/O error: the output ends with a whole
record, `--resume` continues); 128+N stopped by signal N (141: the reader of the output went
away).
"""

from __future__ import annotations

import argparse
import collections
import csv
import errno
import hashlib
import io
import json
import logging
import os
import signal
import stat
import sys
import time
import urllib.parse
import warnings
from typing import IO, Callable, Iterable, Iterator, NamedTuple

from pkilint_semantic_dn import options
from pkilint_semantic_dn.check import printable
from pkilint_semantic_dn.core import config, engine, selection
from pkilint_semantic_dn.core.registry import SEVERITIES
from pkilint_semantic_dn.corpus import (
    InputCounts,
    Interrupted,
    Item,
    Waiting,
    identify_quietly,
    iter_sources,
    read_file,
    short_error,
)

try:
    import fcntl
except ImportError:  # not on Windows: no FIFOs to wait for either
    fcntl = None

# Findings below this are not reported by default (pkilint's own `lint` default).
REPORT_SEVERITY = options.DEFAULT_REPORT_SEVERITY
FULL, SEMANTIC_ONLY = "full", "semantic-only"
CSV_COLUMNS = (
    "file",
    "index",
    "sha256",
    "serial",
    "issuer",
    "subject",
    "precertificate",
    "profile",
    "severity",
    "code",
    "message",
    "path",
    "validator",
    "error",
    "pkilint_error",
    "mode",
    "real_path",
)
# Written before records named their mode: such output cannot be resumed safely.
_OLD_CSV_COLUMNS = CSV_COLUMNS[:-2]

_SUBJECT_PATH = "certificate.tbsCertificate.subject.rdnSequence"
_PROG = "pkilint-semantic-dn scan"

EXIT_OUTPUT_FAILED = 3
# Out of room (disk full, quota, file size limit): room can be made, and --resume continues.
_OUT_OF_SPACE = {
    getattr(errno, n) for n in ("ENOSPC", "EDQUOT", "EFBIG") if hasattr(errno, n)
}


def mode_name(semantic_only: bool) -> str:
    return SEMANTIC_ONLY if semantic_only else FULL


# --- Command line ----------------------------------------------------------------------------

HELP = "lint every certificate in files, directories or standard input"
DESCRIPTION = (
    "Lint every certificate found (PEM bundles, DER, base64 lines; directories "
    "recursively, skipping and counting FIFOs, devices and sockets in them; '-' is "
    "standard input, read as it comes) and write one record per certificate. Exit "
    "status: 0 clean, 1 a reported finding at or above --fail-on, 2 some input "
    "unreadable (or a usage error), 3 the output could not be written (disk full: it "
    "ends with a whole record, --resume continues), 128+N stopped by signal N (--resume "
    "continues; a second signal stops at once)."
)


def add_arguments(s: argparse.ArgumentParser) -> None:
    s.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or '-'")
    s.add_argument(
        "--semantic-only",
        action="store_true",
        help="only the semantic DN rules on the parsed subject (much faster than full "
        "pkilint linting)",
    )
    s.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=None,
        help="worker processes (default: all cores)",
    )
    s.add_argument(
        "--format",
        choices=("jsonl", "csv", "parquet"),
        default="jsonl",
        help="output format (parquet: one row per certificate, findings nested; needs "
        "the [parquet] extra)",
    )
    # CT log entries, Parquet and Dask: ct_input.py, parquet_io.py, distributed.py.
    s.add_argument(
        "--input-format",
        choices=("auto", "files", "get-entries", "tiles", "parquet"),
        default="auto",
        help="how to read the inputs (default: detected per path): files (PEM/DER/"
        "base64), RFC 6962 get-entries JSON, static-ct-api data tile directories, Parquet",
    )
    s.add_argument(
        "--der-column",
        default="der",
        metavar="NAME",
        help="Parquet input: the binary column holding the DER certificates (default: der)",
    )
    s.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster (tcp://HOST:PORT; needs the [dask] extra): --output "
        "is then a directory of partitions, which --resume continues",
    )
    s.add_argument(
        "--partition-size",
        type=_positive_int,
        default=None,
        metavar="N",
        help="with --scheduler: about N certificates per partition (default 4096)",
    )
    s.add_argument(
        "-o", "--output", help="write records here (default: standard output)"
    )
    s.add_argument(
        "--resume",
        action="store_true",
        help="append to --output what it does not hold yet (certificates are known by "
        "their file's real path and index); refuses output of the other mode",
    )
    s.add_argument(
        "--summary", metavar="FILE", help="also write the summary by code as JSON here"
    )
    options.add_severity_options(s)
    options.add_rule_selection(s)
    progress = s.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress",
        dest="progress",
        action="store_const",
        const=True,
        default=None,
        help="show the progress bar even when standard error is not a terminal",
    )
    progress.add_argument(
        "--no-progress", dest="progress", action="store_const", const=False
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


# --- One certificate -> one record ---------------------------------------------------------


class Linter:
    """Turns items into records; one per process (pkilint validators are built once).

    `disabled`: codes not reported (default: those PKILINT_SEMANTIC_DN_DISABLE names);
    `severity`: findings below it are left out (pkilint's `-s`)."""

    def __init__(
        self,
        semantic_only: bool,
        disabled: Iterable[str] | None = None,
        severity: str = REPORT_SEVERITY,
    ):
        self.semantic_only = semantic_only
        self.mode = mode_name(semantic_only)
        self.disabled = (
            selection.environment_disabled()
            if disabled is None
            else frozenset(disabled)
        )
        self.severity = severity
        self.engine = engine.Engine(disabled=self.disabled)
        # rule name -> validator name: records name the validator pkilint would.
        self.validator_names = {r.name: r.validator for r in self.engine.rules}
        if not semantic_only:
            prepare_full_lint()

    _quiet = False  # True while `records` has warnings switched off

    def record(self, item: Item) -> dict:
        if self._quiet:
            return self._record(item)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # cryptography's about odd certificates
            return self._record(item)

    def records(self, items: Iterable[Item]) -> list[dict]:
        """`[record(item) for item in items]`, warnings switched off once for them all
        (entering `catch_warnings` per certificate was a visible share of the cost)."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._quiet = True
            try:
                return [self.record(item) for item in items]
            finally:
                self._quiet = False

    def _record(self, item: Item) -> dict:
        record: dict = {"file": item.file, "index": item.index}
        if item.entry is not None:  # a CT log entry (ct_input.py)
            record["log_entry"] = item.entry
        if item.error is not None:
            record["error"] = item.error
        else:
            try:
                self._lint(record, item)
            except Exception as e:  # one bad certificate never stops the scan
                record["error"] = f"cannot lint: {short_error(e)}"
        record["mode"] = self.mode
        record["real_path"] = item.real_path
        return record

    def _lint(self, record: dict, item: Item) -> None:
        der = item.der
        try:
            who = identify_quietly(der)  # warnings are off (`records`)
        except Exception as e:
            record["sha256"] = hashlib.sha256(der).hexdigest()
            record["error"] = f"not a decodable certificate: {short_error(e)}"
            return
        record.update(
            sha256=who.sha256,
            serial=who.serial,
            issuer=who.issuer,
            subject=who.subject,
            precertificate=who.precertificate,
            profile=None,
        )
        if self.semantic_only:
            record["findings"] = self._semantic(who.subject_rdns)
            return
        try:
            record["profile"], record["findings"] = self._full(item)
        except PkilintCannotDecode as e:
            # The subject was parsed: its rules still run, and the record says why pkilint
            # has no findings (a full scan must never report less than a semantic-only one).
            record["pkilint_error"] = str(e)
            record["findings"] = self._semantic(who.subject_rdns)

    def _semantic(self, rdns) -> list[dict]:
        hits = self.engine.check([pair for rdn in rdns for pair in rdn])
        if not hits:
            return []
        # Node paths only for a subject with something to report (most have nothing).
        paths = [
            f"{_SUBJECT_PATH}.{r}.{a}"
            for r, rdn in enumerate(rdns)
            for a in range(len(rdn))
        ]
        return [
            {
                "severity": h.severity,
                "code": h.code,
                "message": h.message,
                "path": paths[h.index],
                "validator": self.validator_names.get(h.rule),
            }
            for h in hits
            if options.at_or_above(h.severity, self.severity)
        ]

    def _full(self, item: Item) -> tuple[str, list[dict]]:
        from pkilint_semantic_dn.adapter import linting

        name = f"{item.file}#{item.index}"
        try:
            doc = linting.load_der(item.der, name)
        except Exception as e:  # pkilint's schema is stricter than the identity walk
            raise PkilintCannotDecode(
                f"pkilint cannot decode it: {short_error(e)}"
            ) from None
        profile = linting.detect_profile(doc)
        findings = sorted(linting.lint(profile, doc))
        # Codes switched off by the command line are left out here; those of the
        # environment never came (the validators were built without them). The engine
        # lets a rule defer to one switched off, so this equals building without them.
        return profile, [
            {
                "severity": f.severity,
                "code": f.code,
                "message": f.message,
                "path": f.node_path,
                "validator": f.validator,
            }
            for f in findings
            if options.at_or_above(f.severity, self.severity)
            and f.code not in self.disabled
        ]


def scan_on_cluster(paths: Iterable[str], output: str, scheduler, **settings):
    """The Python API of `scan --scheduler` (`distributed.execute`, with this module's
    linting): `scheduler` is an address (tcp://HOST:PORT) or a dask.distributed Client.
    """
    from pkilint_semantic_dn import distributed

    return distributed.execute(
        sys.modules[__name__], list(paths), output, scheduler, **settings
    )


class PkilintCannotDecode(ValueError):
    """pkilint's decoder rejects a certificate whose subject the identity walk could read."""


def prepare_full_lint() -> None:
    """Make sure this plugin is in pkilint's factories, also when the start-up hook did not
    run (a source checkout on PYTHONPATH): scan always reports semantic_dn."""
    from pkilint_semantic_dn.adapter import registration

    registration.ensure_installed()


def _died_record(item: Item, mode: str, code) -> dict:
    return {
        "file": item.file,
        "index": item.index,
        "error": f"the worker process died while linting it (exit code {code})",
        "mode": mode,
        "real_path": item.real_path,
    }


# --- Workers ---------------------------------------------------------------------------------
# A small process pool of our own: multiprocessing.Pool loses a task for good (and hangs)
# when a worker dies, and reads its whole input ahead. Here every worker has its own pipe,
# so the main process knows which chunk a dead worker held: it retries that chunk one
# certificate at a time and records the one that kills a worker again as an error.


class _Settings(NamedTuple):
    semantic_only: bool
    disabled: frozenset
    severity: str
    encode: str | None = None  # an output format: outcomes are `Encoded`, not records

    def linter(self) -> "Linter":
        return Linter(self.semantic_only, self.disabled, self.severity)


def _outcomes(linter: "Linter", items: list, encode: str | None) -> list:
    """The records of `items`, or with `encode` their `Encoded` forms."""
    records = linter.records(items)
    if encode is None:
        return records
    return [encode_record(i, r, encode) for i, r in zip(items, records)]


def _worker_main(conn, settings: _Settings, inherited: list[int], parent: int) -> None:
    # A forked worker holds copies of the main process's ends of the pipes (its own and
    # the other workers'): closed, so that the main process's death is an end of file here.
    for fd in inherited:
        try:
            os.close(fd)
        except OSError:
            pass
    # Ctrl-C reaches the whole process group: the main process decides how to stop. SIGTERM
    # and SIGHUP must kill a worker again (the main process's handlers came with fork).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with(parent)
    linter = settings.linter()
    encode = settings.encode
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent:  # the main process is gone
                    return
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        kind, payload = task
        if kind == _ITEMS:
            results = _outcomes(linter, payload, encode)
        else:  # files to read here: per file, its (item, outcome) pairs and counts
            results = []
            for handed in payload:
                counts = InputCounts()
                items = read_file(handed.file, counts)
                outcomes = _outcomes(linter, items, encode)
                # Encoded, the items stay here (their DER was most of what was sent).
                kept = items if encode is None else [None] * len(items)
                results.append((list(zip(kept, outcomes)), counts))
        try:
            conn.send(results)
        except OSError:  # the main process is gone
            return


def _die_with(parent: int) -> None:
    """Linux: the kernel kills this worker when the main process dies, even in the middle
    of linting (elsewhere the worker notices between tasks)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except Exception:
            pass
    if os.getppid() != parent:  # died before the request was made
        os._exit(0)


class _Worker:
    def __init__(self, context, settings: _Settings, others: list):
        self.conn, child = context.Pipe()
        inherited = []
        if context.get_start_method() == "fork":
            inherited = [c.fileno() for c in others if not c.closed]
            inherited.append(self.conn.fileno())
        self.process = context.Process(
            target=_worker_main,
            args=(child, settings, inherited, os.getpid()),
            daemon=True,
        )
        self.process.start()
        child.close()
        self.task = None  # (key, kind, payload) while busy

    def give(self, task) -> None:
        self.task = task
        _, kind, payload = task  # the key stays here: the answer comes on this pipe
        self.conn.send((kind, payload))

    def stop(self) -> None:
        try:
            self.process.kill()
            self.process.join(5)
        finally:
            self.conn.close()


_ITEMS, _FILES = "items", "files"  # what a task gives a worker: items, or files to read
# Files of at most this many bytes are read by the workers (a chunk of them at a time, up
# to the same number of bytes); larger ones by the main process, which splits them into
# chunks of items so that both cores lint one big bundle. Semantic-only linting is fast
# (reading is a large share: a worker's chunk is up to about 1,000 PEM certificates),
# full linting slow (a few certificates' worth of bytes per chunk keeps the workers
# evenly busy).
_HANDED_OVER_BYTES = {True: 1 << 21, False: 1 << 15}


def _tasks(sources: Iterator, size: int, budget: int) -> Iterator:
    """(kind, list) chunks of `iter_sources`: items in chunks of at most `size`, files in
    chunks of at most `size` files and `budget` bytes; `Waiting` markers passed on (they end
    the chunk being filled)."""
    kind, chunk, used = None, [], 0
    for source in sources:
        if source.__class__ is Waiting:
            if chunk:
                yield kind, chunk
                kind, chunk, used = None, [], 0
            yield source
            continue
        this = _ITEMS if source.__class__ is Item else _FILES
        cost = source.size if this == _FILES else 0
        if chunk and (this != kind or len(chunk) >= size or used + cost > budget):
            yield kind, chunk
            chunk, used = [], 0
        kind = this
        chunk.append(source)
        used += cost
    if chunk:
        yield kind, chunk


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def resume_key(path: str, index) -> tuple[str, str]:
    """What identifies a record for `--resume`: the real path of its file ("-" for
    standard input) and its index in the file."""
    return path, "" if index is None else str(index)


def iter_records(
    paths: Iterable[str],
    semantic_only: bool = False,
    jobs: int | None = None,
    skip: Callable[[str, int | None], bool] | None = None,
    counts: InputCounts | None = None,
    stop: Callable[[], bool] | None = None,
    chunk_size: int | None = None,
    *,
    disabled: Iterable[str] | None = None,
    severity: str = REPORT_SEVERITY,
    on_idle: Callable[[], None] | None = None,
    notice: Callable[[str], None] | None = None,
    input_format: str = "files",
    der_column: str = "der",
    encode: str | None = None,
) -> Iterator[tuple[Item | None, dict | Encoded]]:
    """(item, record) for every certificate and read error, in input order.

    With `encode` (an output format, `OUTPUT_FORMATS`) the records come as `Encoded`
    (item, Encoded(...)) pairs, made where the records are; the item is then None for the
    records of a file a worker read (its certificates and its errors).

    `skip(path, index)` leaves out items already done (resume); `path` is the real path of
    the item's file ("-" for standard input). `stop()` is polled between chunks and while
    waiting for input; once it is true the records stop (whole ones only) and `Interrupted`
    may be raised. `on_idle()` is called when the input has nothing to read just now and
    the records read so far have been given out (flush them). With `jobs` > 1 the linting
    runs in that many processes. `disabled` and `severity` as for `Linter`.
    `input_format`: "files" (corpus.py), "get-entries", "tiles", "parquet" or "auto"
    (detected per path, ct_input.py); `der_column`: Parquet's column of DER.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    counts = counts if counts is not None else InputCounts()
    stop = stop or (lambda: False)
    if encode is not None and encode not in OUTPUT_FORMATS:
        raise ValueError(f"encode: one of {', '.join(OUTPUT_FORMATS)}, not {encode!r}")
    settings = _Settings(
        semantic_only,
        (selection.environment_disabled() if disabled is None else frozenset(disabled)),
        severity,
        encode,
    )
    hand_over = None
    if jobs > 1 and skip is None:
        # Workers read regular files of moderate size themselves (`_tasks`); a resumed
        # scan reads here, where every certificate is checked against what is done.
        limit = _HANDED_OVER_BYTES[semantic_only]
        hand_over = lambda size: size <= limit  # noqa: E731
    if input_format == "files":
        items = iter_sources(paths, counts, stop, notice, hand_over)
    else:
        from pkilint_semantic_dn import ct_input

        items = ct_input.iter_inputs(
            paths, input_format, der_column, counts, stop, True, notice, hand_over
        )
    if skip is not None:
        items = (
            i
            for i in items
            if i.__class__ is Waiting or not skip(i.real_path or i.file, i.index)
        )
    size = chunk_size or (256 if semantic_only else 8)
    if jobs == 1:
        linter = settings.linter()
        for task in _tasks(items, size, 0):  # items only: nothing is handed over
            if task.__class__ is Waiting:
                if on_idle is not None:
                    on_idle()
                continue
            _, chunk = task
            yield from zip(chunk, _outcomes(linter, chunk, encode))
            if stop():
                return
        return
    yield from _parallel(items, settings, jobs, size, stop, on_idle, counts)


# A subject whose check loads every table the rules load on first use.
_WARM_UP = [
    ("2.5.4.6", "US"),
    ("2.5.4.8", "California"),
    ("2.5.4.7", "San Francisco"),
    ("2.5.4.17", "94105"),
    ("2.5.4.10", "Example Inc."),
]


class _Chunk:
    """One task's worth of input in input order: items read by the main process, or files
    handed to a worker (`corpus.HandedOver`). `results[k]` is filled when a worker answers:
    an item's record, or a file's ((item, record) pairs, counts); a file that killed a worker
    on its own is read here and its items retried one at a time (`nested`)."""

    __slots__ = ("kind", "parts", "results", "missing")

    def __init__(self, kind: str, parts: list):
        self.kind = kind
        self.parts = parts
        self.results: list = [None] * len(parts)
        self.missing = len(parts)  # results still to come (nested chunks count apart)

    def fill(self, offset: int, results: list) -> None:
        self.results[offset : offset + len(results)] = results
        self.missing -= len(results)

    def done(self) -> bool:
        return self.missing == 0 and all(
            r.done() for r in self.results if r.__class__ is _Nested
        )

    def pairs(self, counts: InputCounts) -> Iterator[tuple[Item, dict]]:
        """(item, record) in input order; what the workers counted goes into `counts`."""
        if self.kind == _ITEMS:
            yield from zip(self.parts, self.results)
            return
        for result in self.results:
            if result.__class__ is _Nested:
                counts.add(result.counts)
                yield from result.pairs(counts)
            else:
                found, counted = result
                counts.add(counted)
                yield from found


class _Nested(_Chunk):
    """The items of one handed-over file, read by the main process after the file killed a
    worker: retried one item at a time, so only the item that kills again is lost."""

    __slots__ = ("counts",)

    def __init__(self, items: list, counts: InputCounts):
        super().__init__(_ITEMS, items)
        self.counts = counts


def _parallel(sources, settings: _Settings, jobs, size, stop, on_idle, counts):
    import multiprocessing
    from multiprocessing.connection import wait

    # Imported once here, inherited by forked workers.
    if settings.semantic_only:
        import cryptography.x509  # noqa: F401
    else:
        prepare_full_lint()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if context.get_start_method() == "fork":
        # The rules' tables load here once and the forked workers share them (each would
        # load its own: about half a second of CPU apiece).
        engine.Engine(disabled=settings.disabled).check(_WARM_UP)
    workers: list[_Worker] = []
    for _ in range(jobs):
        workers.append(_Worker(context, settings, [w.conn for w in workers]))
    tasks = _tasks(sources, size, _HANDED_OVER_BYTES[settings.semantic_only])
    limit = jobs * 3  # chunks read ahead at most: memory stays flat
    todo: collections.deque = collections.deque()  # ((chunk, offset), kind, parts)
    pending: collections.deque = collections.deque()  # chunks in input order
    exhausted = False
    stalled = None  # the input's Waiting marker while it has nothing to read
    since = 0.0
    fresh = False  # records given out since on_idle was last called
    try:
        while True:
            while not exhausted and stalled is None and len(pending) < limit:
                if stop():
                    return
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                if task.__class__ is Waiting:
                    stalled, since = task, time.monotonic()
                    break
                kind, parts = task
                chunk = _Chunk(kind, parts)
                pending.append(chunk)
                todo.append(((chunk, 0), kind, parts))
            for worker in workers:
                if worker.task is None and todo:
                    try:
                        worker.give(todo.popleft())
                    except OSError:  # died while idle: its task is retried below
                        pass
            # Emit finished chunks in input order.
            while pending and pending[0].done():
                yield from pending.popleft().pairs(counts)
                fresh = True
                if stop():
                    return
            if exhausted and not pending:
                return
            if stop():
                return
            if stalled is not None and fresh and on_idle is not None:
                fresh = False
                on_idle()
            busy = {w.conn: w for w in workers if w.task is not None}
            waitables = list(busy)
            if stalled is not None:
                stalled.waited(time.monotonic() - since)
                waitables.append(stalled.fd)
            for ready in wait(waitables, timeout=0.2):
                if isinstance(ready, int):  # the input has data again
                    stalled = None
                    continue
                worker = busy[ready]
                try:
                    results = ready.recv()
                except (EOFError, OSError):
                    continue  # died: handled below
                (chunk, offset), _, _ = worker.task
                chunk.fill(offset, results)
                worker.task = None
            for i, worker in enumerate(workers):
                if not worker.process.is_alive():
                    workers[i] = _replace(worker, context, settings, todo, workers)
    finally:
        for worker in workers:
            worker.stop()


def _replace(worker: _Worker, context, settings, todo, workers) -> _Worker:
    """A worker died holding a task: retry it one part at a time; a file that killed a
    worker on its own is read here and its items retried one at a time; an item that
    killed a worker on its own is given up (an error record)."""
    code = worker.process.exitcode
    worker.stop()
    others = [w.conn for w in workers if w is not worker]
    if worker.task is not None:
        (chunk, offset), kind, parts = worker.task
        if len(parts) > 1:
            for k, part in enumerate(parts):
                todo.appendleft(((chunk, offset + k), kind, [part]))
        elif kind == _FILES:
            counts = InputCounts()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                items = read_file(parts[0].file, counts)
            nested = _Nested(items, counts)
            chunk.fill(offset, [nested])
            for k, item in enumerate(items):
                todo.appendleft(((nested, k), _ITEMS, [item]))
        else:
            (item,) = parts
            record = _died_record(item, mode_name(settings.semantic_only), code)
            if settings.encode is not None:
                record = encode_record(item, record, settings.encode)
            chunk.fill(offset, [record])
    return _Worker(context, settings, others)


# --- Output ----------------------------------------------------------------------------------


def _clean(text) -> str:
    """A CSV field on one line: control characters in values would otherwise split rows."""
    return "" if text is None else printable(str(text))


def encode_file_name(name: str | None) -> str:
    """A file name for a CSV column, on one line and reversible: `%` and each byte of a
    character that is not printable as `%XX` (`decode_file_name` undoes it)."""
    if name is None:
        return ""
    if name.isprintable() and "%" not in name:
        return name
    return "".join(
        (
            c
            if c.isprintable() and c != "%"
            else "".join(f"%{b:02X}" for b in os.fsencode(c))
        )
        for c in name
    )


def decode_file_name(text: str) -> str:
    return os.fsdecode(urllib.parse.unquote_to_bytes(text))


def jsonl_line(record: dict) -> str:
    # A file name that is not UTF-8 holds lone surrogates: encoded with backslashreplace
    # they become JSON's own \udcXX escapes, which json.loads reads back as they were.
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_lines(record: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    base = [
        encode_file_name(record.get("file")),
        "" if record.get("index") is None else record["index"],
        record.get("sha256"),
        record.get("serial"),
        record.get("issuer"),
        record.get("subject"),
        {True: "true", False: "false"}.get(record.get("precertificate"), ""),
        record.get("profile"),
    ]
    findings = record.get("findings") or [{}]
    for f in findings:
        row = base + [
            f.get("severity"),
            f.get("code"),
            f.get("message"),
            f.get("path"),
            f.get("validator"),
            record.get("error"),
            record.get("pkilint_error"),
            record.get("mode"),
            encode_file_name(record.get("real_path")),
        ]
        writer.writerow([_clean(v) for v in row])
    return out.getvalue()


def csv_header() -> str:
    return ",".join(CSV_COLUMNS) + "\n"


class Encoded(NamedTuple):
    """A record as the output holds it, made where the record was made (in a parallel scan,
    the worker): the main process then writes bytes and adds up tallies, and the records
    and certificates are not sent back to it (with two workers, the main process's
    unpickling and JSON encoding were the serial part that kept the second core from
    paying off)."""

    counted: bool  # a certificate's record (the progress counts it), not a file's error
    data: bytes  # the record in the output format ("jsonl", "csv"; Parquet takes JSON)
    tally: tuple | None  # what the summary counts (`Summary.tally`)


OUTPUT_FORMATS = ("jsonl", "csv")


def encode_record(item: Item, record: dict, fmt: str) -> Encoded:
    """The item's record as the output of format `fmt` (`OUTPUT_FORMATS`) writes it."""
    line = csv_lines if fmt == "csv" else jsonl_line
    data = line(record).encode("utf-8", "backslashreplace")
    # tuple.__new__: NamedTuple's own __new__ is a Python call more per record.
    return _new_tuple(Encoded, (item.index is not None, data, Summary.tally(record)))


_new_tuple = tuple.__new__


class OutputFailed(Exception):
    """Writing the output failed (not a closed pipe); the output ends with a whole record."""

    def __init__(self, error: OSError):
        super().__init__(error.strerror or str(error))
        self.error = error


class _Output:
    """Writes whole records to a file descriptor. When a write fails part way (disk full,
    file size limit), a regular file is cut back to the end of the last whole record."""

    def __init__(self, fd: int):
        self.fd = fd
        self.records = 0  # whole records written
        try:
            self.regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except OSError:
            self.regular = False
        self.append = bool(
            fcntl is not None
            and self.regular
            and fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND
        )

    def _position(self) -> int | None:
        if not self.regular:
            return None
        try:
            if self.append:
                return os.fstat(self.fd).st_size
            return os.lseek(self.fd, 0, os.SEEK_CUR)
        except OSError:
            return None

    def write(self, pieces: list[bytes], records: bool = True) -> int:
        """Writes the pieces (one record each); returns how many; on failure raises
        BrokenPipeError or OutputFailed after counting and keeping the whole ones."""
        data = b"".join(pieces)
        start = self._position()
        view = memoryview(data)
        written = 0
        try:
            while written < len(data):
                written += os.write(self.fd, view[written:])
        except OSError as e:
            whole, end = 0, 0
            for piece in pieces:
                if end + len(piece) > written:
                    break
                end += len(piece)
                whole += 1
            if end != written and start is not None:
                try:
                    os.ftruncate(self.fd, start + end)
                    if not self.append:
                        os.lseek(self.fd, start + end, os.SEEK_SET)
                except OSError:
                    pass
            if records:
                self.records += whole
            if isinstance(e, BrokenPipeError):
                raise
            raise OutputFailed(e) from None
        if records:
            self.records += len(pieces)
        return len(pieces)


def _open_output(path: str, append: bool, stop) -> int | None:
    """The output's file descriptor; waits (stoppably) for the reader of a FIFO; None when
    stopped while waiting."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    nonblocking = getattr(os, "O_NONBLOCK", 0) if fcntl is not None else 0
    while True:
        try:
            fd = os.open(path, flags | nonblocking, 0o666)
            break
        except OSError as e:
            if e.errno != errno.ENXIO or not nonblocking or not _is_fifo(path):
                raise
        if stop():  # a FIFO nobody reads yet: wait for its reader, as a blocking open
            return None
        time.sleep(0.1)
    if nonblocking:
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~nonblocking)
    return fd


def _is_fifo(path: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


class Summary:
    """Counts by code, for the end of a scan (also over records of an earlier, resumed run)."""

    def __init__(self):
        self.certificates = 0
        self.certificates_with_findings = 0
        self.errors = 0
        # Certificates pkilint could not decode: only the semantic rules ran on them.
        self.pkilint_undecodable = 0
        self.resumed = 0
        # (severity, code) -> [findings, certificates]
        self.by_code: dict[tuple[str, str], list[int]] = {}

    def add(self, record: dict) -> None:
        self.add_tally(self.tally(record))

    @staticmethod
    def tally(record: dict) -> tuple | None:
        """What the summary counts of a record, small enough to send between processes:
        None for an error, else (pkilint could not decode it, its (severity, code)s)."""
        if record.get("error") is not None:
            return None
        undecodable = bool(record.get("pkilint_error"))
        findings = record.get("findings")
        if not findings:  # most records
            return (undecodable, ())
        return (undecodable, tuple([(f["severity"], f["code"]) for f in findings]))

    def add_tally(self, tally: tuple | None) -> None:
        if tally is None:
            self.errors += 1
            return
        self.certificates += 1
        undecodable, keys = tally
        if undecodable:
            self.pkilint_undecodable += 1
        if keys:
            self.certificates_with_findings += 1
        seen = set()
        for key in keys:
            counts = self.by_code.setdefault(key, [0, 0])
            counts[0] += 1
            if key not in seen:
                counts[1] += 1
                seen.add(key)

    def worst_at_or_above(self, threshold: str) -> bool:
        return any(options.at_or_above(s, threshold) for s, _ in self.by_code)

    def rows(self) -> list[tuple[str, str, int, int]]:
        return sorted(
            ((s, c, n, k) for (s, c), (n, k) in self.by_code.items()),
            key=lambda r: (SEVERITIES.index(r[0]), r[1]),
        )


# --- Resume ----------------------------------------------------------------------------------


class Earlier(NamedTuple):
    """What an earlier output holds, for `--resume`."""

    format: str | None  # None: empty
    done: set  # resume keys of the records to keep
    modes: collections.Counter  # mode -> records (None: a record that names none)
    keep: int  # bytes to keep: the whole records (the rest is cut, then done again)


def read_earlier(path: str, summary: Summary) -> Earlier:
    """Reads an earlier output line by line (the set of keys is the one thing that grows
    with it), adding its records to `summary`. Changes nothing in the file."""
    modes: collections.Counter = collections.Counter()
    done: set = set()
    with open(path, "rb") as f:
        first = f.readline()
        if not first.endswith(b"\n"):  # empty, or half a first line: start afresh
            return Earlier(None, done, modes, 0)
        if first.startswith(b"{"):
            keep = 0
            for line in _whole_lines(f, first):
                try:
                    record = json.loads(line)
                except ValueError:
                    record = None
                if isinstance(record, dict):
                    modes[record.get("mode")] += 1
                    done.add(_key_of(record))
                    summary.add(record)
                    summary.resumed += 1
                keep += len(line)
            return Earlier("jsonl", done, modes, keep)
        header = first.decode("utf-8", "replace").rstrip("\r\n")
        if header == ",".join(_OLD_CSV_COLUMNS):
            raise ValueError(
                "it was written by an older version of this tool, whose records do not "
                "say their mode: write a new output"
            )
        if header != csv_header().rstrip("\n"):
            raise ValueError("it is neither this tool's JSON Lines nor its CSV output")
        return _read_csv(f, len(first), summary, modes, done)


def _whole_lines(f, first: bytes | None = None) -> Iterator[bytes]:
    if first is not None:
        yield first
    for line in f:
        if not line.endswith(b"\n"):
            return  # half a line (a scan killed hard): cut, and its record done again
        yield line


def _key_of(record: dict) -> tuple[str, str]:
    return resume_key(
        record.get("real_path") or record.get("file"), record.get("index")
    )


def _read_csv(f, offset: int, summary: Summary, modes, done) -> Earlier:
    # One line per row; a record is the rows of one (real path, index) in a row. The last
    # record is not kept: nothing tells whether all its rows were written.
    record, key, start = None, None, offset
    for line in _whole_lines(f):
        row = next(csv.reader([line.decode("utf-8", "surrogateescape")]), [])
        if len(row) == len(CSV_COLUMNS):
            r = dict(zip(CSV_COLUMNS, row))
            row_key = resume_key(
                decode_file_name(r["real_path"] or r["file"]), r["index"] or None
            )
            if row_key != key:
                if record is not None:
                    done.add(key)
                    summary.add(record)
                    summary.resumed += 1
                modes[r["mode"] or None] += 1
                record, key, start = {"findings": []}, row_key, offset
                if r["error"]:
                    record["error"] = r["error"]
                if r["pkilint_error"]:
                    record["pkilint_error"] = r["pkilint_error"]
            if r["code"]:
                record["findings"].append(
                    {"severity": r["severity"], "code": r["code"]}
                )
        offset += len(line)
    return Earlier("csv", done, modes, start if record is not None else offset)


def _mode_problem(path: str, modes: collections.Counter, mode: str) -> str | None:
    if not modes or set(modes) == {mode}:
        return None
    if None in modes:
        return (
            f"cannot resume {path}: {_count(modes[None], 'record')} in it do not say "
            "which mode wrote them (an older version of this tool): write a new output"
        )
    other = next(m for m in modes if m != mode)
    semantic = other == SEMANTIC_ONLY
    return (
        f"{path} was written by {'a semantic-only' if semantic else 'a full'} scan "
        f"({_count(modes[other], 'record')}): resume it "
        f"{'with' if semantic else 'without'} --semantic-only, or write a new output"
    )


# --- Progress --------------------------------------------------------------------------------


class Progress:
    """tqdm's bar on standard error, in certificates: done, rate, and (when the input could
    be counted up front) share and ETA. Its clock starts with the first record, so start-up
    (workers, pkilint's import) does not drag the rate down."""

    def __init__(self, stream: IO[str], total: int | None, initial: int = 0):
        self.stream = stream
        self.total = total if total is None else max(total, initial)
        self.initial = initial
        self.bar = None

    def update(self, n: int = 1) -> None:
        if self.bar is None:
            import tqdm

            # No monitor thread: worker processes are forked from this one.
            tqdm.tqdm.monitor_interval = 0
            # A terminal that reports no size (a bare pseudo-terminal) would get no bar.
            sized = _columns(self.stream) > 0
            self.bar = tqdm.tqdm(
                total=self.total,
                initial=self.initial,
                unit="cert",
                file=self.stream,
                leave=True,  # its last state (count, time, rate) stays above the summary
                dynamic_ncols=sized,
                ncols=None if sized else 80,
                nrows=None if sized else 24,
                mininterval=0.25,
                smoothing=0.1,
            )
        self.bar.update(n)

    def write(self, text: str) -> None:
        if self.bar is not None:
            self.bar.clear()
        self.stream.write(text + "\n")
        self.stream.flush()
        if self.bar is not None:
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _columns(stream) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


# --- The command -----------------------------------------------------------------------------


class _Stop:
    """Set by SIGINT/SIGTERM/SIGHUP: the scan stops after whole records. A second signal
    stops the process at once (default action): a write to a reader that never reads, say.
    """

    def __init__(self):
        self.signal: int | None = None

    def __call__(self) -> bool:
        return self.signal is not None

    def handler(self, signum, frame) -> None:
        if self.signal is not None:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        self.signal = signum


def _install_handlers(handler) -> dict:
    """`handler` for SIGINT, SIGTERM and SIGHUP (not SIGHUP under nohup); the handlers it
    replaced, to put back. Also `scan --scheduler`'s (distributed.py)."""
    previous = {}
    # (SIGXFSZ, a file size limit, is ignored by Python: the write fails with EFBIG and
    # the output is cut back to whole records, as on a full disk.)
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            if name == "SIGHUP" and signal.getsignal(number) == signal.SIG_IGN:
                continue  # nohup: stay immune
            previous[number] = signal.signal(number, handler)
        except (ValueError, OSError):  # not the main thread: no signal handling
            pass
    return previous


def run(args, stdout=None, stderr: IO[str] = sys.stderr, stdin=None) -> int:
    """`scan` with parsed command-line arguments; returns the exit status."""
    started = time.monotonic()
    from pkilint_semantic_dn import ct_input

    problem = ct_input.check_arguments(args)
    if problem:
        return _usage(stderr, problem)
    if getattr(args, "scheduler", None):
        from pkilint_semantic_dn import distributed

        return distributed.run(args, sys.modules[__name__], stderr)
    # pkilint logs a traceback for each validator exception it turns into a finding; the
    # finding is in the output, the traceback would only flood the terminal.
    logging.getLogger("pkilint").setLevel(logging.CRITICAL)
    try:
        chosen = options.rule_selection(args)
    except options.UsageError as e:
        return _usage(stderr, str(e))
    fmt = args.format
    mode = mode_name(args.semantic_only)
    summary = Summary()
    done: set = set()
    earlier = None
    if args.resume:
        if not args.output:
            return _usage(
                stderr, "--resume needs --output FILE (the output to continue)"
            )
        try:
            info = os.stat(args.output)
        except FileNotFoundError:
            info = None
        except OSError as e:
            return _usage(stderr, f"cannot resume from {args.output}: {e.strerror}")
        if info is not None:
            if not stat.S_ISREG(info.st_mode):
                return _usage(
                    stderr, f"cannot resume from {args.output}: not a regular file"
                )
            try:
                earlier = read_earlier(args.output, summary)
            except (OSError, ValueError) as e:
                reason = e.strerror if isinstance(e, OSError) and e.strerror else e
                return _usage(stderr, f"cannot resume from {args.output}: {reason}")
            if earlier.format not in (None, fmt):
                return _usage(
                    stderr,
                    f"{args.output} holds {earlier.format} output: resume with "
                    f"--format {earlier.format}",
                )
            problem = _mode_problem(args.output, earlier.modes, mode)
            if problem:
                return _usage(stderr, problem)
            done = earlier.done

    stop = _Stop()
    previous = _install_handlers(stop.handler)
    show_progress = args.progress if args.progress is not None else stderr.isatty()
    progress = None
    counts = InputCounts()
    broken_pipe = False
    failure: OSError | None = None
    output = None
    fd = None
    name = args.output or "standard output"
    try:
        if args.output:
            try:
                if earlier is not None and earlier.keep < os.path.getsize(args.output):
                    os.truncate(args.output, earlier.keep)  # a half record: done again
                fd = _open_output(args.output, args.resume, stop)
            except OSError as e:
                failure = e
        else:
            sys.stdout.flush()
            fd = sys.stdout.fileno()
        if fd is not None:
            if fmt == "parquet":
                from pkilint_semantic_dn.parquet_io import ParquetOutput

                output = ParquetOutput(fd, OutputFailed)
            else:
                output = _Output(fd)
            if show_progress:
                total = ct_input.count_total(
                    args.paths, getattr(args, "input_format", "files")
                )
                resumed = sum(1 for _, index in done if index != "")
                progress = Progress(stderr, total, resumed if total else 0)
            header = fmt == "csv" and (earlier is None or earlier.keep == 0)
            _scan(
                args,
                output,
                header,
                done,
                counts,
                summary,
                chosen,
                stop,
                progress,
                stderr,
            )
    except BrokenPipeError:
        broken_pipe = True
    except OutputFailed as e:
        failure = e.error
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if progress is not None:
            progress.close()
        if hasattr(output, "close"):  # Parquet: the last row group and the footer
            try:
                output.close()
            except OutputFailed as e:
                failure = failure or e.error
        if args.output and fd is not None:
            os.close(fd)

    elapsed = time.monotonic() - started
    written = output.records if output is not None else 0
    if stop.signal is not None:
        status = 128 + stop.signal
    elif broken_pipe:
        status = 141
    elif failure is not None:
        status = EXIT_OUTPUT_FAILED
    elif summary.errors or summary.pkilint_undecodable:
        status = 2  # some input could not be read, or not linted by pkilint
    elif summary.worst_at_or_above(args.fail_on):
        status = 1
    else:
        status = 0
    report = summary_report(
        summary, counts, args, elapsed, written, status, stop.signal, chosen
    )
    if failure is not None:
        report["output_error"] = {
            "output": name,
            "error": failure.strerror or str(failure),
            "opened": output is not None,
            # --resume continues a regular file only (not a device, pipe or terminal).
            "resumable": bool(args.output) and (output is None or output.regular),
            "out_of_space": failure.errno in _OUT_OF_SPACE,
            "records_written": written,
        }
    if args.summary:
        try:
            with open(args.summary, "w", encoding="utf-8") as f:
                json.dump(report, f, ensure_ascii=False, indent=2)
                f.write("\n")
        except OSError as e:
            if status < EXIT_OUTPUT_FAILED:
                report["exit_status"] = status = EXIT_OUTPUT_FAILED
            print(f"{_PROG}: cannot write {args.summary}: {e.strerror}", file=stderr)
    try:
        _print_summary(report, stderr)
    except (BrokenPipeError, ValueError):
        pass  # standard error closed by its reader: nobody to tell
    return status


def _scan(args, output, header, done, counts, summary, chosen, stop, progress, stderr):
    """Records to the output, in batches of whole records; flushed whenever the input
    pauses, so records follow a slow producer."""
    if header:
        output.write([csv_header().encode()], records=False)
    fmt = "csv" if args.format == "csv" else "jsonl"  # Parquet takes JSON
    batch: list[Encoded] = []

    def flush() -> None:
        if not batch:
            return
        before = output.records
        try:
            output.write([out.data for out in batch])
        finally:
            # What is in the output counts, and nothing else (a failed write kept the
            # whole records only).
            for out in batch[: output.records - before]:
                summary.add_tally(out.tally)
            batch.clear()

    def notice(text: str) -> None:
        text = f"{_PROG}: {text} (Ctrl-C stops)"
        if progress is not None:
            progress.write(text)
        else:
            print(text, file=stderr, flush=True)

    skip = (lambda key, i: resume_key(key, i) in done) if done else None
    try:
        for _, out in iter_records(
            args.paths,
            args.semantic_only,
            args.jobs,
            skip,
            counts,
            stop,
            disabled=chosen.disabled,
            severity=args.severity,
            on_idle=flush,
            notice=notice,
            input_format=getattr(args, "input_format", "files"),
            der_column=getattr(args, "der_column", "der"),
            encode=fmt,
        ):
            batch.append(out)
            if progress is not None and out.counted:
                progress.update()
            if len(batch) >= 64:
                flush()
    except Interrupted:
        pass  # stopped while reading: what was read is linted and written below
    flush()


def _usage(stderr, message: str) -> int:
    print(f"{_PROG}: error: {message}", file=stderr)
    return 2


def summary_report(
    summary, counts, args, elapsed, scanned, status, signum, chosen=None
) -> dict:
    enabled = disabled = None
    if chosen is not None:
        disabled = sorted(selection.resolve(options.option_names(args.disable))[0])
        if args.enable:
            enabled = sorted(selection.resolve(options.option_names(args.enable))[0])
    return {
        "mode": mode_name(args.semantic_only),
        "files": counts.files,
        "files_without_certificates": counts.files_without_certificates,
        "skipped_objects": counts.skipped_objects,
        "special_files_skipped": counts.special_files,
        "special_files": [
            {"path": path, "kind": kind} for path, kind in counts.special_examples
        ],
        "repeated_files": counts.repeated_files,
        "records_this_run": scanned,
        "records_from_earlier_run": summary.resumed,
        "certificates": summary.certificates,
        "certificates_with_findings": summary.certificates_with_findings,
        "errors": summary.errors,
        "pkilint_undecodable": summary.pkilint_undecodable,
        "elapsed_seconds": round(elapsed, 3),
        "records_per_second": round(scanned / elapsed, 1) if elapsed > 0 else None,
        "interrupted": signal.Signals(signum).name if signum else None,
        "output_error": None,
        "report_severity": args.severity,
        "severity_threshold": args.fail_on,
        "switched_off": {
            "environment": sorted(chosen.from_environment) if chosen else [],
            "options": sorted(chosen.from_options) if chosen else [],
            "disable": disabled or [],
            "enabled_only": enabled,
        },
        "exit_status": status,
        "by_code": [
            {"severity": s, "code": c, "findings": n, "certificates": k}
            for s, c, n, k in summary.rows()
        ],
    }


def _print_summary(report: dict, stderr: IO[str]) -> None:
    lines = []
    if report["interrupted"]:
        lines.append(
            f"scan interrupted ({report['interrupted']}): the output holds whole records "
            "only; run again with --resume to continue"
        )
    failed = report.get("output_error")
    if failed:
        text = f"{_PROG}: cannot write {failed['output']}: {failed['error']}"
        if failed["opened"]:
            text += (
                f"; {_count(failed['records_written'], 'whole record')} written (the "
                "output ends with a whole record)"
            )
        if failed["out_of_space"] and failed["resumable"]:
            text += "; make room and run again with --resume to continue"
        lines.append(text)
    earlier = report["records_from_earlier_run"]
    lines.append(
        f"scanned {_count(report['records_this_run'], 'record')} in "
        f"{_count(report['files'], 'file')}, "
        f"{report['elapsed_seconds']:.1f} s ({report['records_per_second'] or 0:,.0f}/s, "
        f"{report['mode']})"
        + (f"; {_count(earlier, 'record')} from the earlier run" if earlier else "")
    )
    lines.append(
        f"certificates: {report['certificates']:,}, with findings: "
        f"{report['certificates_with_findings']:,}; unreadable inputs: {report['errors']:,}"
        + (
            f"; files without certificates: {report['files_without_certificates']:,}"
            if report["files_without_certificates"]
            else ""
        )
        + (
            f"; pkilint could not decode {report['pkilint_undecodable']:,} "
            "(semantic rules only)"
            if report.get("pkilint_undecodable")
            else ""
        )
    )
    special = report.get("special_files_skipped")
    if special:
        named = ", ".join(f"{s['path']} ({s['kind']})" for s in report["special_files"])
        more = special - len(report["special_files"])
        lines.append(
            f"skipped {_count(special, 'special file')} "
            f"({'not regular files' if special > 1 else 'not a regular file'}): {named}"
            + (f" and {more:,} more" if more > 0 else "")
        )
    if report.get("repeated_files"):
        lines.append(
            f"{_count(report['repeated_files'], 'file')} named more than once "
            "(scanned once)"
        )
    lines += _selection_lines(report["switched_off"])
    if report["by_code"]:
        width = max(len(r["code"]) for r in report["by_code"])
        lines.append(f"{'severity':8}  {'code':{width}}  findings  certificates")
        for r in report["by_code"]:
            lines.append(
                f"{r['severity']:8}  {r['code']:{width}}  {r['findings']:8,}  "
                f"{r['certificates']:12,}"
            )
    lines.append(f"exit status {report['exit_status']}")
    stderr.write("\n".join(_safe(line) for line in lines) + "\n")
    stderr.flush()


def _selection_lines(off: dict) -> list[str]:
    lines = []
    if off["environment"]:
        lines.append(
            f"switched off by {config.DISABLE_CODES_VARIABLE}: "
            + ", ".join(off["environment"])
        )
    if off["enabled_only"] is not None:
        others = len(set(off["options"]) - set(off["disable"]))
        lines.append(
            "reported only (--enable): "
            + ", ".join(off["enabled_only"])
            + f"; {_count(others, 'other code')} switched off"
        )
    if off["disable"]:
        lines.append("switched off by --disable: " + ", ".join(off["disable"]))
    return lines


def _safe(text: str) -> str:
    """A line for a terminal: file names may hold control characters."""
    return text if text.isprintable() else _clean(text)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
