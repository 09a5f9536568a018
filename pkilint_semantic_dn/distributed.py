"""`scan --scheduler tcp://HOST:PORT`: the same per-certificate work on a Dask cluster.

Needs the `[dask]` extra (`pip install 'pkilint-semantic-dn[dask]'`): `dask.distributed` and
pyarrow. Every worker must see the inputs and the output directory at the same paths as the
machine that starts the scan (a shared file system; relative paths are taken from the
starting directory), and have this package installed.

Plan: the inputs are cut into partitions, in input order: files grouped by size (about
`partition_size` certificates' worth of bytes), one partition per get-entries file, runs of
data tiles (`partition_size` / 256 tiles), one per Parquet row group. Each partition is one
Dask task, which reads its inputs, lints every certificate exactly as a local `scan` does
(`scan.Linter`) and writes the records to the output directory:

    OUT/_scan.json                 the plan: mode, format, inputs, partition keys
    OUT/part-<key>.<jsonl|csv|parquet>    the records of one partition, input order
    OUT/part-<key>.done.json       its summary; written last: the partition is finished
    OUT/_summary.json              the merged summary (as `--summary` writes it)

Both files of a partition are written to a temporary name and renamed into place, so a
worker killed while writing leaves no partial partition (only a `.tmp` file, removed when a
run completes). A partition is finished when its `.done.json` exists: `--resume` submits the
others only, and merges the earlier summaries; with the same command after the inputs
changed (a log grew: a partial tile is now full) the partitions that changed are removed and
done again, with other paths or options it refuses. A worker lost mid-run costs only the
partitions it had not finished: the scheduler gives them to other workers (one it finished
but whose result the client had not read yet is taken from its `.done.json`), and because a
partition's output is the same whoever writes it, and replaces (never appends to) what is
there, no record is lost or written twice. `part-*.jsonl` in key order (`cat OUT/part-*.jsonl`)
is exactly what a local `scan` of the same inputs writes.

This module never imports `scan` (which dispatches here): `scan` hands itself in as
`toolkit`, and its `Linter` travels to the workers by reference.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import stat
import time
import uuid
from typing import Iterable, Iterator, NamedTuple

from pkilint_semantic_dn import ct_input
from pkilint_semantic_dn.corpus import InputCounts, Item, short_error

EXTRA_HINT = "pip install 'pkilint-semantic-dn[dask]'"
DEFAULT_PARTITION_SIZE = 4096
_BYTES_PER_CERTIFICATE = 2000  # about, in PEM: how many bytes of files make a partition
PLAN, SUMMARY = "_scan.json", "_summary.json"
_EXTENSIONS = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet"}
_PROG = "pkilint-semantic-dn scan"


class MissingExtra(RuntimeError):
    """dask.distributed is not installed."""


def require():
    try:
        import distributed
    except ImportError:
        raise MissingExtra(
            "--scheduler needs dask.distributed, which is not installed: " + EXTRA_HINT
        ) from None
    return distributed


# --- The plan --------------------------------------------------------------------------------


class Partition(NamedTuple):
    key: str  # "<seq>-<digest>": its place in input order, and what it holds
    kind: str  # ct_input.FILES, GET_ENTRIES, TILES, PARQUET
    parts: tuple  # kind's inputs (see _items)
    size: int | None  # certificates expected (progress), None: not known


class Job(NamedTuple):
    """What every partition task needs besides its partition."""

    settings: tuple  # scan.Linter's arguments: semantic_only, disabled, severity
    fmt: str
    output: str  # absolute
    cwd: str  # relative input paths are taken from here
    der_column: str
    linter: type  # scan.Linter
    jsonl_line: object
    csv_lines: object
    csv_header: object
    summary: type  # scan.Summary


def _streamless(f):
    """A file named on the command line that is a FIFO or a socket becomes an error entry:
    a cluster worker cannot be told to stop waiting for its writer, and on another machine
    (or for the client's `/dev/fd/N`) it is not the same stream at all."""
    from pkilint_semantic_dn import corpus

    if f.error is not None or f.path == "-":
        return f
    try:
        mode = os.stat(f.path).st_mode
    except OSError:
        return f  # the worker's read reports it
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        kind = corpus.file_kind(mode)
        return f._replace(
            error=f"cannot read on a cluster: it is a {kind} (scan it without "
            "--scheduler to read it as it comes)"
        )
    return f


def plan(
    paths: Iterable[str],
    input_format: str = ct_input.AUTO,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    counts: InputCounts | None = None,
) -> list[Partition]:
    """The partitions of the inputs, in input order."""
    from pkilint_semantic_dn import corpus

    counts = counts if counts is not None else InputCounts()
    out: list[tuple[str, tuple, int | None]] = []
    files: list[str] = []

    def flush_files() -> None:
        group, size = [], 0
        for f in corpus._input_files(files, counts):
            f = _streamless(f)
            group.append(tuple(f))
            try:
                size += os.path.getsize(f.path) if f.error is None else 0
            except OSError:
                pass
            if size >= partition_size * _BYTES_PER_CERTIFICATE:
                out.append((ct_input.FILES, tuple(group), None))
                group, size = [], 0
        if group:
            out.append((ct_input.FILES, tuple(group), None))
        files.clear()

    for fmt, path in ct_input.resolve(paths, input_format):
        if fmt == ct_input.FILES:
            files.append(path)
            continue
        flush_files()
        if fmt == ct_input.GET_ENTRIES:
            names = ct_input._json_files(path) if os.path.isdir(path) else [path]
            for name in names:
                out.append((fmt, ((name, os.path.realpath(name)),), None))
            if not names:
                out.append(
                    (ct_input.FILES, ((path, None, True, "no log entry found"),), 0)
                )
        elif fmt == ct_input.TILES:
            tiles = ct_input.list_tiles(path, counts)
            if not tiles:
                out.append(
                    (ct_input.FILES, ((path, None, True, "no data tile found"),), 0)
                )
            step = max(1, partition_size // ct_input.TILE_WIDTH)
            for k in range(0, len(tiles), step):
                run = tuple(tuple(t) for t in tiles[k : k + step])
                size = sum(ct_input.TILE_WIDTH if t[2] is None else t[2] for t in run)
                out.append((fmt, run, size))
        elif fmt == ct_input.PARQUET:
            from pkilint_semantic_dn import parquet_io

            groups = parquet_io.row_groups(path)
            if not groups:
                out.append(
                    (ct_input.FILES, ((path, None, True, "no Parquet file found"),), 0)
                )
            seen = set()
            for name, group, first, rows in groups:
                if name not in seen:
                    seen.add(name)
                    counts.files += 1
                out.append((fmt, ((name, group, first),), rows))
    flush_files()
    partitions = []
    for seq, (kind, parts, size) in enumerate(out):
        digest = hashlib.sha256(
            json.dumps([kind, _identity(kind, parts)]).encode("utf-8", "surrogatepass")
        ).hexdigest()[:12]
        partitions.append(Partition(f"{seq:06d}-{digest}", kind, parts, size))
    return partitions


def _identity(kind: str, parts: tuple) -> list:
    """What a partition holds, independent of the directory the scan starts from."""
    if kind == ct_input.FILES:
        return [[p[1] or os.path.abspath(p[0]), p[2], p[3]] for p in parts]
    if kind == ct_input.TILES:
        return [[t[1], t[2], t[3]] for t in parts]
    return [[os.path.realpath(p[0])] + list(p[1:]) for p in parts]


# --- One partition (runs on a worker) --------------------------------------------------------

_LINTERS: dict = {}


def _linter(job: Job):
    key = (job.linter, job.settings)
    if key not in _LINTERS:
        logging.getLogger("pkilint").setLevel(logging.CRITICAL)
        _LINTERS[key] = job.linter(*job.settings)
    return _LINTERS[key]


def _items(part: Partition, job: Job, counts: InputCounts) -> Iterator[Item]:
    from pkilint_semantic_dn import corpus

    def here(path: str) -> str:
        return os.path.join(job.cwd, path)

    if part.kind == ct_input.FILES:
        for path, real, explicit, error in part.parts:
            counts.files += 1
            if error is not None:
                yield Item(path, None, None, error, 0, real)
                continue
            f = corpus._File(here(path), real, explicit, None)
            for item in corpus.read_file(f, counts, handed_over=False):
                yield item._replace(file=path)
    elif part.kind == ct_input.GET_ENTRIES:
        for path, real in part.parts:
            yield from ct_input.iter_get_entries(here(path), path, real, counts)
    elif part.kind == ct_input.TILES:
        for fields in part.parts:
            tile = ct_input.Tile(*fields)
            yield from ct_input.iter_tile(tile, here(tile.path), counts)
    elif part.kind == ct_input.PARQUET:
        from pkilint_semantic_dn import parquet_io

        for path, group, first in part.parts:
            yield from parquet_io.iter_row_group(
                here(path), group, first, job.der_column, name=path
            )
    else:
        raise ValueError(f"unknown partition kind {part.kind!r}")


def data_name(key: str, fmt: str) -> str:
    return f"part-{key}.{_EXTENSIONS[fmt]}"


def done_name(key: str) -> str:
    return f"part-{key}.done.json"


def _write_atomically(path: str, write) -> None:
    """`write(file)` into a temporary file beside `path`, synced, then renamed to `path`."""
    folder, name = os.path.split(path)
    temp = os.path.join(folder, f".{name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def run_partition(part: Partition, job: Job) -> dict:
    """Lints one partition and writes its records and summary; returns the summary."""
    linter = _linter(job)
    counts = InputCounts()
    items = list(_items(part, job, counts))
    if hasattr(linter, "records"):  # warnings switched off once for the partition
        records = linter.records(items)
    else:
        records = [linter.record(item) for item in items]
    target = os.path.join(job.output, data_name(part.key, job.fmt))
    if job.fmt == "parquet":
        from pkilint_semantic_dn import parquet_io

        def write(f):
            parquet_io.require().write_table(
                parquet_io.records_table(records),
                f,
                row_group_size=parquet_io.ROW_GROUP_RECORDS,
            )

    else:

        def write(f):
            if job.fmt == "csv":
                f.write(job.csv_header().encode())
            line = job.csv_lines if job.fmt == "csv" else job.jsonl_line
            for r in records:
                f.write(line(r).encode("utf-8", "backslashreplace"))

    _write_atomically(target, write)
    summary = job.summary()
    for r in records:
        summary.add(r)
    done = {
        "key": part.key,
        "records": len(records),
        "certificates": summary.certificates,
        "certificates_with_findings": summary.certificates_with_findings,
        "errors": summary.errors,
        "pkilint_undecodable": summary.pkilint_undecodable,
        "by_code": [[s, c, n, k] for (s, c), (n, k) in summary.by_code.items()],
        "files": counts.files,
        "files_without_certificates": counts.files_without_certificates,
        "skipped_objects": counts.skipped_objects,
        "special_files": counts.special_files,
        "worker": os.getpid(),
    }
    _write_atomically(
        os.path.join(job.output, done_name(part.key)),
        lambda f: f.write(json.dumps(done).encode()),
    )
    return done


# --- Merging ---------------------------------------------------------------------------------


def merge(summary, counts: InputCounts, done: dict, earlier: bool = False) -> None:
    """Adds a partition's summary to the run's `scan.Summary` and input counts."""
    summary.certificates += done["certificates"]
    summary.certificates_with_findings += done["certificates_with_findings"]
    summary.errors += done["errors"]
    summary.pkilint_undecodable += done["pkilint_undecodable"]
    if earlier:
        summary.resumed += done["records"]
    for s, c, n, k in done["by_code"]:
        held = summary.by_code.setdefault((s, c), [0, 0])
        held[0] += n
        held[1] += k
    counts.files += done["files"]
    counts.files_without_certificates += done["files_without_certificates"]
    counts.skipped_objects += done["skipped_objects"]
    counts.special_files += done.get("special_files", 0)


def finished(output: str) -> dict[str, dict]:
    """key -> summary of every finished partition in an output directory."""
    out = {}
    try:
        names = os.listdir(output)
    except FileNotFoundError:
        return out
    for name in names:
        if name.startswith("part-") and name.endswith(".done.json"):
            with open(os.path.join(output, name), encoding="utf-8") as f:
                done = json.load(f)
            out[done["key"]] = done
    return out


def read_output(output: str) -> Iterator[dict]:
    """The records of a finished distributed JSON Lines or Parquet output, in input order
    (the Python API's reader; `cat OUT/part-*.jsonl` gives the same JSON Lines)."""
    with open(os.path.join(output, PLAN), encoding="utf-8") as f:
        fmt = json.load(f)["format"]
    for key in sorted(finished(output)):
        path = os.path.join(output, data_name(key, fmt))
        if fmt == "parquet":
            from pkilint_semantic_dn import parquet_io

            yield from parquet_io.read_records(path)
        elif fmt == "jsonl":
            with open(path, encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)
        else:
            raise ValueError("read_output reads JSON Lines and Parquet outputs")


# --- The command -----------------------------------------------------------------------------


class UsageError(ValueError):
    pass


class Result(NamedTuple):
    summary: object  # scan.Summary, over this run and the earlier one
    counts: InputCounts
    partitions: list  # the plan
    earlier: dict  # key -> summary of the partitions finished by an earlier run
    failures: list  # [{"partition": key, "error": text}] after Dask's retries
    records: int  # written by this run


def _key_of(name: str) -> str:
    """The partition key of a `part-<key>.<...>` file name."""
    return name[len("part-") :].split(".", 1)[0]


def _prepare_output(output: str, resume: bool, header: dict, keys: set) -> dict:
    """Checks (or creates) the output directory; returns the finished partitions to keep."""
    plan_path = os.path.join(output, PLAN)
    if os.path.exists(output) and not os.path.isdir(output):
        raise UsageError(
            f"{output} is not a directory (--scheduler writes a directory)"
        )
    os.makedirs(output, exist_ok=True)
    earlier = finished(output)
    held = [n for n in os.listdir(output) if n == PLAN or n.startswith("part-")]
    if not resume:
        if held:
            raise UsageError(
                f"{output} holds an earlier scan: --resume continues it, or choose a new "
                "directory"
            )
    elif os.path.exists(plan_path):
        with open(plan_path, encoding="utf-8") as f:
            old = json.load(f)
        for field in ("mode", "format"):
            if old.get(field) != header[field]:
                raise UsageError(
                    f"{output} was written with {field} {old.get(field)}, not "
                    f"{header[field]}: resume with the same options, or a new directory"
                )
        # Partition files (finished or not) whose key this plan does not have.
        stale = {n for n in held if n != PLAN and _key_of(n) not in keys}
        same = all(
            old.get(f) == header[f]
            for f in ("inputs", "input_format", "partition_size")
        )
        if stale and not same:
            raise UsageError(
                f"{output} holds partitions that these inputs do not give (other paths "
                "or options than the run continued): resume with the same ones, or "
                "write a new directory"
            )
        # The same command, but what the inputs hold changed (a log grew: its last partial
        # tile became full): those partitions are done again, their old records removed
        # first (the summary, then the data) so that nothing is doubled.
        for name in sorted(stale, key=lambda n: not n.endswith(".done.json")):
            os.unlink(os.path.join(output, name))
            earlier.pop(_key_of(name), None)
    _write_atomically(
        plan_path, lambda f: f.write(json.dumps(header, indent=1).encode())
    )
    return {k: v for k, v in earlier.items() if k in keys}


def _connect(scheduler):
    dist = require()
    if isinstance(scheduler, dist.Client):
        return scheduler, False
    return dist.Client(scheduler, timeout="20s"), True


def execute(
    toolkit,
    paths: list[str],
    output: str,
    scheduler,
    *,
    semantic_only: bool = False,
    fmt: str = "jsonl",
    resume: bool = False,
    input_format: str = ct_input.AUTO,
    der_column: str = "der",
    partition_size: int | None = None,
    disabled: Iterable[str] | None = None,
    severity: str | None = None,
    progress=None,
    retries: int = 2,
) -> Result:
    """Runs a distributed scan. `toolkit` is the `scan` module; `scheduler` an address or a Client;
    `progress` an object with `update(n)` (scan.Progress) or None."""
    from pkilint_semantic_dn.core import selection

    if "-" in paths:
        raise UsageError("standard input cannot be scanned on a cluster")
    if fmt == "parquet":
        from pkilint_semantic_dn import parquet_io

        try:
            parquet_io.require()
        except parquet_io.MissingExtra as e:
            raise UsageError(str(e)) from None
    output = os.path.abspath(output)
    if resume and partition_size is None:  # the partitions of the run continued
        try:
            with open(os.path.join(output, PLAN), encoding="utf-8") as f:
                partition_size = json.load(f).get("partition_size")
        except (OSError, ValueError):
            pass
    partition_size = partition_size or DEFAULT_PARTITION_SIZE
    counts = InputCounts()
    partitions = plan(paths, input_format, partition_size, counts)
    # The Linter's arguments (the workers encode the records themselves, as `job.fmt`).
    settings = (
        semantic_only,
        selection.environment_disabled() if disabled is None else frozenset(disabled),
        severity or toolkit.REPORT_SEVERITY,
    )
    header = {
        "mode": toolkit.mode_name(semantic_only),
        "format": fmt,
        "inputs": list(paths),
        "input_format": input_format,
        "partition_size": partition_size,
        "partitions": [p.key for p in partitions],
    }
    dist = require()
    client, own = _connect(scheduler)  # before the output is touched: it may fail
    try:
        return _execute(
            toolkit,
            dist,
            client,
            output,
            resume,
            header,
            partitions,
            settings,
            der_column,
            counts,
            progress,
            retries,
        )
    finally:
        if own:
            client.close()


def _execute(
    toolkit,
    dist,
    client,
    output,
    resume,
    header,
    partitions,
    settings,
    der_column,
    counts,
    progress,
    retries,
) -> Result:
    earlier = _prepare_output(output, resume, header, {p.key for p in partitions})
    summary = toolkit.Summary()
    for done in earlier.values():
        merge(summary, counts, done, earlier=True)
    job = Job(
        tuple(settings),
        header["format"],
        output,
        os.getcwd(),
        der_column,
        toolkit.Linter,
        toolkit.jsonl_line,
        toolkit.csv_lines,
        toolkit.csv_header,
        toolkit.Summary,
    )
    todo = [p for p in partitions if p.key not in earlier]
    failures: list[dict] = []
    written = 0
    if todo:
        token = uuid.uuid4().hex[:8]
        futures = {
            client.submit(
                run_partition,
                p,
                job,
                key=f"semantic-dn-{p.key}-{token}",
                pure=False,
                retries=retries,
            ): p
            for p in todo
        }
        try:
            for future in dist.as_completed(futures):
                part = futures[future]
                done, error = _outcome(
                    future, dist.wait, lambda: _written_summary(output, part.key)
                )
                if error is not None:
                    failures.append({"partition": part.key, "error": error})
                    continue
                merge(summary, counts, done)
                written += done["records"]
                if progress is not None:
                    progress.update(done["records"])
                future.release()
        except BaseException:
            client.cancel(list(futures))
            raise
    if not failures:
        _remove_temporaries(output)
    return Result(summary, counts, partitions, earlier, failures, written)


_LOSSES_WAITED = 8


def _written_summary(output: str, key: str) -> dict | None:
    """The summary a finished task of this run wrote (None: none, or unreadable). A
    partition still to do has no `.done.json` when the run starts (`_prepare_output`).
    """
    try:
        with open(os.path.join(output, done_name(key)), encoding="utf-8") as f:
            done = json.load(f)
    except (OSError, ValueError):
        return None
    return done if isinstance(done, dict) and done.get("key") == key else None


def _outcome(future, wait, written) -> tuple[dict | None, str | None]:
    """A partition's summary and None, or None and why its task failed.

    A partition can finish and then lose its result with its worker before it is read here
    (status "lost"; it was once counted as failed, with the message "None"). Its files are
    written by then, the summary last: that summary is its result, and the future is let go
    so that the scheduler need not lint the partition again. Without the file, the
    scheduler's new run of it (this client still holds the future) is waited for.
    """
    if future.status == "lost":
        done = written()
        if done is not None:
            future.release()
            return done, None
    for _ in range(_LOSSES_WAITED):
        if future.status not in ("lost", "pending"):
            break
        wait(future)
    status = future.status
    if status == "finished":
        try:
            return future.result(), None
        except Stopped:
            raise
        except Exception as e:  # lost again while being gathered, or cancelled
            return None, short_error(e)
    if status == "error":
        return None, short_error(future.exception())
    if status in ("lost", "pending"):
        return None, f"its result was lost {_LOSSES_WAITED} times with its workers"
    return None, f"its task was {status}"


def _remove_temporaries(output: str) -> None:
    for name in os.listdir(output):
        if name.startswith(".part-") and name.endswith(".tmp"):
            try:
                os.unlink(os.path.join(output, name))
            except OSError:
                pass


class Stopped(Exception):
    """SIGINT, SIGTERM or SIGHUP during a distributed run: its tasks are cancelled."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum, frame):
    raise Stopped(signum)


def run(args, toolkit, stderr) -> int:
    """`scan --scheduler`: the command line's distributed run; returns the exit status."""
    from pkilint_semantic_dn import options

    started = time.monotonic()
    if not args.output:
        return toolkit._usage(
            stderr, "--scheduler needs --output DIRECTORY (shared with the workers)"
        )
    try:
        require()
        chosen = options.rule_selection(args)
    except MissingExtra as e:
        return toolkit._usage(stderr, str(e))
    except options.UsageError as e:
        return toolkit._usage(stderr, str(e))
    show = args.progress if args.progress is not None else stderr.isatty()
    progress = None
    if show:
        total = ct_input.count_total(args.paths, args.input_format)
        progress = toolkit.Progress(stderr, total, 0)
    previous = toolkit._install_handlers(_raise_stopped)
    try:
        summary, counts, partitions, earlier, failures, written = execute(
            toolkit,
            args.paths,
            args.output,
            args.scheduler,
            semantic_only=args.semantic_only,
            fmt=args.format,
            resume=args.resume,
            input_format=args.input_format,
            der_column=args.der_column,
            partition_size=args.partition_size,
            disabled=chosen.disabled,
            severity=args.severity,
            progress=progress,
        )
    except UsageError as e:
        return toolkit._usage(stderr, str(e))
    except OSError as e:
        print(f"{_PROG}: cannot reach the cluster or the output: {e}", file=stderr)
        return 2
    except Stopped as e:
        if progress is not None:
            progress.close()
            progress = None
        print(
            f"{_PROG}: stopped ({signal.Signals(e.signum).name}): the finished "
            f"partitions are in {args.output}; run again with --resume to continue",
            file=stderr,
        )
        return 128 + e.signum
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if progress is not None:
            progress.close()
    elapsed = time.monotonic() - started
    if failures:
        status = toolkit.EXIT_OUTPUT_FAILED
    elif summary.errors or summary.pkilint_undecodable:
        status = 2
    elif summary.worst_at_or_above(args.fail_on):
        status = 1
    else:
        status = 0
    report = toolkit.summary_report(
        summary, counts, args, elapsed, written, status, None, chosen
    )
    report["distributed"] = {
        "scheduler": str(args.scheduler),
        "output_directory": os.path.abspath(args.output),
        "partitions": len(partitions),
        "partitions_from_earlier_run": len(earlier),
        "partitions_failed": failures,
    }
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    for path in [os.path.join(args.output, SUMMARY)] + (
        [args.summary] if args.summary else []
    ):
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            print(f"{_PROG}: cannot write {path}: {e.strerror}", file=stderr)
    toolkit._print_summary(report, stderr)
    if failures:
        print(
            f"{_PROG}: {len(failures)} of {len(partitions)} partitions failed (first: "
            f"{failures[0]['error']}); run again with --resume to do them",
            file=stderr,
        )
    print(
        f"{_PROG}: {len(partitions)} partitions in {args.output} "
        f"({len(earlier)} from the earlier run)",
        file=stderr,
    )
    return status
