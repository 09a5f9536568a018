"""`pkilint-semantic-dn scan`: finding certificates in a corpus (in process), then the console
command end to end on a generated corpus with malformed parts: bundles with garbage between
blocks, DER, base64 lines, a precertificate, unreadable and truncated inputs, interruption
and resume."""

from __future__ import annotations

import base64
import csv
import datetime
import hashlib
import io
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

import certs
from pkilint_semantic_dn import corpus, scan
from pkilint_semantic_dn.core import engine, registry

EMBEDDED = "semantic_dn.embedded_attribute_assignment"
OV = certs.PROFILES["tls_br/ov_final_certificate"]
INCIDENT_SUBJECT = [
    ("2.5.4.6", "JP"),
    ("2.5.4.8", "Tokyo, C=JP"),
    ("2.5.4.7", "Minato-ku"),
    ("2.5.4.10", "Example K.K."),
    ("2.5.4.3", "www.example.jp"),
]
CLEAN_SUBJECT = [
    ("2.5.4.6", "US"),
    ("2.5.4.8", "California"),
    ("2.5.4.7", "Mountain View"),
    ("2.5.4.10", "Example Corporation"),
    ("2.5.4.3", "www.example.com"),
]
INCIDENT_RFC4514 = "CN=www.example.jp,O=Example K.K.,L=Minato-ku,ST=Tokyo\\, C=JP,C=JP"
ISSUER_RFC4514 = (
    "CN=pkilint-semantic-dn Test Issuing CA,O=pkilint-semantic-dn Test CA,C=XX"
)


def build(subject, serial, dns_name="www.example.com") -> bytes:
    attrs = [certs.Attribute(oid, value) for oid, value in subject]
    pem = certs.build_certificate(OV, attrs, serial, dns_name=dns_name)
    return x509.load_pem_x509_certificate(pem.encode()).public_bytes(
        serialization.Encoding.DER
    )


def precertificate(der: bytes) -> bytes:
    """The same certificate with the CT poison extension (RFC 6962 3.1)."""
    cert = x509.load_der_x509_certificate(der)
    builder = (
        x509.CertificateBuilder()
        .subject_name(cert.subject)
        .issuer_name(cert.issuer)
        .public_key(cert.public_key())
        .serial_number(cert.serial_number + 1)
        .not_valid_before(cert.not_valid_before_utc)
        .not_valid_after(cert.not_valid_after_utc)
    )
    for extension in cert.extensions:
        builder = builder.add_extension(extension.value, extension.critical)
    builder = builder.add_extension(x509.PrecertPoison(), critical=True)
    signed = builder.sign(certs._CA_KEY, hashes.SHA256())
    return signed.public_bytes(serialization.Encoding.DER)


def pem(der: bytes, label: str = "CERTIFICATE") -> bytes:
    body = base64.encodebytes(der).replace(b"\n", b"")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return b"".join(
        [f"-----BEGIN {label}-----\n".encode()]
        + [line + b"\n" for line in lines]
        + [f"-----END {label}-----\n".encode()]
    )


def crl_der() -> bytes:
    now = datetime.datetime(2025, 11, 1, tzinfo=datetime.timezone.utc)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(x509.Name.from_rfc4514_string(ISSUER_RFC4514))
        .last_update(now)
        .next_update(now + datetime.timedelta(days=7))
    )
    return builder.sign(certs._CA_KEY, hashes.SHA256()).public_bytes(
        serialization.Encoding.DER
    )


INCIDENT = build(INCIDENT_SUBJECT, 0x1001, "www.example.jp")
CLEAN = build(CLEAN_SUBJECT, 0x1002)
PRECERT = precertificate(CLEAN)
CRL = crl_der()
KEY_PEM = ec.derive_private_key(7, ec.SECP256R1()).private_bytes(
    serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8,
    serialization.NoEncryption(),
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "bundle.pem").write_bytes(
        b"Subject: CN=www.example.jp (openssl x509 -text output)\n"
        + pem(INCIDENT)
        + b"\x00\xff binary garbage \x89PNG\n-----BEGIN nothing\n"
        + pem(CLEAN)
        + KEY_PEM
        + b"more text\n"
        + pem(PRECERT)
    )
    (root / "crl.der").write_bytes(CRL)
    wrapped = base64.encodebytes(PRECERT)  # 76 columns: one certificate over many lines
    (root / "lines.b64").write_bytes(
        base64.b64encode(CLEAN) + b"\n" + base64.b64encode(INCIDENT) + b"\n\n" + wrapped
    )
    (root / "der").mkdir()
    (root / "der" / "two.der").write_bytes(CLEAN + INCIDENT)
    (root / "sub").mkdir()
    (root / "sub" / "garbage.bin").write_bytes(bytes(range(256)) * 8)
    block = pem(INCIDENT)
    (root / "sub" / "broken.pem").write_bytes(block[: len(block) // 2])
    # A CERTIFICATE block that holds a CRL: found, but no decodable certificate.
    (root / "sub" / "bad_block.pem").write_bytes(pem(CRL))
    (root / "sub" / "missing.pem").symlink_to(root / "does-not-exist.pem")
    return root


def expected_identity(der: bytes) -> dict:
    cert = x509.load_der_x509_certificate(der)
    return {
        "sha256": hashlib.sha256(der).hexdigest(),
        "serial": format(cert.serial_number, "x"),
        "issuer": ISSUER_RFC4514,
    }


def semantic_findings(subject) -> list[dict]:
    validators = {r.name: r.validator for r in registry.rules()}
    return [
        {
            "severity": h.severity,
            "code": h.code,
            "message": h.message,
            "path": f"certificate.tbsCertificate.subject.rdnSequence.{h.index}.0",
            "validator": validators.get(h.rule),
        }
        for h in engine.check_subject(subject, disabled=())
    ]


# --- Finding certificates (in process) -------------------------------------------------------


def test_items_in_every_input_form(tree):
    counts = corpus.InputCounts()
    items = list(corpus.iter_items([str(tree)], counts))
    found = [
        (Path(i.file).relative_to(tree).as_posix(), i.index, i.der, i.error)
        for i in items
    ]
    assert [(f, i, d) for f, i, d, e in found if e is None] == [
        ("bundle.pem", 0, INCIDENT),
        ("bundle.pem", 1, CLEAN),
        ("bundle.pem", 2, PRECERT),
        ("lines.b64", 0, CLEAN),
        ("lines.b64", 1, INCIDENT),
        ("lines.b64", 2, PRECERT),
        ("der/two.der", 0, CLEAN),
        ("der/two.der", 1, INCIDENT),
        ("sub/bad_block.pem", 0, CRL),
    ]
    assert [(f, i, e) for f, i, d, e in found if e is not None] == [
        ("sub/broken.pem", 0, "PEM block without END line"),
        ("sub/missing.pem", None, "cannot read: No such file or directory"),
    ]
    assert counts.files == 8
    assert counts.files_without_certificates == 2  # crl.der, garbage.bin
    assert counts.skipped_objects == 2  # the private key block and the CRL


def test_explicit_file_without_certificates_is_an_error(tmp_path):
    empty = tmp_path / "empty.pem"
    empty.write_bytes(b"")
    items = list(corpus.iter_items([str(empty)]))
    assert [(i.index, i.error) for i in items] == [(None, "no certificate found")]


def test_certificate_outline():
    assert corpus.looks_like_certificate(INCIDENT)
    assert not corpus.looks_like_certificate(CRL)
    assert not corpus.looks_like_certificate(b"\x30\x03\x02\x01\x00")


def test_identity_walk_agrees_with_cryptography():
    for der in (INCIDENT, CLEAN, PRECERT):
        cert = x509.load_der_x509_certificate(der)
        subject, issuer, serial = corpus._identify_der(der)
        assert serial == cert.serial_number
        assert subject == corpus._rdns_of(cert.subject)
        assert issuer == corpus._rdns_of(cert.issuer)


def test_a_worker_that_dies_costs_one_certificate(tree, monkeypatch):
    """A certificate that kills its worker process (a crash in native code) becomes an error
    record; the scan goes on with a new worker and loses nothing else."""
    original = scan.Linter.record

    def record(self, item):
        if item.der == INCIDENT and item.file.endswith("two.der"):
            os._exit(3)
        return original(self, item)

    monkeypatch.setattr(scan.Linter, "record", record)  # inherited by forked workers
    paths = [str(tree / "der"), str(tree / "bundle.pem")]
    results = list(scan.iter_records(paths, True, jobs=2))
    assert [(Path(i.file).name, i.index) for i, _ in results] == [
        ("two.der", 0),
        ("two.der", 1),
        ("bundle.pem", 0),
        ("bundle.pem", 1),
        ("bundle.pem", 2),
    ]
    # As the CLI has them: the dead worker's record is encoded like the others.
    encoded = list(scan.iter_records(paths, True, jobs=2, encode="jsonl"))
    assert [json.loads(o.data) for _, o in encoded] == [r for _, r in results]
    assert [o.tally for _, o in encoded][:2] == [(False, ()), None]
    errors = [r.get("error") for _, r in results]
    assert errors == [
        None,
        "the worker process died while linting it (exit code 3)",
        None,
        None,
        None,
    ]


def _counted(counts: corpus.InputCounts) -> dict:
    return dict(vars(counts))


def _scan_both_ways(paths, input_format="files", handed=None):
    """(records, counts) of one process and of two workers. Also checks that the records
    made as the output holds them (`encode`, the CLI's way) are those records encoded, with
    the same counts; `handed` (a list) gets the file names of the certificates that came
    back without their item (read by a worker)."""
    results = {}
    for jobs in (1, 2):
        for fmt in (None, *scan.OUTPUT_FORMATS):  # records first, then encoded
            counts = corpus.InputCounts()
            found = list(
                scan.iter_records(
                    paths,
                    True,
                    jobs=jobs,
                    counts=counts,
                    chunk_size=2,
                    input_format=input_format,
                    encode=fmt,
                )
            )
            if fmt is None:
                results[jobs] = [r for _, r in found], _counted(counts)
                records = results[jobs][0]
                continue
            line = scan.csv_lines if fmt == "csv" else scan.jsonl_line
            assert [(o.data, o.tally, o.counted) for _, o in found] == [
                (
                    line(r).encode("utf-8", "backslashreplace"),
                    scan.Summary.tally(r),
                    r["index"] is not None,
                )
                for r in records
            ]
            assert _counted(counts) == results[jobs][1]
            if jobs == 1:
                assert all(item is not None for item, _ in found)
            elif handed is not None and fmt == "jsonl":
                handed += [
                    Path(json.loads(o.data)["file"]).name
                    for item, o in found
                    if item is None
                ]
    return results


@pytest.mark.parametrize("input_format", ["files", "auto"])  # "auto": the CLI's default
def test_workers_read_the_files_and_the_records_equal_one_process(
    tree, tmp_path, monkeypatch, input_format
):
    """With two workers, regular files up to the size limit are read by the workers (not by
    the main process), bigger ones by the main process; records and input counts are those
    of a one-process scan, in the same order."""
    # Files of at most 1,500 bytes handed over (two.der, broken.pem, bad_block.pem,
    # crl.der), the others read by the main process: both kinds of chunk are used.
    monkeypatch.setitem(scan._HANDED_OVER_BYTES, True, 1500)
    readers = tmp_path / "readers"
    readers.mkdir()
    original = scan.read_file

    def read_file(f, counts):
        (readers / f"{os.getpid()}-{Path(f.path).name}").write_text("")
        return original(f, counts)

    monkeypatch.setattr(scan, "read_file", read_file)  # inherited by forked workers
    handed = []
    results = _scan_both_ways([str(tree)], input_format, handed)
    assert results[2] == results[1]
    assert len(results[1][0]) == 11
    # Encoded, the workers do not send the items of the files they read back (their DER
    # was most of the bytes sent): the records of the small files (crl.der has none).
    assert sorted(handed) == ["bad_block.pem", "broken.pem", "two.der", "two.der"]
    assert results[1][1] == {
        "files": 8,  # missing.pem, a dangling link, is an error record
        "files_without_certificates": 2,  # crl.der, garbage.bin
        "skipped_objects": 2,  # the key in bundle.pem, the CRL in bad_block.pem
        "bytes": sum(p.stat().st_size for p in tree.rglob("*") if p.is_file()),
        "special_files": 0,
        "special_examples": [],
        "repeated_files": 0,
    }
    read = {}
    for marker in readers.iterdir():
        pid, name = marker.name.split("-", 1)
        read.setdefault(name, set()).add(int(pid))
    small = sorted(
        p.name for p in tree.rglob("*") if p.is_file() and p.stat().st_size <= 1500
    )
    assert sorted(read) == small  # every small file, and only those, handed over
    assert all(os.getpid() not in pids for pids in read.values())


def test_a_file_that_kills_its_reader_is_read_by_the_main_process(
    tree, tmp_path, monkeypatch
):
    """A worker that dies while reading a handed-over file (a crash, the OOM killer): the
    file is read by the main process and its certificates are linted one at a time by new
    workers, so nothing is lost."""
    original = scan.read_file
    parent = os.getpid()

    def read_file(f, counts):
        if f.path.endswith("two.der") and os.getpid() != parent:
            os._exit(4)
        return original(f, counts)

    monkeypatch.setattr(scan, "read_file", read_file)
    results = _scan_both_ways([str(tree)])
    assert results[2] == results[1]
    assert not any("died" in (r.get("error") or "") for r in results[2][0])


# --- The console command -----------------------------------------------------------------------

_SCRIPT = Path(sys.executable).with_name("pkilint-semantic-dn")
COMMAND = (
    [str(_SCRIPT)]
    if _SCRIPT.exists()
    else [sys.executable, "-m", "pkilint_semantic_dn"]
)
ENV = {k: v for k, v in os.environ.items() if not k.startswith("PKILINT_SEMANTIC_DN")}


def run(*args, stdin=b"", cwd=None, env=None):
    done = subprocess.run(
        COMMAND + ["scan", *args],
        input=stdin,
        capture_output=True,
        env=ENV if env is None else env,
        timeout=300,
        cwd=cwd,
    )
    out, err = done.stdout.decode(), done.stderr.decode()
    assert "Traceback" not in out + err
    return done.returncode, out, err


def records(text: str) -> list[dict]:
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def by_key(found: list[dict], root: Path) -> dict:
    return {
        (Path(r["file"]).relative_to(root).as_posix(), r["index"]): r for r in found
    }


def test_scan_semantic_only_records(tree):
    status, out, err = run("--semantic-only", "--jobs", "2", str(tree))
    assert status == 2  # findings, and some input could not be read: the error wins
    found = by_key(records(out), tree)
    assert list(found) == [
        ("bundle.pem", 0),
        ("bundle.pem", 1),
        ("bundle.pem", 2),
        ("lines.b64", 0),
        ("lines.b64", 1),
        ("lines.b64", 2),
        ("der/two.der", 0),
        ("der/two.der", 1),
        ("sub/bad_block.pem", 0),
        ("sub/broken.pem", 0),
        ("sub/missing.pem", None),
    ]
    incident = found[("bundle.pem", 0)]
    assert incident == {
        "file": str(tree / "bundle.pem"),
        "index": 0,
        **expected_identity(INCIDENT),
        "subject": INCIDENT_RFC4514,
        "precertificate": False,
        "profile": None,
        "findings": semantic_findings(INCIDENT_SUBJECT),
        "mode": "semantic-only",
        "real_path": os.path.realpath(tree / "bundle.pem"),
    }
    assert incident["findings"][0] == {
        "severity": "ERROR",
        "code": EMBEDDED,
        "message": 'stateOrProvinceName value "Tokyo, C=JP" embeds the attribute assignment '
        '"C=JP" (countryName), which repeats the subject\'s countryName "JP"',
        "path": "certificate.tbsCertificate.subject.rdnSequence.1.0",
        "validator": "EmbeddedAttributeAssignmentValidator",
    }
    clean = found[("der/two.der", 0)]
    assert (
        clean["findings"] == [] and clean["sha256"] == hashlib.sha256(CLEAN).hexdigest()
    )
    assert found[("bundle.pem", 2)]["precertificate"] is True
    assert found[("lines.b64", 2)]["sha256"] == hashlib.sha256(PRECERT).hexdigest()
    assert found[("sub/missing.pem", None)] == {
        "file": str(tree / "sub" / "missing.pem"),
        "index": None,
        "error": "cannot read: No such file or directory",
        "mode": "semantic-only",
        "real_path": None,  # a link to nothing: no real path
    }
    assert found[("sub/broken.pem", 0)]["error"] == "PEM block without END line"
    bad = found[("sub/bad_block.pem", 0)]
    assert bad["sha256"] == hashlib.sha256(CRL).hexdigest()
    assert bad["error"].startswith("not a decodable certificate: ")
    # The summary on stderr: counts by code, no progress bar when stderr is not a terminal.
    assert "\r" not in err
    assert "certificates: 8, with findings: 3; unreadable inputs: 3" in err
    assert f"ERROR     {EMBEDDED}  " in err
    assert err.rstrip().endswith("exit status 2")


def test_scan_full_lint_agrees_with_semantic_only(tree):
    bundle = str(tree / "bundle.pem")
    status, out, _ = run("--jobs", "2", bundle)
    assert status == 1
    full = records(out)
    assert [r["profile"] for r in full] == [
        "tls_br/ov_final_certificate",
        "tls_br/ov_final_certificate",
        "tls_br/ov_pre_certificate",
    ]
    # One implementation of the rules: the plugin's findings inside full pkilint linting are
    # exactly what the semantic-only scan reports from the parsed subject.
    semantic = records(run("--semantic-only", bundle)[1])
    for f, s in zip(full, semantic):
        ours = [x for x in f["findings"] if x["code"].startswith("semantic_dn.")]
        assert ours == s["findings"]
        assert (f["mode"], s["mode"]) == ("full", "semantic-only")
        differ = ("findings", "profile", "mode")
        assert {k: v for k, v in f.items() if k not in differ} == {
            k: v for k, v in s.items() if k not in differ
        }
    # Stock pkilint findings are there too (full linting), e.g. its WARNING on CN in OV.
    codes = {x["code"] for x in full[0]["findings"]}
    assert "cabf.serverauth.ov.common_name_attribute_present" in codes


def test_scan_csv_and_summary_file(tree, tmp_path):
    summary = tmp_path / "summary.json"
    output = tmp_path / "out.csv"
    status, out, _ = run(
        "--semantic-only",
        "--format",
        "csv",
        "-o",
        str(output),
        "--summary",
        str(summary),
        str(tree / "der"),
        str(tree / "sub" / "missing.pem"),
    )
    assert status == 2 and out == ""
    rows = list(csv.DictReader(io.StringIO(output.read_text())))
    assert list(rows[0]) == list(scan.CSV_COLUMNS)
    assert [
        (Path(r["file"]).name, r["index"], r["code"], r["error"]) for r in rows
    ] == [
        ("two.der", "0", "", ""),
        ("two.der", "1", EMBEDDED, ""),
        ("missing.pem", "", "", "cannot read: No such file or directory"),
    ]
    assert rows[1]["subject"] == INCIDENT_RFC4514
    assert rows[1]["precertificate"] == "false"
    report = json.loads(summary.read_text())
    assert report["by_code"] == [
        {"severity": "ERROR", "code": EMBEDDED, "findings": 1, "certificates": 1}
    ]
    assert (report["certificates"], report["errors"], report["exit_status"]) == (
        2,
        1,
        2,
    )


def test_scan_standard_input_and_progress(tree):
    data = (tree / "bundle.pem").read_bytes()
    status, out, err = run("--semantic-only", "--progress", "-", stdin=data)
    assert status == 1
    assert [(r["file"], r["index"]) for r in records(out)] == [
        ("-", 0),
        ("-", 1),
        ("-", 2),
    ]
    # Forced progress bar; standard input cannot be counted up front: no total, no ETA.
    assert "\r" in err and re.search(r"\b3cert \[00:\d\d, ", err), err
    assert "%|" not in err
    # DER on standard input.
    status, out, _ = run("--semantic-only", "-", stdin=CLEAN + INCIDENT)
    assert [r["sha256"] for r in records(out)] == [
        hashlib.sha256(CLEAN).hexdigest(),
        hashlib.sha256(INCIDENT).hexdigest(),
    ]


@pytest.mark.parametrize(
    "data, error",
    [
        (bytes(range(256)) * 4, "no certificate found"),
        (b"", "no certificate found"),
        (pem(INCIDENT)[:-40], "PEM block without END line"),
        (INCIDENT[:-10], "DER data at offset 0 is truncated"),
    ],
)
def test_scan_malformed_explicit_files(tmp_path, data, error):
    path = tmp_path / "input"
    path.write_bytes(data)
    status, out, _ = run("--semantic-only", str(path))
    assert status == 2
    (record,) = records(out)
    assert record["error"] == error


def test_scan_usage_errors(tmp_path):
    status, out, err = run("--resume", str(tmp_path))
    assert status == 2 and out == ""
    assert "--resume needs --output FILE" in err
    other = tmp_path / "out.csv"
    other.write_text(",".join(scan.CSV_COLUMNS) + "\n")
    status, _, err = run("--resume", "-o", str(other), str(tmp_path))
    assert status == 2 and "holds csv output: resume with --format csv" in err


def test_interrupted_scan_leaves_whole_records_and_resumes(tree, tmp_path):
    # Enough work for a full-lint scan to be interrupted in the middle.
    big = tmp_path / "big.pem"
    big.write_bytes((pem(INCIDENT) + pem(CLEAN)) * 300)
    output = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        COMMAND + ["scan", "--jobs", "2", "-o", str(output), str(big)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if output.exists() and output.stat().st_size > 0:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM, err.decode()
    assert b"Traceback" not in err and b"--resume" in err
    first = records(output.read_text())
    assert 0 < len(first) < 600

    # A scan killed hard can leave half a line: resume cuts it and redoes that record.
    with output.open("a") as f:
        f.write('{"file": "' + str(big) + '", "index": 5')
    status, _, err = run("--jobs", "2", "--resume", "-o", str(output), str(big))
    assert status == 1, err
    assert f"{len(first):,} records from the earlier run" in err
    final = records(output.read_text())
    assert [(r["file"], r["index"]) for r in final] == [
        (str(big), i) for i in range(600)
    ]
    assert final[: len(first)] == first
    assert {r["sha256"] for r in final} == {
        hashlib.sha256(INCIDENT).hexdigest(),
        hashlib.sha256(CLEAN).hexdigest(),
    }


def test_csv_resume_appends_without_a_second_header(tree, tmp_path):
    output = tmp_path / "out.csv"
    args = [
        "--semantic-only",
        "--format",
        "csv",
        "-o",
        str(output),
        str(tree / "bundle.pem"),
    ]
    assert run(*args)[0] == 1
    complete = output.read_text()
    lines = complete.splitlines(keepends=True)
    # Header, two records of one row each, half a row: the half row is cut, the last whole
    # record done again (a CSV record is several rows: it may have been cut between two).
    output.write_text("".join(lines[:3]) + lines[3][:10])
    status, _, err = run(*args, "--resume")
    assert status == 1, err
    assert "scanned 2 records" in err and "1 record from the earlier run" in err
    assert output.read_text() == complete


@pytest.mark.slow
def test_full_scan_reports_every_semantic_finding_of_a_semantic_only_scan():
    """On the shared corpora: every (certificate, semantic_dn code) pair of a semantic-only
    scan is in the full scan too, also where pkilint cannot decode the certificate (then the
    record says so in `pkilint_error` and the summary counts it apart)."""
    from helpers import require_corpora

    corpora = str(require_corpora())

    def pairs(semantic_only: bool):
        found, undecodable, summary = set(), 0, scan.Summary()
        for _, record in scan.iter_records([corpora], semantic_only, jobs=2):
            summary.add(record)
            if record.get("pkilint_error"):
                undecodable += 1
            for f in record.get("findings") or ():
                if f["code"].startswith("semantic_dn."):
                    found.add((record["file"], record["index"], f["code"]))
        return found, undecodable, summary

    semantic, _, _ = pairs(True)
    full, undecodable, summary = pairs(False)
    assert semantic and semantic <= full, sorted(semantic - full)[:10]
    assert undecodable > 0 and summary.pkilint_undecodable == undecodable
    # Those certificates are not "unreadable input".
    assert summary.errors < undecodable


# --- Counting up front, the progress bar ---------------------------------------------------


def test_certificates_are_counted_up_front_as_the_scan_finds_them(tree, tmp_path):
    """The progress bar's total: every item that has an index (certificates, and damaged
    ones that become error records), CRLs in DER and PEM keys left out."""
    items = list(corpus.iter_items([str(tree)]))
    assert corpus.count_certificates([str(tree)]) == 10
    assert len([i for i in items if i.index is not None]) == 10
    assert corpus.count_certificates([str(tree), "-"]) is None
    os.mkfifo(tmp_path / "named.fifo")  # counting it would consume (or block on) it
    assert corpus.count_certificates([str(tmp_path / "named.fifo")]) is None
    assert corpus.count_certificates([str(tree)], seconds=-1) is None  # over budget


def test_progress_bar_in_certificates_with_total_rate_and_eta(tmp_path):
    big = tmp_path / "big.pem"
    big.write_bytes((pem(INCIDENT) + pem(CLEAN)) * 60)
    status, out, err = run("--semantic-only", "--progress", "-j", "1", str(big))
    assert status == 1 and len(records(out)) == 120
    frames = [f for f in err.split("\r") if "cert" in f]
    # tqdm's frames: n/total, percentage of certificates, elapsed<ETA, rate in certificates.
    assert frames and all(re.search(r"\d+/120 \[", f) for f in frames), frames
    assert re.search(r"\b120/120 \[\d\d:\d\d<00:00, [\d.]+cert/s\]", err), frames
    assert re.search(r"^\s*0%\|.*\| 0/120 \[00:00<\?, \?cert/s\]", frames[0]), frames[0]
    assert "scanned 120 records" in err  # the summary after the bar is cleared


def _run_on_a_terminal(*args) -> tuple[int, bytes]:
    """The scan with standard error on a pseudo-terminal (standard output a pipe)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        COMMAND + ["scan", *args],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        env=ENV,
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1)
            if ready:
                try:
                    data = os.read(leader, 65536)
                except OSError:  # EIO: the process closed the terminal
                    break
                if not data:
                    break
                seen += data
            elif process.poll() is not None:
                break
        return process.wait(timeout=60), seen
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)


def test_progress_bar_on_a_terminal_only(tmp_path):
    big = tmp_path / "big.pem"
    big.write_bytes((pem(INCIDENT) + pem(CLEAN)) * 40)
    status, seen = _run_on_a_terminal("--semantic-only", "-j", "1", str(big))
    assert status == 1
    assert re.search(rb"\b80/80 \[", seen), seen[-500:]
    assert b"scanned 80 records" in seen
    status, seen = _run_on_a_terminal("--semantic-only", "--no-progress", str(big))
    assert status == 1 and b"cert/s" not in seen


# --- Severity options and rule selection (pkilint's conventions) ---------------------------


def test_severity_filters_what_is_written_and_fail_on_sets_the_exit_status(tmp_path):
    clean = tmp_path / "clean.pem"
    clean.write_bytes(pem(CLEAN))
    summary = tmp_path / "summary.json"
    # Full linting of the clean certificate: stock pkilint WARNINGs (no ERROR).
    status, out, _ = run("-j", "1", str(clean), "--summary", str(summary))
    (record,) = records(out)
    severities = {f["severity"] for f in record["findings"]}
    assert "WARNING" in severities and "ERROR" not in severities
    assert status == 1  # --fail-on WARNING by default
    report = json.loads(summary.read_text())
    assert (report["report_severity"], report["severity_threshold"]) == (
        "INFO",
        "WARNING",
    )
    # --fail-on ERROR (what `--severity ERROR` meant before): WARNINGs do not fail.
    status, again, _ = run("-j", "1", "--fail-on", "error", str(clean))
    assert status == 0 and records(again) == [record]
    # -s filters what is written (as pkilint's -s): nothing below ERROR, so exit 0 too.
    status, out, _ = run("-j", "1", "-s", "ERROR", str(clean))
    (filtered,) = records(out)
    assert filtered["findings"] == [] and status == 0
    status, out, _ = run("-j", "1", "-s", "all", str(clean))
    assert status == 1
    assert len(records(out)[0]["findings"]) >= len(record["findings"])
    status, _, err = run("-s", "LOUD", str(clean))
    assert status == 2 and "invalid choice: 'LOUD'" in err


def test_rule_selection_in_both_modes_and_said_in_the_summary(tmp_path):
    incident = tmp_path / "incident.pem"
    incident.write_bytes(pem(INCIDENT))
    summary = tmp_path / "summary.json"
    for mode in (["--semantic-only"], []):
        status, out, err = run(
            *mode,
            "-j",
            "1",
            "--disable",
            "embedded_attribute_assignment",
            "--summary",
            str(summary),
            str(incident),
        )
        (record,) = records(out)
        assert EMBEDDED not in {f["code"] for f in record["findings"]}
        assert f"switched off by --disable: {EMBEDDED}" in err
        report = json.loads(summary.read_text())
        assert report["switched_off"]["options"] == [EMBEDDED]
        assert report["switched_off"]["environment"] == []
    assert status == 1  # the full scan's stock WARNINGs remain

    env = dict(ENV, PKILINT_SEMANTIC_DN_DISABLE="embedded_attribute_assignment")
    status, out, err = run("--semantic-only", str(incident), env=env)
    assert status == 0 and records(out)[0]["findings"] == []
    assert f"switched off by PKILINT_SEMANTIC_DN_DISABLE: {EMBEDDED}" in err

    status, out, err = run(
        "--semantic-only", "--enable", "placeholder_value", str(incident)
    )
    assert status == 0 and records(out)[0]["findings"] == []
    assert "reported only (--enable): semantic_dn.placeholder_value; " in err
    assert re.search(r"; \d+ other codes switched off", err)


def test_unknown_code_is_a_usage_error(tmp_path):
    incident = tmp_path / "incident.pem"
    incident.write_bytes(pem(INCIDENT))
    status, out, err = run("--disable", "embeded_attribute_assignment", str(incident))
    assert status == 2 and out == ""
    assert err.strip() == (
        "pkilint-semantic-dn scan: error: no such code or rule: "
        "'embeded_attribute_assignment' (did you mean embedded_attribute_assignment?)"
    )
    status, out, _ = run("--enable", "nonsense", str(incident))
    assert status == 2 and out == ""
