"""Helpers of the `tests/test_check_*.py` files: `check` in process and as a real process,
its JSON Schema, and real OpenSSL print-outs of a generated request."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from pkilint_semantic_dn import check

_SCRIPT = Path(sys.executable).with_name("pkilint-semantic-dn")
COMMAND = (
    [str(_SCRIPT)]
    if _SCRIPT.exists()
    else [sys.executable, "-m", "pkilint_semantic_dn"]
)


def environment(**extra: str) -> dict:
    """The test's environment without PKILINT_SEMANTIC_DN* settings, plus `extra`."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PKILINT_SEMANTIC_DN")
    }
    env.update(extra)
    return env


def run_command(*args, stdin=b"", env=None, cwd=None, timeout=120):
    """The console command as a real process: (status, stdout, stderr), never a traceback."""
    done = subprocess.run(
        COMMAND + ["check", *args],
        input=stdin,
        capture_output=True,
        env=environment() if env is None else env,
        cwd=cwd,
        timeout=timeout,
    )
    out = done.stdout.decode("utf-8", "backslashreplace")
    err = done.stderr.decode("utf-8", "backslashreplace")
    assert "Traceback" not in out + err, err
    return done.returncode, out, err


def start(*args, env=None, **popen):
    """`check ARGS` started with pipes, for tests that talk to it while it runs."""
    return subprocess.Popen(
        COMMAND + ["check", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment() if env is None else env,
        **popen,
    )


def run_in_process(*args: str, stdin: bytes = b""):
    """`check ARGS` through check.add_arguments and check.run: (status, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog=check.PROG)
    check.add_arguments(parser)
    parsed = parser.parse_args(list(args))
    out, err = io.StringIO(), io.StringIO()
    status = check.run(parsed, out, err, io.BytesIO(stdin))
    return status, out.getvalue(), err.getvalue()


_VALIDATOR = None


def validate(document: dict) -> dict:
    """`document` checked against the shipped JSON Schema (draft 2020-12); returned."""
    global _VALIDATOR
    if _VALIDATOR is None:
        schema = check.schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATOR = jsonschema.Draft202012Validator(schema)
    _VALIDATOR.validate(document)
    return document


# --- Real OpenSSL --------------------------------------------------------------------------

# Commas, '+', quotes, '<>;', a backslash, '#', spaces at the ends, UTF-8, a multi-valued RDN.
OPENSSL_SUBJ = (
    "/C=JP/ST=Tokyo, C=JP/L=\u6771\u4eac\u90fd \u00dcn\u00ef/"
    'O=Foo \\+ Bar "Q" <x>; y\\\\z/OU=R&D+CN=www.example.jp/CN= lead#trail /CN=#hash/'
    "jurisdictionC=JP/businessCategory=Private Organization/emailAddress=a@example.jp"
)


def require_openssl() -> str:
    found = shutil.which("openssl")
    if found is None:
        pytest.skip("openssl is not installed")
    return found


def openssl(*args: str, cwd: Path, stdin: bytes | None = None) -> bytes:
    done = subprocess.run(
        [require_openssl(), *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout


def make_openssl_request(folder: Path, subj: str = OPENSSL_SUBJ) -> Path:
    """A key and a CSR with `subj` (written by `openssl req -subj`) in `folder`."""
    (folder / "min.cnf").write_text("[req]\ndistinguished_name=dn\n[dn]\n")
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        "key.pem",
        cwd=folder,
    )
    openssl(
        "req",
        "-new",
        "-config",
        "min.cnf",
        "-key",
        "key.pem",
        "-utf8",
        "-subj",
        subj,
        "-out",
        "request.csr",
        cwd=folder,
    )
    return folder / "request.csr"
