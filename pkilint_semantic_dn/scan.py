"""`scan`: lint every certificate of a corpus, in parallel, streaming, resumable.

Certificates are found in files and directories (recursive) and on standard input, as
`corpus.py` reads them (PEM bundles, DER, base64 lines). Each certificate becomes one record:
its identity (file, index within the file, SHA-256, serial, issuer, subject) and its findings,
either from full pkilint linting with this plugin (profile as `--detect` chooses it) or, with
`semantic_only`, from the semantic DN rules alone on the parsed subject.

The main process reads the input and writes records in input order; worker processes lint.
At most a few chunks are in flight, so memory does not grow with the corpus. Output goes out
in whole lines only, one write per batch, so an interrupted scan leaves valid JSON Lines / CSV
that `resume` continues.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import io
import itertools
import json
import logging
import os
import signal
import sys
import time
import warnings
from typing import IO, Callable, Iterable, Iterator

from pkilint_semantic_dn.core import config, engine, registry, selection
from pkilint_semantic_dn.core.registry import SEVERITIES
from pkilint_semantic_dn.corpus import (
    InputCounts,
    Item,
    identify,
    iter_items,
    short_error,
    total_input_bytes,
)

# Findings below this are not reported (pkilint's own `lint` default).
REPORT_SEVERITY = "INFO"
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
)

_SUBJECT_PATH = "certificate.tbsCertificate.subject.rdnSequence"


def severity_at_or_above(severity: str, threshold: str) -> bool:
    return SEVERITIES.index(severity) <= SEVERITIES.index(threshold)


# --- Command line ----------------------------------------------------------------------------

HELP = "lint every certificate in files, directories or standard input"
DESCRIPTION = (
    "Lint every certificate found (PEM bundles, DER, base64 lines; "
    "directories recursively; '-' is standard input) and write one record per "
    "certificate. Exit status: 0 clean, 1 findings at or above --severity, 2 some input "
    "unreadable, 128+N stopped by signal N (--resume continues)."
)
DEFAULT_SEVERITY = "WARNING"


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
        "--format", choices=("jsonl", "csv"), default="jsonl", help="output format"
    )
    s.add_argument(
        "-o", "--output", help="write records here (default: standard output)"
    )
    s.add_argument(
        "--resume",
        action="store_true",
        help="append to --output, skipping certificates (file, index) it already holds",
    )
    s.add_argument(
        "--summary", metavar="FILE", help="also write the summary by code as JSON here"
    )
    s.add_argument(
        "--severity",
        choices=SEVERITIES[1:5],
        default=DEFAULT_SEVERITY,
        type=str.upper,
        help=f"lowest severity that makes the exit status 1 (default: {DEFAULT_SEVERITY})",
    )
    progress = s.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress",
        dest="progress",
        action="store_const",
        const=True,
        default=None,
        help="show the progress line even when standard error is not a terminal",
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
    """Turns items into records; one per process (pkilint validators are built once)."""

    def __init__(self, semantic_only: bool):
        self.semantic_only = semantic_only
        self.disabled = selection.environment_disabled()
        self.engine = engine.Engine(disabled=self.disabled)
        # rule name -> validator name: records name the validator pkilint would.
        self.validator_names = {r.name: r.validator for r in self.engine.rules}
        if not semantic_only:
            prepare_full_lint()

    def record(self, item: Item) -> dict:
        record: dict = {"file": item.file, "index": item.index}
        if item.error is not None:
            record["error"] = item.error
            return record
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # cryptography's about odd certificates
                return self._lint(record, item)
        except Exception as e:  # one bad certificate never stops the scan
            record["error"] = f"cannot lint: {short_error(e)}"
            return record

    def _lint(self, record: dict, item: Item) -> dict:
        der = item.der
        try:
            who = identify(der)
        except Exception as e:
            record["sha256"] = hashlib.sha256(der).hexdigest()
            record["error"] = f"not a decodable certificate: {short_error(e)}"
            return record
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
            return record
        try:
            record["profile"], record["findings"] = self._full(item)
        except PkilintCannotDecode as e:
            # The subject was parsed: its rules still run, and the record says why pkilint
            # has no findings (a full scan must never report less than a semantic-only one).
            record["pkilint_error"] = str(e)
            record["findings"] = self._semantic(who.subject_rdns)
        return record

    def _semantic(self, rdns) -> list[dict]:
        pairs, paths = [], []
        for r, rdn in enumerate(rdns):
            for a, pair in enumerate(rdn):
                pairs.append(pair)
                paths.append(f"{_SUBJECT_PATH}.{r}.{a}")
        return [
            {
                "severity": h.severity,
                "code": h.code,
                "message": h.message,
                "path": paths[h.index],
                "validator": self.validator_names.get(h.rule),
            }
            for h in self.engine.check(pairs)
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
        return profile, [
            {
                "severity": f.severity,
                "code": f.code,
                "message": f.message,
                "path": f.node_path,
                "validator": f.validator,
            }
            for f in findings
            if severity_at_or_above(f.severity, REPORT_SEVERITY)
        ]


class PkilintCannotDecode(ValueError):
    """pkilint's decoder rejects a certificate whose subject the identity walk could read."""


def prepare_full_lint() -> None:
    """Make sure this plugin is in pkilint's factories, also when the start-up hook did not
    run (a source checkout on PYTHONPATH): scan always reports semantic_dn."""
    from pkilint_semantic_dn.adapter import registration

    registration.ensure_installed()


# --- Workers ---------------------------------------------------------------------------------
# A small process pool of our own: multiprocessing.Pool loses a task for good (and hangs)
# when a worker dies, and reads its whole input ahead. Here every worker has its own pipe,
# so the main process knows which chunk a dead worker held: it retries that chunk one
# certificate at a time and records the one that kills a worker again as an error.


def _worker_main(conn, semantic_only: bool) -> None:
    # Ctrl-C reaches the whole process group: the main process decides how to stop. SIGTERM
    # must kill a worker again (the main process's handler was inherited with fork).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    linter = Linter(semantic_only)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        key, items = task
        conn.send((key, [linter.record(item) for item in items]))


class _Worker:
    def __init__(self, context, semantic_only: bool):
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, semantic_only), daemon=True
        )
        self.process.start()
        child.close()
        self.task = None  # (key, items) while busy

    def give(self, task) -> None:
        self.task = task
        self.conn.send(task)

    def stop(self) -> None:
        try:
            self.process.kill()
            self.process.join(5)
        finally:
            self.conn.close()


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def iter_records(
    paths: Iterable[str],
    semantic_only: bool = False,
    jobs: int | None = None,
    skip: Callable[[str, int | None], bool] | None = None,
    counts: InputCounts | None = None,
    stop: Callable[[], bool] | None = None,
    chunk_size: int | None = None,
) -> Iterator[tuple[Item, dict]]:
    """(item, record) for every certificate and read error, in input order.

    `skip(file, index)` leaves out items already done (resume); `stop()` is polled between
    chunks (interruption). With `jobs` > 1 the linting runs in that many processes.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    counts = counts if counts is not None else InputCounts()
    stop = stop or (lambda: False)
    items = iter_items(paths, counts)
    if skip is not None:
        items = (i for i in items if not skip(i.file, i.index))
    size = chunk_size or (256 if semantic_only else 8)
    if jobs == 1:
        linter = Linter(semantic_only)
        for chunk in _chunks(items, size):
            for item in chunk:
                yield item, linter.record(item)
            if stop():
                return
        return
    yield from _parallel(items, semantic_only, jobs, size, stop)


def _parallel(items, semantic_only, jobs, size, stop):
    import multiprocessing
    from multiprocessing.connection import wait

    # Imported once here, inherited by forked workers.
    if semantic_only:
        import cryptography.x509  # noqa: F401
    else:
        prepare_full_lint()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = [_Worker(context, semantic_only) for _ in range(jobs)]
    chunks = _chunks(items, size)
    limit = jobs * 3  # chunks read ahead at most: memory stays flat
    todo: collections.deque = collections.deque()  # tasks ((seq, offset), items)
    slots: dict[int, list] = {}  # seq -> results, None until done
    chunk_items: dict[int, list[Item]] = {}
    next_seq = emitted = 0
    exhausted = False
    try:
        while True:
            while not exhausted and len(slots) < limit and not stop():
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                slots[next_seq] = [None] * len(chunk)
                chunk_items[next_seq] = chunk
                todo.append(((next_seq, 0), chunk))
                next_seq += 1
            for worker in workers:
                if worker.task is None and todo:
                    try:
                        worker.give(todo.popleft())
                    except OSError:  # died while idle: its task is retried below
                        pass
            # Emit finished chunks in input order.
            while emitted in slots and None not in slots[emitted]:
                results = slots.pop(emitted)
                yield from zip(chunk_items.pop(emitted), results)
                emitted += 1
                if stop():
                    return
            if exhausted and not slots:
                return
            if stop():
                return
            busy = {w.conn: w for w in workers if w.task is not None}
            for conn in wait(list(busy), timeout=0.2):
                worker = busy[conn]
                try:
                    (seq, offset), results = conn.recv()
                except (EOFError, OSError):
                    continue  # died: handled below
                slots[seq][offset : offset + len(results)] = results
                worker.task = None
            for i, worker in enumerate(workers):
                if not worker.process.is_alive():
                    workers[i] = _replace(worker, context, semantic_only, todo, slots)
    finally:
        for worker in workers:
            worker.stop()


def _replace(worker: _Worker, context, semantic_only, todo, slots) -> _Worker:
    """A worker died holding a task: retry it one item at a time, or give up on the one
    item that killed a worker twice."""
    code = worker.process.exitcode
    worker.stop()
    if worker.task is None:  # died idle (killed from outside): nothing lost
        return _Worker(context, semantic_only)
    (seq, offset), items = worker.task
    if len(items) > 1:
        for k, item in enumerate(items):
            todo.appendleft(((seq, offset + k), [item]))
    else:
        (item,) = items
        record = {"file": item.file, "index": item.index}
        record["error"] = f"the worker process died while linting it (exit code {code})"
        slots[seq][offset] = record
    return _Worker(context, semantic_only)


# --- Output ----------------------------------------------------------------------------------


def _clean(text) -> str:
    """A CSV field on one line: control characters in values would otherwise split rows."""
    if text is None:
        return ""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def jsonl_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_lines(record: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    base = [
        record.get("file"),
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
        ]
        writer.writerow([_clean(v) for v in row])
    return out.getvalue()


def csv_header() -> str:
    return ",".join(CSV_COLUMNS) + "\n"


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
        if record.get("error") is not None:
            self.errors += 1
            return
        self.certificates += 1
        if record.get("pkilint_error"):
            self.pkilint_undecodable += 1
        findings = record.get("findings") or []
        if findings:
            self.certificates_with_findings += 1
        seen = set()
        for f in findings:
            key = (f["severity"], f["code"])
            counts = self.by_code.setdefault(key, [0, 0])
            counts[0] += 1
            if key not in seen:
                counts[1] += 1
                seen.add(key)

    def worst_at_or_above(self, threshold: str) -> bool:
        return any(severity_at_or_above(s, threshold) for s, _ in self.by_code)

    def rows(self) -> list[tuple[str, str, int, int]]:
        return sorted(
            ((s, c, n, k) for (s, c), (n, k) in self.by_code.items()),
            key=lambda r: (SEVERITIES.index(r[0]), r[1]),
        )


# --- Resume ----------------------------------------------------------------------------------


def _truncate_partial_line(path: str) -> None:
    """Cut a half-written last line (a scan killed hard) so appending starts clean."""
    with open(path, "r+b") as f:
        end = f.seek(0, os.SEEK_END)
        pos = end
        while pos > 0:
            step = min(65536, pos)
            f.seek(pos - step)
            block = f.read(step)
            newline = block.rfind(b"\n")
            if newline != -1:
                cut = pos - step + newline + 1
                if cut != end:
                    f.truncate(cut)
                return
            pos -= step
        f.truncate(0)


def read_done(path: str, summary: Summary) -> tuple[str | None, set[tuple[str, str]]]:
    """(format of the existing output, {(file, index)} already recorded) for `resume`.

    Read line by line; the set of keys is the one thing that grows with the output."""
    _truncate_partial_line(path)
    done: set[tuple[str, str]] = set()
    fmt = None
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        first = f.readline()
        if not first:
            return None, done
        if first.startswith("{"):
            fmt = "jsonl"
            for line in itertools.chain([first], f):
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                done.add((record.get("file"), _index_key(record.get("index"))))
                summary.add(record)
                summary.resumed += 1
        elif first.rstrip("\n") == csv_header().rstrip("\n"):
            fmt = "csv"
            last = None
            record = None
            for row in csv.DictReader(itertools.chain([first], f)):
                key = (row["file"], row["index"])
                if key != last:
                    if record is not None:
                        summary.add(record)
                        summary.resumed += 1
                    record = {"findings": []}
                    if row["error"]:
                        record["error"] = row["error"]
                    if row.get("pkilint_error"):
                        record["pkilint_error"] = row["pkilint_error"]
                    done.add(key)
                    last = key
                if row["code"]:
                    record["findings"].append(
                        {"severity": row["severity"], "code": row["code"]}
                    )
            if record is not None:
                summary.add(record)
                summary.resumed += 1
        else:
            raise ValueError("it is neither this tool's JSON Lines nor its CSV output")
    return fmt, done


def _index_key(index) -> str:
    return "" if index is None else str(index)


# --- Progress --------------------------------------------------------------------------------


class Progress:
    """One self-overwriting line on a terminal: count, rate, share of input and ETA."""

    def __init__(self, stream: IO[str], total_bytes: int | None):
        self.stream = stream
        self.total = total_bytes
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, certificates: int, done_bytes: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 0.25:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        text = f"{certificates:,} certificates  {certificates / elapsed:,.0f}/s"
        if self.total:
            share = min(done_bytes / self.total, 1.0)
            text += f"  {share:4.0%}"
            if share > 0:
                text += f"  ETA {_clock(elapsed * (1 - share) / share)}"
        self.stream.write(f"\r{text}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


# --- The command -----------------------------------------------------------------------------


class _Stop:
    """Set by SIGINT/SIGTERM; the scan stops after the chunk being written."""

    def __init__(self):
        self.signal: int | None = None

    def __call__(self) -> bool:
        return self.signal is not None

    def handler(self, signum, frame) -> None:
        self.signal = signum


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def run(args, stdout=None, stderr: IO[str] = sys.stderr, stdin=None) -> int:
    """`scan` with parsed command-line arguments; returns the exit status."""
    started = time.monotonic()
    # pkilint logs a traceback for each validator exception it turns into a finding; the
    # finding is in the output, the traceback would only flood the terminal.
    logging.getLogger("pkilint").setLevel(logging.CRITICAL)
    fmt = args.format
    summary = Summary()
    done: set = set()
    if args.resume:
        if not args.output:
            return _usage(
                stderr, "--resume needs --output FILE (the output to continue)"
            )
        if os.path.exists(args.output):
            try:
                existing, done = read_done(args.output, summary)
            except (OSError, ValueError) as e:
                return _usage(stderr, f"cannot resume from {args.output}: {e}")
            if existing is not None and existing != fmt:
                return _usage(
                    stderr,
                    f"{args.output} holds {existing} output: resume with --format {existing}",
                )
    # Appending to earlier output: its CSV header is already there.
    header_needed = fmt == "csv" and not (
        args.resume and os.path.exists(args.output) and os.path.getsize(args.output) > 0
    )
    if args.output:
        try:
            mode = (
                os.O_WRONLY | os.O_CREAT | (os.O_APPEND if args.resume else os.O_TRUNC)
            )
            fd = os.open(args.output, mode, 0o666)
        except OSError as e:
            return _usage(stderr, f"cannot write {args.output}: {e.strerror}")
    else:
        sys.stdout.flush()
        fd = sys.stdout.fileno()

    stop = _Stop()
    previous = {
        s: signal.signal(s, stop.handler) for s in (signal.SIGINT, signal.SIGTERM)
    }
    show_progress = args.progress if args.progress is not None else stderr.isatty()
    progress = None
    counts = InputCounts()
    broken_pipe = False
    scanned = 0
    try:
        if show_progress:
            progress = Progress(stderr, total_input_bytes(args.paths))
        if header_needed:
            _write_all(fd, csv_header().encode())
        skip = (lambda f, i: (f, _index_key(i)) in done) if done else None
        line = jsonl_line if fmt == "jsonl" else csv_lines
        batch: list[str] = []
        for item, record in iter_records(
            args.paths, args.semantic_only, args.jobs, skip, counts, stop
        ):
            batch.append(line(record))
            summary.add(record)
            scanned += 1
            if len(batch) >= 64:
                _write_all(fd, "".join(batch).encode("utf-8", "backslashreplace"))
                batch = []
            if progress is not None:
                progress.update(scanned, item.done_bytes)
        if batch:
            _write_all(fd, "".join(batch).encode("utf-8", "backslashreplace"))
    except BrokenPipeError:
        broken_pipe = True
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if progress is not None:
            progress.close()
        if args.output:
            os.close(fd)

    elapsed = time.monotonic() - started
    if stop.signal is not None:
        status = 128 + stop.signal
    elif broken_pipe:
        status = 141
    elif summary.errors or summary.pkilint_undecodable:
        status = 2  # some input could not be read, or not linted by pkilint
    elif summary.worst_at_or_above(args.severity):
        status = 1
    else:
        status = 0
    report = summary_report(
        summary, counts, args, elapsed, scanned, status, stop.signal
    )
    if args.summary:
        try:
            with open(args.summary, "w", encoding="utf-8") as f:
                json.dump(report, f, ensure_ascii=False, indent=2)
                f.write("\n")
        except OSError as e:
            report["exit_status"] = status = 2 if status < 128 else status
            print(f"{_PROG}: cannot write {args.summary}: {e.strerror}", file=stderr)
    try:
        _print_summary(report, stderr)
    except (BrokenPipeError, ValueError):
        pass  # standard error closed by its reader: nobody to tell
    return status


_PROG = "pkilint-semantic-dn scan"


def _usage(stderr, message: str) -> int:
    print(f"{_PROG}: error: {message}", file=stderr)
    return 2


def summary_report(summary, counts, args, elapsed, scanned, status, signum) -> dict:
    return {
        "mode": "semantic-only" if args.semantic_only else "full",
        "files": counts.files,
        "files_without_certificates": counts.files_without_certificates,
        "skipped_objects": counts.skipped_objects,
        "records_this_run": scanned,
        "records_from_earlier_run": summary.resumed,
        "certificates": summary.certificates,
        "certificates_with_findings": summary.certificates_with_findings,
        "errors": summary.errors,
        "pkilint_undecodable": summary.pkilint_undecodable,
        "elapsed_seconds": round(elapsed, 3),
        "records_per_second": round(scanned / elapsed, 1) if elapsed > 0 else None,
        "interrupted": signal.Signals(signum).name if signum else None,
        "severity_threshold": args.severity,
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
    if report["by_code"]:
        width = max(len(r["code"]) for r in report["by_code"])
        lines.append(f"{'severity':8}  {'code':{width}}  findings  certificates")
        for r in report["by_code"]:
            lines.append(
                f"{r['severity']:8}  {r['code']:{width}}  {r['findings']:8,}  "
                f"{r['certificates']:12,}"
            )
    lines.append(f"exit status {report['exit_status']}")
    stderr.write("\n".join(lines) + "\n")
    stderr.flush()


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
