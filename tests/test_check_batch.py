"""`check --batch`: JSON Lines of subjects in, one result per line out (the `--format json`
document plus `line`), as each line arrives. A bad line is an error result and the batch
goes on; the exit status is the worst over the batch (2 > 1 > 0); memory stays bounded
whatever the line lengths; SIGINT/SIGTERM stop after whole results, also while waiting for
input; a full disk is said."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

from check_support import run_command, run_in_process, start, validate
from pkilint_semantic_dn import check

INCIDENT = "C=JP,ST=Tokyo\\, C\\=JP,O=Example"
EMBEDDED = "semantic_dn.embedded_attribute_assignment"
CLEAN = "/C=US/ST=California/O=Example Corporation"


def lines(*items) -> bytes:
    return b"".join(
        (i if isinstance(i, bytes) else json.dumps(i).encode()) + b"\n" for i in items
    )


def results(out: str) -> list[dict]:
    assert out.endswith("\n") or out == ""
    return [validate(json.loads(x)) for x in out.splitlines()]


MIXED = lines(
    INCIDENT,  # 1: a bare string
    {"subject": CLEAN, "form": "openssl"},  # 2
    b"",  # 3: blank, no result
    {"subject": [{"type": "C", "value": "US"}, {"type": "O", "value": "-"}]},  # 4
    b"not json",  # 5
    b"\xff\xfe",  # 6
    {"subject": 5},  # 7
    {"form": "xml", "subject": "CN=x"},  # 8
    b"[" * 100_000,  # 9
    {"subject": 'CN=a"b'},  # 10
    {"subject": "subject=C = JP, O = Example"},  # 11
    {"nothing": 1},  # 12
    ["CN=x"],  # 13: a list that is not one of objects
)


def _check_mixed(docs: list[dict]) -> None:
    assert [d["line"] for d in docs] == [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    by_line = {d["line"]: d for d in docs}
    assert [f["code"] for f in by_line[1]["findings"]] == [EMBEDDED]
    assert (by_line[2]["form"], by_line[2]["exit_status"]) == ("openssl", 0)
    assert by_line[4]["form"] == "json" and by_line[4]["exit_status"] == 1
    assert by_line[11]["form"] == "openssl-oneline"
    errors = {n: d["error"]["message"] for n, d in by_line.items() if "error" in d}
    assert errors == {
        5: "invalid JSON: Expecting value",
        6: "the line is not UTF-8 text (byte 0xff at offset 0)",
        7: '"subject" must be a string or a list of {"type": ..., "value": ...} '
        "objects, not a number",
        8: '"form" must be one of: auto, rfc4514, openssl, openssl-oneline, json, csr; '
        "not 'xml'",
        9: "the JSON nests too deeply: a subject is a list of objects",
        10: "unescaped '\"' inside a value: RFC 4514 requires it escaped: write it as "
        "'\\\"' (or \\22)",
        12: 'the object has no "subject"',
        13: 'a line is a JSON string or an object {"subject": ..., "form": ...}, not a list',
    }
    assert by_line[10]["error"]["column"] == 5
    assert by_line[10]["error"]["form"] == "rfc4514"


def test_batch_in_process():
    status, out, err = run_in_process("--batch", stdin=MIXED)
    _check_mixed(results(out))
    assert status == 2
    assert err == (
        "pkilint-semantic-dn check: 12 lines: 2 passed, 2 failed (--fail-on WARNING), "
        "8 unusable; exit status 2\n"
    )


@pytest.mark.parametrize(
    "stdin, status",
    [
        (lines(CLEAN, CLEAN), 0),
        (lines(CLEAN, INCIDENT, CLEAN), 1),  # a finding at or above --fail-on
        (lines(INCIDENT, b"{", CLEAN), 2),  # an unusable line outranks findings
        (b"", 0),  # nothing to check
    ],
)
def test_exit_status_is_the_worst_over_the_batch(stdin, status):
    assert run_in_process("--batch", stdin=stdin)[0] == status


def test_batch_options_apply_to_every_line():
    stdin = lines("O=E=MC2 Ltd,C=GB", INCIDENT)
    status, out, _ = run_in_process("--batch", "--fail-on", "NOTICE", stdin=stdin)
    assert status == 1 and [d["exit_status"] for d in results(out)] == [1, 1]
    status, out, _ = run_in_process(
        "--batch",
        "-s",
        "ERROR",
        "--disable",
        "embedded_attribute_assignment",
        stdin=stdin,
    )
    docs = results(out)
    assert status == 0 and [d["findings"] for d in docs] == [[], []]
    assert docs[0]["left_out"] == 1  # the NOTICE, below -s ERROR
    assert docs[1]["disabled"]["options"] == [EMBEDDED]
    # --form applies to lines that do not say their form.
    status, out, _ = run_in_process(
        "--batch",
        "--form",
        "rfc4514",
        stdin=lines("/C=US", {"subject": "/C=US", "form": "openssl"}),
    )
    assert [d.get("form", d.get("error", {}).get("form")) for d in results(out)] == [
        "rfc4514",
        "openssl",
    ]


def test_a_csr_in_a_json_string(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.derive_private_key(0xBA7C, ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "JP")])
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(name)
        .sign(key, hashes.SHA256())
    )
    pem = csr.public_bytes(serialization.Encoding.PEM).decode()
    status, out, _ = run_in_process("--batch", stdin=lines({"subject": pem}))
    assert status == 0 and results(out)[0]["form"] == "csr"


def test_batch_usage_errors():
    status, out, err = run_in_process("--batch", "CN=x")
    assert status == 2
    assert err == (
        "pkilint-semantic-dn check: error: --batch reads standard input or --file, not "
        "a subject argument\n"
    )
    assert validate(json.loads(out))["exit_status"] == 2
    status, _, err = run_in_process("--batch", "--format", "text")
    assert status == 2 and "--batch writes JSON Lines" in err
    status, _, err = run_in_process("--batch", "--file", "/nonexistent/batch.jsonl")
    assert status == 2 and "cannot read /nonexistent/batch.jsonl" in err


def test_batch_result_is_the_json_document_plus_the_line():
    document = check.batch_result(json.dumps(INCIDENT).encode(), 7)
    report = check.report_document(check.check(INCIDENT))
    assert document == {"schema_version": 1, "line": 7, **report}
    assert list(document)[:2] == ["schema_version", "line"]


# --- As a real process ---------------------------------------------------------------------


@pytest.mark.slow
def test_command_batch_mixed_lines(tmp_path):
    status, out, err = run_command("--batch", stdin=MIXED)
    _check_mixed(results(out))
    assert status == 2 and err.endswith("8 unusable; exit status 2\n")
    path = tmp_path / "batch.jsonl"
    path.write_bytes(MIXED)
    assert run_command("--batch", "--file", str(path))[1] == out


def _reader(stream) -> queue.Queue:
    found: queue.Queue = queue.Queue()

    def read():
        for line in iter(stream.readline, b""):
            found.put(line)
        found.put(None)

    threading.Thread(target=read, daemon=True).start()
    return found


@pytest.mark.slow
def test_command_streams_a_result_per_line_as_it_comes():
    p = start("--batch")
    try:
        out = _reader(p.stdout)
        for number, subject in enumerate((INCIDENT, CLEAN, "bad"), 1):
            p.stdin.write(lines(subject))
            p.stdin.flush()
            # The result comes while standard input is still open: one line in, one out.
            document = json.loads(out.get(timeout=60))
            assert document["line"] == number
        p.stdin.close()
        assert out.get(timeout=60) is None
        assert p.wait(timeout=60) == 2
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def _open_for_writing(fifo, p):
    """The FIFO's writing end once `p` has opened it for reading; never blocks (a plain
    open would wait for ever if `p` exited without opening it)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as e:  # ENXIO: no reader yet
            assert p.poll() is None, f"check exited ({p.returncode}) before reading"
            assert time.monotonic() < deadline, e
            time.sleep(0.05)
    os.set_blocking(fd, True)
    return open(fd, "wb", buffering=0)


@pytest.mark.slow
def test_command_reads_a_fifo(tmp_path):
    fifo = tmp_path / "subjects"
    os.mkfifo(fifo)
    p = start("--batch", "--file", str(fifo))
    try:
        out = _reader(p.stdout)
        with _open_for_writing(fifo, p) as writer:
            writer.write(lines(INCIDENT))
            assert json.loads(out.get(timeout=60))["line"] == 1
            writer.write(lines(CLEAN))
            assert json.loads(out.get(timeout=60))["line"] == 2
        assert out.get(timeout=60) is None
        assert p.wait(timeout=60) == 1
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_command_stops_on_a_signal_while_waiting_for_input(signum):
    p = start("--batch")
    try:
        out = _reader(p.stdout)
        p.stdin.write(lines(INCIDENT, CLEAN))
        p.stdin.flush()
        first, second = out.get(timeout=60), out.get(timeout=60)
        p.send_signal(signum)  # blocked reading standard input, which stays open
        assert p.wait(timeout=60) == 128 + signum
        assert out.get(timeout=60) is None
        assert [json.loads(x)["line"] for x in (first, second)] == [1, 2]
        err = p.stderr.read().decode()
        assert err == (
            f"pkilint-semantic-dn check: stopped by {signal.Signals(signum).name} after "
            "line 2: 2 lines: 1 passed, 1 failed (--fail-on WARNING), 0 unusable; the "
            "lines after it were not checked\n"
        )
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        p.stdin.close()


@pytest.mark.slow
def test_command_stops_after_whole_results_on_a_signal_mid_batch():
    # Many lines already waiting: whatever line the signal lands on, the output is whole
    # results, numbered 1..N without a gap, and the message names N.
    p = start("--batch")
    try:
        out = _reader(p.stdout)
        p.stdin.write(lines(*([INCIDENT] * 20000)))
        p.stdin.flush()
        assert json.loads(out.get(timeout=60))["line"] == 1
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=60) == 128 + signal.SIGTERM
        got = [1]
        while (line := out.get(timeout=60)) is not None:
            got.append(json.loads(line)["line"])
        assert got == list(range(1, len(got) + 1))
        assert f"after line {got[-1]}:" in p.stderr.read().decode()
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        p.stdin.close()


@pytest.mark.slow
def test_command_full_disk_is_said():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    from check_support import COMMAND, environment

    with open("/dev/full", "w") as full:
        done = subprocess.run(
            COMMAND + ["check", "--batch"],
            input=lines(INCIDENT, CLEAN),
            stdout=full,
            stderr=subprocess.PIPE,
            env=environment(),
            timeout=120,
        )
        single = subprocess.run(
            COMMAND + ["check", INCIDENT],
            stdout=full,
            stderr=subprocess.PIPE,
            env=environment(),
            timeout=120,
        )
    for run in (done, single):
        assert run.returncode == 2
        assert run.stderr.decode() == (
            "pkilint-semantic-dn check: error: cannot write the output: No space left on "
            "device\n"
        )


# Runs a command and writes its peak memory (KiB) to a file. Measured from this small
# process: a child forked by the test process itself would inherit its high-water mark.
_PEAK = """
import os, subprocess, sys
p = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(p.pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


@pytest.mark.slow
def test_command_memory_stays_bounded_on_a_huge_line(tmp_path):
    # 64 MiB in one line, then a subject: the long line is an error result (read past, not
    # kept), the next one is checked. Peak memory stays far below the line's size.
    from check_support import COMMAND, environment

    peak = tmp_path / "peak"
    p = subprocess.Popen(
        [sys.executable, "-c", _PEAK, str(peak), *COMMAND, "check", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    chunk = b"x" * (1 << 20)

    def feed():
        try:
            p.stdin.write(b'"')
            for _ in range(64):
                p.stdin.write(chunk)
            p.stdin.write(b'"\n' + lines(CLEAN))
        finally:
            p.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    out = _reader(p.stdout)
    try:
        first, second = json.loads(out.get(timeout=120)), json.loads(
            out.get(timeout=120)
        )
        assert out.get(timeout=120) is None
        p.wait(timeout=120)
        err = p.stderr.read()
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    writer.join(timeout=60)
    assert first == {
        "schema_version": 1,
        "line": 1,
        "error": {
            "message": "the line is longer than 1,048,576 bytes: not one subject",
            "line": None,
            "column": None,
            "form": None,
        },
        "exit_status": 2,
    }
    assert (second["line"], second["exit_status"]) == (2, 0)
    assert p.returncode == 2, err
    assert int(peak.read_text()) * 1024 < 48 << 20  # ru_maxrss is in KiB on Linux
