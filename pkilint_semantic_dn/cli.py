"""`pkilint-semantic-dn`: `check` a requested subject before issuance, `scan` a corpus after.

    pkilint-semantic-dn check 'C=JP,ST=Tokyo\\, C\\=JP,O=Example'
    pkilint-semantic-dn check --file request.csr --format json
    pkilint-semantic-dn scan certs/ --semantic-only -o findings.jsonl

Exit status of `check`: 0 no finding at or above `--severity` (default WARNING: NOTICEs are
heuristics and must not block issuance), 1 such findings, 2 unusable input. `scan`: 0, 1 as
`check`, 2 when some input could not be read, 128+N when stopped by signal N. Whatever
happens, the user gets a message, never a traceback.

Python API: `check(data, form)` -> `CheckReport`; `scan.iter_records(paths, ...)`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from typing import IO, NamedTuple, Sequence

from pkilint_semantic_dn import __version__
from pkilint_semantic_dn.check import (  # noqa: F401  (the Python API, also from here)
    CheckFinding,
    CheckReport,
    check,
    render_json,
    render_text,
    printable as _printable,
)
from pkilint_semantic_dn.core import dn_input
from pkilint_semantic_dn.core.dn_input import DNInputError
from pkilint_semantic_dn.core.registry import SEVERITIES

DEFAULT_SEVERITY = "WARNING"
PROG = "pkilint-semantic-dn"


# --- Command line ----------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Semantic checks of X.509 Subject DN attribute values, "
        "before issuance (check) and across a corpus (scan).",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = commands.add_parser(
        "check",
        help="check a requested subject: DN string, JSON list or CSR",
        description="Check a requested subject before issuance. The input form is detected "
        "(PEM or DER CSR, JSON list, OpenSSL /C=../O=.. string, else RFC 4514) unless --form "
        "says it. Exit status: 0 clean, 1 findings at or above --severity, 2 unusable input.",
    )
    c.add_argument(
        "subject",
        nargs="?",
        help="the subject as an argument; '-' or nothing reads standard input",
    )
    c.add_argument("-f", "--file", help="read the subject or CSR from this file")
    c.add_argument(
        "--form",
        choices=("auto",) + dn_input.FORMS,
        default="auto",
        help="input form (default: auto)",
    )
    c.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    c.add_argument(
        "--severity",
        choices=SEVERITIES[1:4],
        default=DEFAULT_SEVERITY,
        type=str.upper,
        help=f"lowest severity that makes the exit status 1 (default: {DEFAULT_SEVERITY})",
    )

    s = commands.add_parser(
        "scan",
        help="lint every certificate in files, directories or standard input",
        description="Lint every certificate found (PEM bundles, DER, base64 lines; "
        "directories recursively; '-' is standard input) and write one record per "
        "certificate. Exit status: 0 clean, 1 findings at or above --severity, 2 some input "
        "unreadable, 128+N stopped by signal N (--resume continues).",
    )
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
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _read_check_input(args, stdin: IO[bytes]) -> bytes:
    if args.file is not None:
        if args.subject is not None:
            raise DNInputError("give the subject either as an argument or with --file")
        try:
            with open(args.file, "rb") as f:
                return _bounded(f)
        except OSError as e:
            raise DNInputError(f"cannot read {args.file}: {e.strerror or e}") from None
    if args.subject is not None and args.subject != "-":
        # Undecodable argument bytes come back as they were, and fail as non-UTF-8 input.
        return os.fsencode(args.subject)
    if args.subject is None and sys.stdin is not None and sys.stdin.isatty():
        raise DNInputError("no input: give a subject, --file FILE, or pipe it on stdin")
    return _bounded(stdin)


# A subject, even as a CSR, is a few KiB: more is not a subject (and must not fill memory).
MAX_INPUT = 1 << 20


def _bounded(stream) -> bytes:
    data = stream.read(MAX_INPUT + 1)
    if len(data) > MAX_INPUT:
        raise DNInputError(
            f"the input is larger than {MAX_INPUT:,} bytes: not one subject"
        )
    return data


def run_check(args, stdout: IO[str], stderr: IO[str], stdin: IO[bytes]) -> int:
    form = args.form
    try:
        data = _read_check_input(args, stdin)
        if form == "auto":
            form = dn_input.detect_form(data)
        report = check(data, form)
    except DNInputError as e:
        where = dn_input.FORM_NAMES.get(form, "input")
        if args.format == "json":
            error = {"message": e.message, "line": e.line, "column": e.column}
            stdout.write(json.dumps({"error": error, "exit_status": 2}) + "\n")
        print(f"{PROG} check: error: {where}: {_printable(str(e))}", file=stderr)
        return 2
    status = 1 if report.at_or_above(args.severity) else 0
    render = render_json if args.format == "json" else render_text
    stdout.write(render(report, args.severity, status))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """The console command; returns the exit status and never raises."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:  # argparse: --help, --version, usage errors (status 2)
        return e.code if isinstance(e.code, int) else 2
    try:
        if args.command == "check":
            return run_check(args, sys.stdout, sys.stderr, sys.stdin.buffer)
        from pkilint_semantic_dn import scan

        return scan.run(args, sys.stderr)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 141
    except Exception as e:  # never a traceback: say what failed instead
        print(
            f"{PROG} {args.command}: internal error: {type(e).__name__}: {e} "
            "(please report it to pkilint-semantic-dn)",
            file=sys.stderr,
        )
        return 2


def _silence_stdout() -> None:
    # The reader went away: further writes (at exit) must not raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def run() -> None:
    """Entry point of the console script."""
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        status = status or 141
    sys.exit(status)


if __name__ == "__main__":
    run()
