"""`check`: a requested subject (DN string, JSON list or CSR) through every rule, before issuance.

The same engine as pkilint's validators and `scan` (`core/engine.py`), plus the checks that
only make sense before a certificate exists (`core/preissuance.py`). Imports neither pkilint
nor pyasn1.

Python API: `check(data, form)` -> `CheckReport`; `render_text` / `render_json` print it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from typing import IO, NamedTuple

from pkilint_semantic_dn.core import dn_input, engine, preissuance, selection
from pkilint_semantic_dn.core.dn_input import DNInputError
from pkilint_semantic_dn.core.registry import SEVERITIES

PROG = "pkilint-semantic-dn check"
DEFAULT_SEVERITY = "WARNING"


class CheckFinding(NamedTuple):
    severity: str
    code: str
    scope: str  # "pkilint": the same finding pkilint reports; "check": before issuance only
    attribute: int  # index into CheckReport.subject.attributes (certificate order)
    message: str
    related: tuple[int, ...] = ()  # the other attributes of a repeated type


class CheckReport(NamedTuple):
    subject: dn_input.ParsedSubject
    findings: tuple[CheckFinding, ...]

    def at_or_above(self, threshold: str) -> list[CheckFinding]:
        limit = SEVERITIES.index(threshold)
        return [f for f in self.findings if SEVERITIES.index(f.severity) <= limit]


def check(data: bytes | str, form: str = "auto", disabled=None) -> CheckReport:
    """Parse a requested subject and run every rule on it, plus the pre-issuance checks.

    `form`: auto, rfc4514, openssl, json or csr. `disabled`: codes to leave out (default:
    PKILINT_SEMANTIC_DN_DISABLE). Raises DNInputError for unusable input.
    """
    subject = dn_input.parse(data, form)
    pairs = subject.pairs()
    disabled = (
        selection.environment_disabled() if disabled is None else frozenset(disabled)
    )
    hits = engine.Engine(disabled=disabled).check(pairs)
    findings = [
        CheckFinding(h.severity, h.code, "pkilint", h.index, h.message) for h in hits
    ]
    reported = {h.index for h in hits}
    repeats = (preissuance.DUPLICATE_ATTRIBUTE, preissuance.REPEATED_ATTRIBUTE_TYPE)
    by_type: dict[str, list[int]] = {}
    for i, (oid, _) in enumerate(pairs):
        by_type.setdefault(oid, []).append(i)
    for index, hit in preissuance.check_subject(pairs, disabled, reported):
        entry = _CHECK_ONLY[hit.code]
        related = ()
        if hit.code in repeats:
            # The other attributes of the type (a few: a hostile DN may have thousands).
            others = (i for i in by_type[pairs[index][0]] if i != index)
            related = tuple(itertools.islice(others, 5))
        findings.append(
            CheckFinding(
                entry.severity, hit.code, entry.scope, index, hit.message, related
            )
        )

    def order(f: CheckFinding):
        a = subject.attributes[f.attribute]
        position = a.column if a.column is not None else f.attribute
        return position, SEVERITIES.index(f.severity), f.code

    return CheckReport(subject, tuple(sorted(findings, key=order)))


# --- Output of check -------------------------------------------------------------------------


def printable(text: str) -> str:
    """Control characters of values shown escaped: they must not act on the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _value_text(value: str | None) -> str:
    if value is None:
        return "(not a character string)"
    return f'"{printable(value)}"'


def render_text(report: CheckReport, threshold: str, status: int) -> str:
    attributes = report.subject.attributes
    width = max((len(a.name) for a in attributes), default=0)
    lines = [
        f"subject ({dn_input.FORM_NAMES[report.subject.form]}, {_plural(len(attributes), 'attribute')}, "
        "certificate order):"
    ]
    for number, a in enumerate(attributes, 1):
        lines.append(
            f"  {number:2}  {a.name:{width}}  {_value_text(a.value)}  ({a.where})"
        )
    if report.findings:
        lines.append("findings:")
        for f in report.findings:
            a = attributes[f.attribute]
            scope = "" if f.scope == "pkilint" else f"  [{f.scope} only]"
            also = "".join(
                f"; also attribute {i + 1}, {attributes[i].where}" for i in f.related
            )
            lines.append(
                f"  {f.severity:7}  {f.code}  (attribute {f.attribute + 1}, {a.where}{also})"
                + scope
            )
            lines.append(f"           {printable(f.message)}")
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    summary = (
        ", ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=_rank)) or "none"
    )
    lines.append(f"findings: {summary}; exit status {status} (--severity {threshold})")
    return "\n".join(lines) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _rank(item) -> int:
    return SEVERITIES.index(item[0])


def render_json(report: CheckReport, threshold: str, status: int) -> str:
    subject = report.subject
    return (
        json.dumps(
            {
                "form": subject.form,
                "subject": [
                    {
                        "type": a.oid,
                        "name": a.name,
                        "value": a.value,
                        "rdn": a.rdn,
                        "where": a.where,
                        "column": a.column,
                        "item": a.item,
                    }
                    for a in subject.attributes
                ],
                "subject_rfc4514": dn_input.format_rfc4514(subject.rdns()),
                "findings": [
                    {
                        "severity": f.severity,
                        "code": f.code,
                        "scope": f.scope,
                        "attribute": f.attribute,
                        "where": subject.attributes[f.attribute].where,
                        "related": list(f.related),
                        "message": f.message,
                    }
                    for f in report.findings
                ],
                "severity_threshold": threshold,
                "exit_status": status,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


_CHECK_ONLY = {f.code: f for f in preissuance.FINDINGS}


# --- Command line ----------------------------------------------------------------------------

HELP = "check a requested subject: DN string, JSON list or CSR"
DESCRIPTION = (
    "Check a requested subject before issuance. The input form is detected "
    "(PEM or DER CSR, JSON list, OpenSSL /C=../O=.. string, else RFC 4514) unless --form "
    "says it. Exit status: 0 clean, 1 findings at or above --severity, 2 unusable input."
)


def add_arguments(c: argparse.ArgumentParser) -> None:
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


def run(args, stdout: IO[str], stderr: IO[str], stdin: IO[bytes]) -> int:
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
        print(f"{PROG}: error: {where}: {printable(str(e))}", file=stderr)
        return 2
    status = 1 if report.at_or_above(args.severity) else 0
    render = render_json if args.format == "json" else render_text
    stdout.write(render(report, args.severity, status))
    return status
