"""`check`: a requested subject (DN string, JSON list or CSR) through every rule, before issuance.

The same engine as pkilint's validators and `scan` (`core/engine.py`), plus the checks that
only make sense before a certificate exists (`core/preissuance.py`). Imports neither pkilint
nor pyasn1.

Python API: `check(data, form, disabled)` -> `CheckReport`; `report_document(report, ...)`
is its `--format json` document (a dict, `schemas/check-result.schema.json`), which
`render_json` prints; `render_text` prints it for people.

Numbering, the same in both outputs: attributes are numbered from 1 in certificate order (the
order of `subject`), RDNs from 1 in certificate order, JSON items and columns from 1. (The
Python objects hold 0-based indexes: `CheckFinding.attribute`, `ParsedAttribute.rdn`.)
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import sys
from typing import IO, Iterable, NamedTuple

from pkilint_semantic_dn import options
from pkilint_semantic_dn.core import config, dn_input, engine, preissuance, selection
from pkilint_semantic_dn.core.dn_input import DNInputError
from pkilint_semantic_dn.core.registry import SEVERITIES

PROG = "pkilint-semantic-dn check"
DEFAULT_REPORT_SEVERITY = options.DEFAULT_REPORT_SEVERITY
DEFAULT_FAIL_ON = options.DEFAULT_FAIL_ON


class CheckFinding(NamedTuple):
    severity: str
    code: str
    scope: str  # "pkilint": the same finding pkilint reports; "check": before issuance only
    attribute: int  # index into CheckReport.subject.attributes (certificate order)
    message: str
    related: tuple[int, ...] = ()  # the other attributes of a repeated type


_NOTHING_OFF = options.Selection(frozenset(), frozenset(), frozenset())


class CheckReport(NamedTuple):
    subject: dn_input.ParsedSubject
    findings: tuple[CheckFinding, ...]  # all of them; `-s` filters at output
    selection: options.Selection = _NOTHING_OFF  # the codes switched off, and by what

    def at_or_above(self, threshold: str) -> list[CheckFinding]:
        return [f for f in self.findings if options.at_or_above(f.severity, threshold)]


def check(
    data: bytes | str,
    form: str = "auto",
    disabled: options.Selection | Iterable[str] | None = None,
) -> CheckReport:
    """Parse a requested subject and run every rule on it, plus the pre-issuance checks.

    `form`: auto or one of dn_input.FORMS. `disabled`: codes to
    leave out: an `options.Selection` (what `options.rule_selection` returns, which also
    says where each code was switched off), an iterable of codes, or None for
    PKILINT_SEMANTIC_DN_DISABLE. Raises DNInputError for unusable input.
    """
    return check_subject(dn_input.parse(data, form), disabled)


def check_subject(
    subject: dn_input.ParsedSubject,
    disabled: options.Selection | Iterable[str] | None = None,
) -> CheckReport:
    """`check` on a subject already parsed (`dn_input.parse`, `parse_json_items`)."""
    chosen = _selection(disabled)
    disabled = chosen.disabled
    pairs = subject.pairs()
    hits = engine.default_engine(disabled).check(pairs)
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

    return CheckReport(subject, tuple(sorted(findings, key=order)), chosen)


def _selection(disabled) -> options.Selection:
    if disabled is None:
        environment = selection.environment_disabled()
        return options.Selection(environment, environment, frozenset())
    if isinstance(disabled, options.Selection):
        return disabled
    codes = frozenset(disabled)
    return options.Selection(codes, frozenset(), codes)


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


def reported(
    report: CheckReport, severity: str = DEFAULT_REPORT_SEVERITY
) -> list[CheckFinding]:
    """The findings `-s/--severity` lets through (pkilint's -s: that severity or higher)."""
    return [f for f in report.findings if options.at_or_above(f.severity, severity)]


def exit_status(
    report: CheckReport,
    severity: str = DEFAULT_REPORT_SEVERITY,
    fail_on: str = DEFAULT_FAIL_ON,
) -> int:
    """1 when a reported finding is at or above `fail_on`, else 0."""
    shown = reported(report, severity)
    return 1 if any(options.at_or_above(f.severity, fail_on) for f in shown) else 0


def render_text(
    report: CheckReport,
    fail_on: str = DEFAULT_FAIL_ON,
    status: int | None = None,
    severity: str = DEFAULT_REPORT_SEVERITY,
) -> str:
    """The report for people; `status` defaults to `exit_status`."""
    if status is None:
        status = exit_status(report, severity, fail_on)
    attributes = report.subject.attributes
    width = max((len(a.name) for a in attributes), default=0)
    lines = [
        f"subject ({dn_input.FORM_NAMES[report.subject.form]}, "
        f"{_plural(len(attributes), 'attribute')}, certificate order):"
    ]
    for number, a in enumerate(attributes, 1):
        lines.append(
            f"  {number:2}  {a.name:{width}}  {_value_text(a.value)}  ({a.where})"
        )
    shown = reported(report, severity)
    if shown:
        lines.append("findings:")
        for f in shown:
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
    off = _disabled_text(report.selection)
    if off:
        lines.append(f"switched off: {off}")
    counts: dict[str, int] = {}
    for f in shown:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    summary = (
        ", ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=_rank)) or "none"
    )
    left_out = len(report.findings) - len(shown)
    if left_out:
        summary += f" ({left_out} below --severity {severity} not shown)"
    lines.append(f"findings: {summary}; exit status {status} (--fail-on {fail_on})")
    return "\n".join(lines) + "\n"


def _disabled_text(chosen: options.Selection) -> str:
    parts = []
    if chosen.from_environment:
        parts.append(
            f"{_codes_text(chosen.from_environment)} (by {config.DISABLE_CODES_VARIABLE})"
        )
    by_options = chosen.from_options - chosen.from_environment
    if by_options:
        parts.append(f"{_codes_text(by_options)} (by --disable/--enable)")
    return "; ".join(parts)


def _codes_text(codes: frozenset) -> str:
    every = options.all_codes()
    rest = every - codes
    if len(codes) > 6 and len(rest) < len(codes):
        # `--enable` switches off nearly everything: say what is still on.
        return f"every code but {', '.join(sorted(rest)) or 'none'}"
    return ", ".join(sorted(codes))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _rank(item) -> int:
    return SEVERITIES.index(item[0])


# The JSON document. Version 1 is schemas/check-result.schema.json; a change that can break a
# reader (a field removed or changing meaning) takes a new version, new fields do not.
SCHEMA_VERSION = 1
SCHEMA_ID = "urn:pkilint-semantic-dn:check-result:1"
SCHEMA_FILE = "schemas/check-result.schema.json"  # in the package


def report_document(
    report: CheckReport,
    *,
    severity: str = DEFAULT_REPORT_SEVERITY,
    fail_on: str = DEFAULT_FAIL_ON,
) -> dict:
    """The `--format json` document of a report: a dict of JSON types only, as
    schemas/check-result.schema.json describes it.

    `severity` is pkilint's -s (findings below it are left out, and counted in `left_out`),
    `fail_on` the threshold of `exit_status`. Numbers are 1-based: `attribute` is the
    position in `subject` (certificate order), as the text output numbers it.
    """
    subject = report.subject
    shown = reported(report, severity)
    return {
        "schema_version": SCHEMA_VERSION,
        "form": subject.form,
        "subject": [
            {
                "attribute": number,
                "type": a.oid,
                "name": a.name,
                "value": a.value,
                "rdn": a.rdn + 1,
                "where": a.where,
                "column": a.column,
                "item": a.item,
            }
            for number, a in enumerate(subject.attributes, 1)
        ],
        "subject_rfc4514": dn_input.format_rfc4514(subject.rdns()),
        "findings": [
            {
                "severity": f.severity,
                "code": f.code,
                "scope": f.scope,
                "attribute": f.attribute + 1,
                "where": subject.attributes[f.attribute].where,
                "related": [i + 1 for i in f.related],
                "message": f.message,
            }
            for f in shown
        ],
        "left_out": len(report.findings) - len(shown),
        "severity": severity,
        "fail_on": fail_on,
        "disabled": {
            "environment": sorted(report.selection.from_environment),
            "options": sorted(
                report.selection.from_options - report.selection.from_environment
            ),
        },
        "exit_status": exit_status(report, severity, fail_on),
    }


def error_document(error: DNInputError | str, form: str | None = None) -> dict:
    """The `--format json` document of input that cannot be checked (exit status 2)."""
    if isinstance(error, str):
        error = DNInputError(error)
    return {
        "schema_version": SCHEMA_VERSION,
        "error": {
            "message": error.message,
            "line": error.line,
            "column": error.column,
            "form": form,
        },
        "exit_status": 2,
    }


def render_json(
    report: CheckReport,
    fail_on: str = DEFAULT_FAIL_ON,
    status: int | None = None,
    severity: str = DEFAULT_REPORT_SEVERITY,
) -> str:
    """`report_document` as indented JSON; `status` overrides its exit_status."""
    document = report_document(report, severity=severity, fail_on=fail_on)
    if status is not None:
        document["exit_status"] = status
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def schema() -> dict:
    """The JSON Schema of the `--format json` documents (draft 2020-12)."""
    from importlib import resources

    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


_CHECK_ONLY = {f.code: f for f in preissuance.FINDINGS}


# --- Command line ----------------------------------------------------------------------------

HELP = "check a requested subject: DN string, OpenSSL print-out, JSON list or CSR"
DESCRIPTION = (
    "Check a requested subject before issuance. The input form is detected (PEM or DER "
    "CSR; JSON list; OpenSSL /C=../O=.. string; OpenSSL's print-out 'C = JP, O = ..', "
    "with or without 'subject='; else RFC 4514, also as -nameopt RFC2253 prints it) unless "
    "--form says it. Exit status: 0 clean, 1 a reported finding at or above --fail-on, "
    "2 unusable input or options. --batch: one JSON result per input line, exit status "
    "the worst over the batch (2 if a line was unusable, else 1 if a line failed, else 0; "
    "128+N when stopped by signal N)."
)


def add_arguments(c: argparse.ArgumentParser) -> None:
    c.add_argument(
        "subject",
        nargs="?",
        help="the subject as an argument; '-' or nothing reads standard input",
    )
    c.add_argument("-f", "--file", help="read the subject, CSR or batch from this file")
    c.add_argument(
        "--form",
        choices=("auto",) + dn_input.FORMS,
        default="auto",
        help="input form (default: auto); with --batch, of lines that do not say it",
    )
    c.add_argument(
        "--format",
        choices=("text", "json"),
        default=None,
        help="output format (default: text; --batch writes JSON Lines)",
    )
    c.add_argument(
        "--batch",
        action="store_true",
        help='read JSON Lines, each a subject string or {"subject": ..., "form": ...} '
        "(subject: a string, or a JSON list of type/value objects), from standard input "
        "or --file; write one JSON result per line, with its line number",
    )
    options.add_severity_options(c)
    options.add_rule_selection(c)


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
    try:
        return _bounded(stdin)
    except OSError as e:  # `check < directory`
        raise DNInputError(f"cannot read standard input: {e.strerror or e}") from None


# A subject, even as a CSR, is a few KiB: more is not a subject (and must not fill memory).
MAX_INPUT = 1 << 20
# A line of --batch: the same bound (a CSR in a JSON string is a few KiB too).
MAX_LINE = MAX_INPUT


def _bounded(stream) -> bytes:
    data = stream.read(MAX_INPUT + 1)
    if len(data) > MAX_INPUT:
        raise DNInputError(
            f"the input is larger than {MAX_INPUT:,} bytes: not one subject"
        )
    return data


def _named_file_hint(args, error: DNInputError) -> DNInputError:
    """A DN argument that cannot be parsed but names a file or directory: say so."""
    name = args.subject
    if args.file is not None or name in (None, "-"):
        return error
    try:
        is_file, is_dir = os.path.isfile(name), os.path.isdir(name)
    except (OSError, ValueError):  # an argument with a NUL, a name too long
        return error
    if is_file:
        hint = f"{name!r} is a file: to check what it holds, use --file {name}"
    elif is_dir:
        hint = f"{name!r} is a directory: `pkilint-semantic-dn scan {name}` checks certificates"
    else:
        return error
    return DNInputError(f"{error.message}; {hint}", error.column, error.line)


def _usage_error(message: str, fmt: str, stdout: IO[str], stderr: IO[str]) -> int:
    if fmt == "json":
        stdout.write(json.dumps(error_document(message), ensure_ascii=False) + "\n")
    print(f"{PROG}: error: {printable(message)}", file=stderr)
    return 2


def run(args, stdout: IO[str], stderr: IO[str], stdin: IO[bytes]) -> int:
    fmt = args.format or ("json" if args.batch else "text")
    try:
        chosen = options.rule_selection(args)
        if args.batch and args.subject is not None:
            raise options.UsageError(
                "--batch reads standard input or --file, not a subject argument"
            )
        if args.batch and fmt != "json":
            raise options.UsageError(
                "--batch writes JSON Lines: leave out --format text"
            )
    except options.UsageError as e:
        return _usage_error(str(e), fmt, stdout, stderr)
    try:
        if args.batch:
            return run_batch(args, chosen, stdout, stderr, stdin)
        return _run_one(args, chosen, fmt, stdout, stderr, stdin)
    except (
        _OutputError
    ) as e:  # a full disk, a closed file; not a reader gone (cli: 141)
        error = e.__cause__
        print(
            f"{PROG}: error: cannot write the output: {error.strerror or error}",
            file=stderr,
        )
        return 2
    except Exception as e:
        # A fault of this program: JSON readers still get a document; cli says the rest.
        if fmt == "json":
            message = f"internal error: {type(e).__name__}: {e}"
            _write(stdout, json.dumps(error_document(message)) + "\n")
        raise


class _OutputError(Exception):
    """Writing the output failed (its cause says why)."""


def _write(stdout: IO[str], text: str) -> None:
    try:
        stdout.write(text)
        stdout.flush()  # here, where a write error can still be reported
    except BrokenPipeError:
        raise
    except OSError as e:
        raise _OutputError() from e


def _run_one(args, chosen, fmt, stdout, stderr, stdin) -> int:
    form = args.form
    try:
        data = _read_check_input(args, stdin)
        if form == "auto":
            form = dn_input.detect_form(data)
        report = check(data, form, chosen)
    except DNInputError as e:
        e = _named_file_hint(args, e)
        where = dn_input.FORM_NAMES.get(form, "input")
        if fmt == "json":
            document = error_document(e, None if form == "auto" else form)
            _write(stdout, json.dumps(document, ensure_ascii=False) + "\n")
        print(f"{PROG}: error: {where}: {printable(str(e))}", file=stderr)
        return 2
    status = exit_status(report, args.severity, args.fail_on)
    render = render_json if fmt == "json" else render_text
    _write(stdout, render(report, args.fail_on, status, args.severity))
    return status


# --- Batch -----------------------------------------------------------------------------------


class _Stopped(Exception):
    """SIGINT or SIGTERM while waiting for input: nothing is half done."""


class _BatchStop:
    """SIGINT/SIGTERM in a batch: stop after the result being written, or at once while
    waiting for the next line (a blocking read would otherwise never end)."""

    def __init__(self):
        self.signal: int | None = None
        self.reading = False

    def handler(self, signum, frame) -> None:
        self.signal = signum
        if self.reading:
            raise _Stopped()


def _lines(stream, stop: _BatchStop):
    """(line number, bytes or None when longer than MAX_LINE) for each line of `stream`;
    memory stays within MAX_LINE whatever the input."""
    number = 0
    while True:
        stop.reading = True
        try:
            if stop.signal is not None:
                raise _Stopped()
            raw = stream.readline(MAX_LINE + 1)
            too_long = len(raw) > MAX_LINE and not raw.endswith(b"\n")
            if too_long:
                # The rest of the line is skipped, not kept.
                while True:
                    rest = stream.readline(1 << 16)
                    if not rest or rest.endswith(b"\n"):
                        break
        finally:
            stop.reading = False
        if not raw:
            return
        number += 1
        yield number, None if too_long else raw


def batch_result(
    raw: bytes | str,
    number: int,
    chosen: options.Selection | None = None,
    *,
    form: str = "auto",
    severity: str = DEFAULT_REPORT_SEVERITY,
    fail_on: str = DEFAULT_FAIL_ON,
) -> dict:
    """The result document of one --batch line: `report_document` or `error_document`, with
    `line` (the line number) after `schema_version`."""
    try:
        subject, form = _batch_subject(raw, number, form)
        if isinstance(subject, list):
            report = check_subject(
                dn_input.ParsedSubject("json", dn_input.parse_json_items(subject)),
                chosen,
            )
        else:
            if form == "auto" and not _has_surrogate(subject):
                form = dn_input.detect_form(subject.encode("utf-8"))
            report = check(subject, form, chosen)  # says where a lone surrogate is
        document = report_document(report, severity=severity, fail_on=fail_on)
    except DNInputError as e:
        document = error_document(e, None if form == "auto" else form)
    return {
        "schema_version": document.pop("schema_version"),
        "line": number,
        **document,
    }


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _batch_subject(raw, number: int, form: str):
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise DNInputError(
                f"the line is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset "
                f"{e.start})"
            ) from None
    if number == 1 and raw.startswith("\ufeff"):
        raw = raw[1:]
    value = dn_input.load_json(raw)
    if isinstance(value, str):
        return value, form
    if not isinstance(value, dict):
        raise DNInputError(
            'a line is a JSON string or an object {"subject": ..., "form": ...}, not '
            + dn_input.json_type(value)
        )
    if "subject" not in value:
        raise DNInputError('the object has no "subject"')
    subject, form = value["subject"], value.get("form", form)
    if form not in ("auto",) + dn_input.FORMS:
        raise DNInputError(
            f'"form" must be one of: auto, {", ".join(dn_input.FORMS)}; not '
            + (repr(form) if isinstance(form, str) else dn_input.json_type(form))
        )
    if isinstance(subject, list):
        if form not in ("auto", "json"):
            raise DNInputError(f'a JSON list "subject" is the json form, not {form}')
        return subject, "json"
    if not isinstance(subject, str):
        raise DNInputError(
            '"subject" must be a string or a list of {"type": ..., "value": ...} '
            "objects, not " + dn_input.json_type(subject)
        )
    return subject, form


def run_batch(args, chosen, stdout: IO[str], stderr: IO[str], stdin: IO[bytes]) -> int:
    """`check --batch`: JSON Lines in, one result per line out, as each line is read."""
    if args.file is not None:
        try:
            stream = open(args.file, "rb")
        except OSError as e:
            return _usage_error(
                f"cannot read {args.file}: {e.strerror or e}", "json", stdout, stderr
            )
    else:
        stream = stdin
    stop = _BatchStop()
    previous = {}
    try:
        for s in (signal.SIGINT, signal.SIGTERM):
            previous[s] = signal.signal(s, stop.handler)
    except ValueError:  # not the main thread: signals stay as they were
        pass
    counts = {0: 0, 1: 0, 2: 0}
    last = 0
    try:
        for number, raw in _lines(stream, stop):
            if raw is None:
                too_long = (
                    f"the line is longer than {MAX_LINE:,} bytes: not one subject"
                )
                document = {"line": number, **error_document(too_long)}
                document = {
                    "schema_version": document.pop("schema_version"),
                    **document,
                }
            elif not raw.strip():
                last = number
                continue  # a blank line holds no subject
            else:
                document = batch_result(
                    raw,
                    number,
                    chosen,
                    form=args.form,
                    severity=args.severity,
                    fail_on=args.fail_on,
                )
            _write(stdout, json.dumps(document, ensure_ascii=False) + "\n")
            counts[document["exit_status"]] += 1
            last = number
            if stop.signal is not None:
                break
    except _Stopped:
        pass
    except OSError as e:  # reading failed (writing failures are _OutputError)
        counts[2] += 1
        print(
            f"{PROG}: error: cannot read {args.file or 'standard input'} after line "
            f"{last}: {e.strerror or e}",
            file=stderr,
        )
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if stream is not stdin:
            stream.close()
    status = 2 if counts[2] else 1 if counts[1] else 0
    checked = counts[0] + counts[1] + counts[2]
    summary = (
        f"{_plural(checked, 'line')}: {counts[0]} passed, {counts[1]} failed "
        f"(--fail-on {args.fail_on}), {counts[2]} unusable"
    )
    if stop.signal is not None:
        name = signal.Signals(stop.signal).name
        print(
            f"{PROG}: stopped by {name} after line {last}: {summary}; the lines after "
            "it were not checked",
            file=stderr,
        )
        return 128 + stop.signal
    print(f"{PROG}: {summary}; exit status {status}", file=stderr)
    return status
