"""`pkilint-semantic-dn scan` under faults, end to end with real processes: FIFOs, devices and
sockets in a scanned tree, a FIFO named on the command line, a slow producer on standard
input, signals at any moment, the main process killed hard (its workers must go too), a full
disk (`/dev/full`, a file size limit, a small tmpfs), resume with paths spelled differently,
odd file names in CSV output and output written by the other mode.

Every process is bounded in time; one that hangs is killed (with its process group) and the
test fails. No assertion is about how long something took."""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import json
import os
import resource
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

import certs
from helpers import within

OV = certs.PROFILES["tls_br/ov_final_certificate"]
EMBEDDED = "semantic_dn.embedded_attribute_assignment"


def _der(subject, serial) -> bytes:
    attrs = [certs.Attribute(oid, value) for oid, value in subject]
    text = certs.build_certificate(OV, attrs, serial, dns_name="www.example.jp")
    return x509.load_pem_x509_certificate(text.encode()).public_bytes(
        serialization.Encoding.DER
    )


INCIDENT = _der(
    [
        ("2.5.4.6", "JP"),
        ("2.5.4.8", "Tokyo, C=JP"),
        ("2.5.4.7", "Minato-ku"),
        ("2.5.4.10", "Example K.K."),
        ("2.5.4.3", "www.example.jp"),
    ],
    0x2001,
)
CLEAN = _der(
    [
        ("2.5.4.6", "US"),
        ("2.5.4.8", "California"),
        ("2.5.4.7", "Mountain View"),
        ("2.5.4.10", "Example Corporation"),
        ("2.5.4.3", "www.example.com"),
    ],
    0x2002,
)


def pem(der: bytes) -> bytes:
    body = base64.encodebytes(der).replace(b"\n", b"")
    lines = b"".join(body[i : i + 64] + b"\n" for i in range(0, len(body), 64))
    return b"-----BEGIN CERTIFICATE-----\n" + lines + b"-----END CERTIFICATE-----\n"


_SCRIPT = Path(sys.executable).with_name("pkilint-semantic-dn")
COMMAND = (
    [str(_SCRIPT)]
    if _SCRIPT.exists()
    else [sys.executable, "-m", "pkilint_semantic_dn"]
)
ENV = {k: v for k, v in os.environ.items() if not k.startswith("PKILINT_SEMANTIC_DN")}


def start(*args, cwd=None, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, **kw):
    """The scan in a process group of its own, so that a hung one is killed with its
    workers."""
    return subprocess.Popen(
        COMMAND + ["scan", *map(str, args)],
        cwd=cwd,
        env=ENV,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **kw,
    )


def finish(process, timeout=120, stdin=None) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"scan did not finish within {timeout} s")
    out = (out or b"").decode("utf-8", "replace")
    err = err.decode("utf-8", "replace")
    assert "Traceback" not in out + err, err
    return process.returncode, out, err


def scan(*args, cwd=None, timeout=120, **kw) -> tuple[int, str, str]:
    return finish(start(*args, cwd=cwd, **kw), timeout)


def records(text: str) -> list[dict]:
    assert text == "" or text.endswith("\n"), text[-200:]
    return [json.loads(line) for line in text.splitlines()]


class LineReader:
    """Lines from a child's pipe as they come, with a deadline (never a blocking read)."""

    def __init__(self, stream):
        self.fd = stream.fileno()
        self.buffer = b""

    def line(self, timeout=60) -> bytes:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(
                    f"no complete line within {timeout} s: {self.buffer[:200]!r}"
                )
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                data = os.read(self.fd, 65536)
                if not data:
                    pytest.fail(f"end of output, no complete line: {self.buffer!r}")
                self.buffer += data
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line


# --- 1. Non-regular files ------------------------------------------------------------------


def test_special_files_in_a_directory_are_skipped_and_counted(tmp_path):
    """A FIFO (which would block the read forever), a link to /dev/zero (endless) and a socket
    in a scanned tree: skipped, counted and named in the summary; the certificate next to
    them is scanned; no error record (they are not damaged input)."""
    tree = tmp_path / "f"
    tree.mkdir()
    (tree / "a.pem").write_bytes(pem(INCIDENT))
    os.mkfifo(tree / "b.fifo")
    (tree / "c.zero").symlink_to("/dev/zero")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tree / "d.sock"))
    summary = tmp_path / "summary.json"
    try:
        status, out, err = scan(
            "--semantic-only", tree, "--summary", summary, timeout=60
        )
    finally:
        listener.close()
    assert status == 1, err  # the incident's ERROR; the special files are no error
    assert [(Path(r["file"]).name, r["index"]) for r in records(out)] == [("a.pem", 0)]
    assert "skipped 3 special files (not regular files)" in err
    assert "b.fifo (FIFO)" in err and "c.zero (character device)" in err
    assert "d.sock (socket)" in err
    report = json.loads(summary.read_text())
    assert report["special_files_skipped"] == 3
    assert report["errors"] == 0
    # Named on the command line, a socket cannot be read: an error record that says why.
    status, out, _ = scan("--semantic-only", tree / "d.sock", timeout=60)
    assert status == 2
    assert [r["error"] for r in records(out)] == ["cannot read: it is a socket"]


def test_a_fifo_named_on_the_command_line_is_read_as_it_comes(tmp_path):
    """Named explicitly (as `<(...)` process substitution does), a FIFO is read like standard
    input: opening it does not block, records come as the writer writes."""
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    process = start("--semantic-only", "-j", "1", fifo)
    try:
        reader = LineReader(process.stdout)
        with open(fifo, "wb") as writer:  # waits for the scan to open its end
            writer.write(pem(INCIDENT))
            writer.flush()
            first = json.loads(reader.line())  # while the writer is still open
            writer.write(pem(CLEAN))
        second = json.loads(reader.line())
    finally:
        status, rest, err = finish(process, 60)
    assert (first["index"], second["index"]) == (0, 1)
    assert first["findings"][0]["code"] == EMBEDDED and rest == ""
    assert status == 1, err


@pytest.mark.parametrize("explicit", [True, False])
def test_a_handed_over_file_that_became_a_fifo_is_not_waited_on(tmp_path, explicit):
    """A worker reads a handed-over file that the main process saw as regular. Replaced by
    a FIFO in between (nobody writing), it must not make the worker wait for a writer: named
    on the command line it is an error record, found in a directory a skipped special file.
    """
    from pkilint_semantic_dn import corpus

    fifo = tmp_path / "was.pem"
    os.mkfifo(fifo)
    f = corpus._File(str(fifo), str(fifo), explicit, None)
    counts = corpus.InputCounts()
    items = within(10, lambda: corpus.read_file(f, counts))
    if explicit:
        assert [(i.index, i.der, i.error) for i in items] == [
            (
                None,
                None,
                "cannot read: it became a FIFO during the scan (scan it on its own to "
                "read it as it comes)",
            )
        ]
        assert counts.special_files == 0
    else:
        assert items == []
        assert counts.special_examples == [(str(fifo), "FIFO")]


def test_a_handed_over_file_that_became_a_directory_says_so(tmp_path):
    from pkilint_semantic_dn import corpus

    (tmp_path / "was.pem").mkdir()
    f = corpus._File(str(tmp_path / "was.pem"), None, True, None)
    items = corpus.read_file(f, corpus.InputCounts())
    assert [i.error for i in items] == [
        "cannot read: it became a directory during the scan"
    ]


def test_files_not_handed_over_are_read_whatever_they_are():
    """A Dask partition's files were not looked at before: one named on the command line
    is read as the local scan reads it (`/dev/null`: no certificate, not "it became").
    """
    from pkilint_semantic_dn import corpus

    f = corpus._File("/dev/null", "/dev/null", True, None)
    read = corpus.read_file(f, corpus.InputCounts(), handed_over=False)
    local = [
        i._replace(real_path="/dev/null") for i in corpus.iter_items(["/dev/null"])
    ]
    assert [(i.index, i.error) for i in read] == [(i.index, i.error) for i in local]
    assert [i.error for i in read] == ["no certificate found"]


def test_a_scan_whose_handed_over_file_becomes_a_fifo_ends(tmp_path, monkeypatch):
    """The race end to end: the file is replaced by a FIFO just before a worker reads it;
    the two-worker scan still ends, with an error record for that file and the others
    linted."""
    from pkilint_semantic_dn import scan

    tree = tmp_path / "in"
    tree.mkdir()
    for name, der in (("a.pem", INCIDENT), ("b.pem", CLEAN)):
        (tree / name).write_bytes(pem(der))
    original = scan.read_file
    parent = os.getpid()

    def read_file(f, counts):
        if f.path.endswith("a.pem") and os.getpid() != parent:
            os.unlink(f.path)
            os.mkfifo(f.path)
        return original(f, counts)

    monkeypatch.setattr(scan, "read_file", read_file)  # inherited by forked workers
    paths = [str(tree / "a.pem"), str(tree / "b.pem")]
    found = within(60, lambda: list(scan.iter_records(paths, True, jobs=2)))
    assert [(Path(i.file).name, i.index, r.get("error")) for i, r in found] == [
        (
            "a.pem",
            None,
            "cannot read: it became a FIFO during the scan (scan it on its own to "
            "read it as it comes)",
        ),
        ("b.pem", 0, None),
    ]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_a_scan_waiting_on_a_fifo_without_writer(tmp_path, signum):
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    process = start("--semantic-only", fifo)
    try:
        # The scan says it is waiting (and on what) once nothing came for a while.
        deadline = time.monotonic() + 60
        err = b""
        while b"waiting for data" not in err and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stderr], [], [], 1)
            if ready:
                err += os.read(process.stderr.fileno(), 4096)
        assert b"waiting for data on " + str(fifo).encode() in err
        process.send_signal(signum)
    finally:
        status, out, rest = finish(process, 60)
    assert status == 128 + signum
    assert out == "" and "interrupted" in rest


# --- 2. Standard input -----------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_records_follow_a_slow_producer_on_standard_input(jobs):
    """Each certificate's record comes out while standard input is still open (the producer
    has not finished); a signal then stops the scan at once, with whole records."""
    process = start("--semantic-only", "-j", jobs, "-", stdin=subprocess.PIPE)
    try:
        reader = LineReader(process.stdout)
        process.stdin.write(pem(INCIDENT))
        process.stdin.flush()
        first = json.loads(reader.line())
        process.stdin.write(b"text between certificates\n" + pem(CLEAN))
        process.stdin.flush()
        second = json.loads(reader.line())
        process.send_signal(
            signal.SIGTERM
        )  # stdin still open: the scan is waiting on it
        status, rest, err = finish(process, 60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert [(r["file"], r["index"]) for r in (first, second)] == [("-", 0), ("-", 1)]
    assert rest == ""
    assert status == 128 + signal.SIGTERM
    assert "scan interrupted (SIGTERM)" in err and "scanned 2 records" in err


def test_ctrl_c_stops_a_scan_reading_standard_input():
    process = start("--semantic-only", "-", stdin=subprocess.PIPE)
    try:
        reader = LineReader(process.stdout)
        process.stdin.write(pem(CLEAN))
        process.stdin.flush()
        reader.line()
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        status, _, err = finish(process, 60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert status == 128 + signal.SIGINT
    assert "scan interrupted (SIGINT)" in err


# --- 3. Workers die with the main process ----------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_exit_when_the_main_process_is_killed(tmp_path):
    big = tmp_path / "big.pem"
    big.write_bytes((pem(INCIDENT) + pem(CLEAN)) * 400)
    output = tmp_path / "out.jsonl"
    process = start("-j", "2", "-o", output, big)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            workers = _children(process.pid)
            if len(workers) >= 2 and output.exists() and output.stat().st_size:
                break
            time.sleep(0.05)
        assert len(workers) == 2 and process.poll() is None
        process.kill()  # SIGKILL: no handler, no clean-up in the main process
        process.wait(30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(map(_alive, workers)):
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived the scan"
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


# --- 4. Resume -------------------------------------------------------------------------------


def test_resume_recognises_a_file_however_its_path_is_spelled(tmp_path):
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    (corpora / "x.pem").write_bytes((pem(INCIDENT) + pem(CLEAN)) * 3)
    (tmp_path / "link").symlink_to(corpora)
    out = tmp_path / "out.jsonl"
    status, _, err = scan("--semantic-only", "-o", out, "corpora/x.pem", cwd=tmp_path)
    assert status == 1, err
    first = out.read_text()
    assert len(records(first)) == 6
    spellings = [
        ("./corpora/x.pem", tmp_path),
        (corpora / "x.pem", tmp_path),
        ("corpora//./x.pem", tmp_path),
        ("link/x.pem", tmp_path),
        ("x.pem", corpora),  # from another working directory
        ("corpora", tmp_path),  # the directory holding it
    ]
    for path, cwd in spellings:
        status, _, err = scan("--semantic-only", "--resume", "-o", out, path, cwd=cwd)
        assert status == 1, err
        assert "scanned 0 records" in err and "6 records from the earlier run" in err
        assert out.read_text() == first, path


def test_a_file_named_twice_in_one_run_is_scanned_once(tmp_path):
    (tmp_path / "x.pem").write_bytes(pem(INCIDENT))
    status, out, err = scan(
        "--semantic-only",
        "x.pem",
        "./x.pem",
        tmp_path / "x.pem",
        tmp_path,
        cwd=tmp_path,
    )
    assert status == 1
    assert [(r["file"], r["index"]) for r in records(out)] == [("x.pem", 0)]
    assert "3 files named more than once (scanned once)" in err


ODD_NAMES = [
    "tab\there.pem",
    "new\nline.pem",
    "carriage\rreturn.pem",
    "back\\slash.pem",
    "per%41cent.pem",
    'quote",comma.pem',
    "bell\x07.pem",
    "ünïcödé.pem",
    "zero\u200bwidth.pem",
    os.fsdecode(b"latin1-\xe9.pem"),  # not UTF-8: a lone surrogate in Python
]


@pytest.fixture
def odd_tree(tmp_path) -> Path:
    tree = tmp_path / "odd"
    tree.mkdir()
    for k, name in enumerate(ODD_NAMES):
        (tree / name).write_bytes(pem(INCIDENT if k % 2 else CLEAN))
    return tree


def test_csv_file_names_are_reversible_and_resume_finds_them(odd_tree, tmp_path):
    out = tmp_path / "out.csv"
    status, _, err = scan("--semantic-only", "--format", "csv", "-o", out, odd_tree)
    assert status == 1, err
    complete = out.read_bytes()
    lines = complete.decode("utf-8").split("\n")
    rows = list(csv.DictReader(io.StringIO(complete.decode("utf-8"))))
    assert len(lines) == len(rows) + 2  # one row per line (header, rows, final newline)
    names = {os.fsdecode(urllib.parse.unquote_to_bytes(r["file"])) for r in rows}
    assert names == {str(odd_tree / n) for n in ODD_NAMES}
    real = {os.fsdecode(urllib.parse.unquote_to_bytes(r["real_path"])) for r in rows}
    assert real == {os.path.realpath(odd_tree / n) for n in ODD_NAMES}
    assert {r["mode"] for r in rows} == {"semantic-only"}
    status, _, err = scan(
        "--semantic-only", "--format", "csv", "--resume", "-o", out, odd_tree
    )
    assert status == 1, err
    # The last record is done again (CSV cannot tell a record cut between two rows).
    assert "scanned 1 record" in err and "9 records from the earlier run" in err
    assert out.read_bytes() == complete


def test_jsonl_resume_with_odd_file_names(odd_tree, tmp_path):
    out = tmp_path / "out.jsonl"
    status, _, err = scan("--semantic-only", "-o", out, odd_tree)
    assert status == 1, err
    complete = out.read_bytes()
    assert {r["file"] for r in records(complete.decode())} == {
        str(odd_tree / n) for n in ODD_NAMES
    }
    status, _, err = scan("--semantic-only", "--resume", "-o", out, odd_tree)
    assert "scanned 0 records" in err and out.read_bytes() == complete


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize(
    "first, then",
    [([], ["--semantic-only"]), (["--semantic-only"], [])],
    ids=["full-then-semantic", "semantic-then-full"],
)
def test_resume_refuses_output_written_in_the_other_mode(tmp_path, fmt, first, then):
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(pem(INCIDENT) + pem(CLEAN))
    out = tmp_path / f"out.{fmt}"
    status, _, err = scan(*first, "-j", "1", "--format", fmt, "-o", out, bundle)
    assert status == 1, err
    before = out.read_bytes()
    status, _, err = scan(
        *then, "-j", "1", "--format", fmt, "--resume", "-o", out, bundle
    )
    written = "a semantic-only scan" if first else "a full scan"
    assert status == 2
    assert f"{out} was written by {written} (2 records)" in err
    assert out.read_bytes() == before


def test_resume_refuses_a_device(tmp_path):
    status, _, err = scan("--resume", "-o", "/dev/full", tmp_path, timeout=30)
    assert status == 2
    assert "cannot resume from /dev/full: not a regular file" in err


# --- 5. A full disk ----------------------------------------------------------------------------


def _complete_records(bundle) -> list[dict]:
    status, out, err = scan("--semantic-only", bundle)
    assert status == 1, err
    return records(out)


@pytest.mark.parametrize("where", ["option", "stdout"])
def test_a_full_disk_is_its_own_exit_status(tmp_path, where):
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(pem(INCIDENT) * 5)
    if where == "option":
        status, _, err = scan("--semantic-only", "-o", "/dev/full", bundle)
        name = "/dev/full"
    else:
        with open("/dev/full", "wb") as full:
            status, _, err = scan("--semantic-only", bundle, stdout=full)
        name = "standard output"
    assert status == 3, err
    assert f"cannot write {name}: No space left on device" in err
    assert "0 whole records written" in err
    assert "scanned 0 records" in err  # the summary is still there
    assert err.rstrip().endswith("exit status 3")


def _fill_then_resume(tmp_path, output: Path, limited: dict, unlimited: dict):
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes((pem(INCIDENT) + pem(CLEAN)) * 100)
    expected = _complete_records(bundle)
    status, _, err = scan("--semantic-only", "-o", output, bundle, **limited)
    assert status == 3, err
    assert "--resume" in err
    partial = records(output.read_text())  # whole records only
    assert 0 < len(partial) < len(expected)
    assert f"{len(partial):,} whole records written" in err
    assert partial == expected[: len(partial)]
    status, _, err = scan(
        "--semantic-only", "--resume", "-o", output, bundle, **unlimited
    )
    assert status == 1, err
    final = records(output.read_text())
    assert final == expected  # every record exactly once, in order


def test_a_file_size_limit_then_resume_gives_every_record_once(tmp_path):
    """RLIMIT_FSIZE (`ulimit -f`): the write fails with EFBIG instead of SIGXFSZ killing the
    scan; the output is cut back to whole records and `--resume` completes it."""

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))

    _fill_then_resume(tmp_path, tmp_path / "out.jsonl", {"preexec_fn": limit}, {})


@pytest.fixture
def small_filesystem(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_full_filesystem_then_resume_gives_every_record_once(
    tmp_path, small_filesystem
):
    def grow():
        subprocess.run(
            ["mount", "-o", "remount,size=4m", str(small_filesystem)], check=True
        )

    output = small_filesystem / "out.jsonl"
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes((pem(INCIDENT) + pem(CLEAN)) * 100)
    expected = _complete_records(bundle)
    status, _, err = scan("--semantic-only", "-o", output, bundle)
    assert status == 3, err
    assert "No space left on device" in err and "--resume" in err
    partial = records(output.read_text())
    assert 0 < len(partial) < len(expected)
    grow()
    status, _, err = scan("--semantic-only", "--resume", "-o", output, bundle)
    assert status == 1, err
    assert records(output.read_text()) == expected


# --- Signals while the output is blocked ------------------------------------------------------


def _wait_until_blocked_writing(process, timeout=60) -> None:
    """Until the scan sits in a write to its full standard output pipe."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if "pipe_write" in Path(f"/proc/{process.pid}/wchan").read_text():
                return
        except OSError:
            pass
        time.sleep(0.05)
    pytest.fail("the scan never blocked writing its output")


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs /proc")
def test_a_signal_while_the_reader_of_the_output_pauses_ends_after_whole_records(
    tmp_path,
):
    big = tmp_path / "big.pem"
    big.write_bytes((pem(INCIDENT) + pem(CLEAN)) * 1000)
    process = start("--semantic-only", "-j", "1", big)
    try:
        _wait_until_blocked_writing(process)
        process.send_signal(signal.SIGTERM)  # the write in progress is finished first
        status, out, err = finish(process, 60)  # reads again
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    found = records(out)
    assert status == 128 + signal.SIGTERM
    assert 0 < len(found) < 2000
    assert [r["index"] for r in found] == list(range(len(found)))
    assert f"scanned {len(found):,} records" in err


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs /proc")
def test_a_second_signal_stops_at_once(tmp_path):
    """A reader that never reads again: the first signal waits for the write in progress,
    the second ends the scan there and then (its workers with it)."""
    big = tmp_path / "big.pem"
    big.write_bytes((pem(INCIDENT) + pem(CLEAN)) * 1000)
    process = start("--semantic-only", "-j", "2", big)
    try:
        _wait_until_blocked_writing(process)
        workers = _children(process.pid)
        process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert process.poll() is None  # still finishing the write
        process.send_signal(signal.SIGTERM)
        process.wait(30)
        assert process.returncode == -signal.SIGTERM
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(map(_alive, workers)):
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
