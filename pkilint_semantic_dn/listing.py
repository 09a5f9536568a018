"""`rules` and `explain`: what this plugin can report, from the registry, for people and tools.

    pkilint-semantic-dn rules                  # every code: severity, rule, attributes, ...
    pkilint-semantic-dn rules --format json    # the same for programs
    pkilint-semantic-dn rules --format csv     # pkimetal's finding_metadata.csv, house rules too
    pkilint-semantic-dn explain subdivision    # one rule in full, its examples run through check

Everything comes from the rule registry (`core/registry.py`) and the catalogue built from it
(`core/catalogue.py`): the built-in rules, the house rules installed or declared in the
process, the engine's `rule_failed` and `check`'s own pre-issuance codes. `explain` runs each
violation example and near miss through `check` as it is installed, so what it shows is what
`check` reports today, not what the declaration claims. No pkilint, no pyasn1.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import textwrap
from typing import IO

from pkilint_semantic_dn.check import check, printable
from pkilint_semantic_dn.core import catalogue, config, dn_input, registry, selection
from pkilint_semantic_dn.core.dn_input import DNInputError

WIDTH = 100  # text output is wrapped to this many columns
_INDENT = "    "
_LABEL = 12  # width of the labels in a code's block


# --- The records both commands print ------------------------------------------------------


def _rules_by_name() -> dict[str, registry.Rule]:
    return {r.name: r for r in registry.rules()}


def _record(entry: catalogue.Entry, rule: registry.Rule | None) -> dict:
    return {
        "code": entry.code,
        "severity": entry.severity,
        "scope": entry.scope,
        "rule": entry.rule or None,
        "origin": entry.origin,
        "validator": rule.validator if rule is not None else None,
        "attributes": entry.attributes,
        "description": entry.description,
        "why": entry.why,
        "citation": entry.citation,
        "example": entry.example,
    }


def code_records() -> list[dict]:
    """Every code in catalogue order (rules in registry order, then `rule_failed`, then the
    `check`-only codes), as dictionaries (the JSON of `rules --format json`)."""
    rules = _rules_by_name()
    return [_record(e, rules.get(e.rule)) for e in catalogue.entries()]


def render_metadata_csv() -> str:
    """finding_metadata.csv (severity,code,source,description) of every code pkilint can
    report: the built-in ones (the same rows as the packaged file) and the house rules.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(catalogue.METADATA_COLUMNS)
    for e in catalogue.pkilint_entries():
        writer.writerow((e.severity, e.code, e.citation, e.description))
    return out.getvalue()


def _rule_label(record: dict) -> str:
    if record["rule"] is None:
        if record["scope"] == "check":
            return "(none: one of check's pre-issuance checks)"
        return "(none: the engine reports it for any rule)"
    if record["origin"] != "built-in":
        return f"{record['rule']} (house rule, {record['origin']})"
    return record["rule"]


def _field(label: str, text: str, indent: str = _INDENT, wrap=True) -> list[str]:
    """`label  text`, wrapped, continuation lines under the text; `wrap=False` for values
    (examples, subjects), whose spaces are part of what is shown."""
    head = f"{indent}{label:<{_LABEL}}"
    if not wrap:
        return [head + printable(text)]
    return textwrap.wrap(
        printable(text),
        WIDTH,
        initial_indent=head,
        subsequent_indent=" " * len(head),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [head.rstrip()]


def _code_heading(record: dict, indent: str = "") -> str:
    scope = f"  [{record['scope']} only]" if record["scope"] != "pkilint" else ""
    return f"{indent}{record['code']}  {record['severity']}{scope}"


def render_rules_text(records: list[dict]) -> str:
    lines = []
    for r in records:
        lines.append(_code_heading(r))
        lines += _field("rule", _rule_label(r))
        lines += _field("attributes", r["attributes"])
        lines += _field("catches", r["description"])
        lines += _field("citation", r["citation"])
        if r["example"]:
            lines += _field("example", r["example"], wrap=False)
        lines.append("")
    rules = {r["rule"] for r in records if r["rule"]}
    house = {r["rule"] for r in records if r["rule"] and r["origin"] != "built-in"}
    check_only = sum(1 for r in records if r["scope"] == "check")
    summary = f"{len(records)} codes of {len(rules)} rules"
    if house:
        summary += f" ({len(house)} of them house rules)"
    summary += f"; {check_only} of the codes are reported by check only"
    lines.append(summary)
    lines.append("pkilint-semantic-dn explain CODE shows one rule in full")
    return "\n".join(lines) + "\n"


# --- rules ---------------------------------------------------------------------------------

HELP = (
    "list every rule and finding code (text, JSON, or pkimetal's finding_metadata.csv)"
)
DESCRIPTION = (
    "List every finding code this installation can report, built-in and house rules, with "
    "its severity, rule, attributes, what it catches, the requirement cited and an example. "
    "--format csv writes finding_metadata.csv in pkimetal's columns "
    "(severity,code,source,description) for every code pkilint reports, house rules "
    "included; the codes reported by check only are left out of it, as pkilint never "
    "reports them."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="output format (default: text)",
    )


def run(args, stdout: IO[str], stderr: IO[str], stdin) -> int:
    if args.format == "csv":
        stdout.write(render_metadata_csv())
    elif args.format == "json":
        stdout.write(json.dumps(code_records(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(render_rules_text(code_records()))
    return 0


# --- explain: examples as subjects ---------------------------------------------------------

# `ST=Tokyo, Japan (C=JP)`: the value, then the other attributes of the subject it is
# meant in. `(EV)` marks an EV subject (a businessCategory is added), `(not EV)` none.
_CONTEXT = re.compile(r" \(([^()]*)\)\Z")
EV_MARKER = ("businessCategory", "Private Organization")


def _context(inner: str) -> list[tuple[str, str]] | None:
    if inner == "EV":
        return [EV_MARKER]
    if inner == "not EV":
        return []
    out = []
    for part in inner.split(", "):
        keyword, sep, value = part.partition("=")
        if not sep or dn_input.attribute_oid(keyword) is None:
            return None  # words in parentheses that belong to the value: `(full name)`
        out.append((keyword, value))
    return out


def example_subject(example: str) -> list[tuple[str, str]] | None:
    """The subject an example stands for: `ST=Tokyo, Japan (C=JP)` -> `[("C", "JP"),
    ("ST", "Tokyo, Japan")]` (the context first, in certificate order); None when the
    example is not `TYPE=value`."""
    keyword, sep, value = example.partition("=")
    if not sep or dn_input.attribute_oid(keyword) is None:
        return None
    context: list[tuple[str, str]] = []
    found = _CONTEXT.search(value)
    if found is not None:
        parsed = _context(found.group(1))
        if parsed is not None:
            context, value = parsed, value[: found.start()]
    return context + [(keyword, value)]


def run_example(example: str, whole_subject: bool = False) -> dict:
    """What `check` reports on an example today: {"example", "subject" (RFC 4514, as check
    would take it), "findings": [{"severity", "code", "attribute", "message"}]} or, when
    the example cannot be checked, {"example", "error"}.

    A rule's example is one attribute (`TYPE=value (context)`) and is checked as a JSON list,
    so no DN-string escaping is involved; `whole_subject` takes it as check's input as it is
    (the check-only codes' examples are whole DN strings)."""
    try:
        if whole_subject:
            report = check(example)
        else:
            pairs = example_subject(example)
            if pairs is None:
                return {"example": example, "error": "not of the form TYPE=value"}
            data = json.dumps([{"type": k, "value": v} for k, v in pairs])
            report = check(data, "json")
    except DNInputError as e:
        return {"example": example, "error": str(e)}
    attributes = report.subject.attributes
    return {
        "example": example,
        "subject": dn_input.format_rfc4514(report.subject.rdns()),
        "findings": [
            {
                "severity": f.severity,
                "code": f.code,
                "attribute": attributes[f.attribute].name,
                "message": f.message,
            }
            for f in report.findings
        ],
    }


# --- explain -------------------------------------------------------------------------------


class UnknownName(ValueError):
    """A name that is no code and no rule; the message says the closest known one."""


def explanation(name: str) -> dict:
    """Everything said about the rule (or rule-less code) `name` means, with its examples
    run through check. Raises UnknownName."""
    codes, unknown = selection.resolve([name])
    if unknown or not codes:
        raise UnknownName(f"no such code or rule: {name!r}{selection.suggestion(name)}")
    entries = catalogue.by_code()
    rules = _rules_by_name()
    owners = {entries[c].rule for c in codes}
    asked = sorted(codes)[0] if len(codes) == 1 else None
    rule = rules.get(owners.pop()) if len(owners) == 1 else None
    if rule is None:  # rule_failed or a check-only code: no rule, one finding
        entry = entries[asked]
        record = _record(entry, None)
        examples = [entry.example] if entry.example else []
        return {
            "name": name,
            "code": asked,
            "rule": None,
            "origin": entry.origin,
            "doc": _rule_less_doc(entry),
            "attributes": entry.attributes,
            "validator": None,
            "defer_to": [],
            "codes": [record],
            "switched_off": _switched_off([asked]),
            "examples": [run_example(e, whole_subject=True) for e in examples],
            "near_misses": [],
        }
    return {
        "name": name,
        "code": asked,
        "rule": rule.name,
        "origin": rule.origin,
        "doc": rule.doc,
        "attributes": catalogue.attributes_text(rule),
        "validator": rule.validator,
        "defer_to": list(rule.defer_to),
        "codes": [_record(entries[c], rule) for c in rule.codes],
        "switched_off": _switched_off(rule.codes),
        "examples": [run_example(e) for e in rule.examples],
        "near_misses": [run_example(e) for e in rule.near_misses],
    }


def _switched_off(codes) -> list[str]:
    """The codes PKILINT_SEMANTIC_DN_DISABLE switches off here: check does not report them,
    on the examples either."""
    off = selection.environment_disabled()
    return [c for c in codes if c in off]


def _rule_less_doc(entry: catalogue.Entry) -> str:
    if entry.scope == "check":
        return (
            "Reported by pkilint-semantic-dn check only, on a requested subject before "
            "issuance (core/preissuance.py); pkilint never reports it."
        )
    return (
        "Reported by the engine, under the validator of the rule that failed, when a rule "
        "raises or yields something it did not declare; every other rule still runs."
    )


def _example_lines(result: dict) -> list[str]:
    lines = [f"  {printable(result['example'])}"]
    if "error" in result:
        lines.append(f"{_INDENT}not checked: {printable(result['error'])}")
        return lines
    lines += _field("subject", result["subject"], wrap=False)
    if not result["findings"]:
        lines.append(f"{_INDENT}no finding")
    for f in result["findings"]:
        lines += textwrap.wrap(
            printable(f"{f['severity']:7}  {f['code']}: {f['message']}"),
            WIDTH,
            initial_indent=_INDENT,
            subsequent_indent=_INDENT + " " * 9,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return lines


def render_explanation_text(doc: dict) -> str:
    if doc["rule"] is None:
        heading = f"{doc['code']} (no rule of its own)"
    else:
        heading = f"rule {doc['rule']}"
        if doc["origin"] != "built-in":
            heading += f" (house rule, {doc['origin']})"
        if doc["code"] is not None and len(doc["codes"]) > 1:
            heading += f": {doc['code']} is one of its {len(doc['codes'])} codes"
    lines = [heading, ""]
    if doc["rule"] is None:
        lines += textwrap.wrap(doc["doc"], WIDTH) + [""]
    elif doc["doc"]:
        lines += [printable(line).rstrip() for line in doc["doc"].splitlines()]
        lines.append("")
    lines += _field("attributes", doc["attributes"], indent="")
    if doc["validator"]:
        lines += _field("validator", doc["validator"], indent="")
    if doc["defer_to"]:
        lines += _field("defers to", ", ".join(doc["defer_to"]), indent="")
    if doc["switched_off"]:
        lines += textwrap.wrap(
            f"switched off here by {config.DISABLE_CODES_VARIABLE}: "
            f"{', '.join(doc['switched_off'])} (check does not report it below)",
            WIDTH,
        )
    lines += ["", "codes:"]
    for r in doc["codes"]:
        lines.append(_code_heading(r, indent="  "))
        lines += _field("catches", r["description"])
        if r["why"]:
            lines += _field("why", r["why"])
        lines += _field("citation", r["citation"])
        if r["example"]:
            lines += _field("example", r["example"], wrap=False)
    if doc["examples"]:
        lines += ["", "violation examples, and what check reports on each today:"]
        for result in doc["examples"]:
            lines += _example_lines(result)
    if doc["near_misses"]:
        lines += [
            "",
            "near misses (legitimate values it leaves alone), and check today:",
        ]
        for result in doc["near_misses"]:
            lines += _example_lines(result)
    return "\n".join(lines) + "\n"


EXPLAIN_HELP = (
    "one rule in full: what it finds, why, its codes, examples run through check"
)
EXPLAIN_DESCRIPTION = (
    "Explain one rule: its description, the severity of each of its codes and why, the "
    "requirement cited, the attribute types it reads, its violation examples and near "
    "misses, each run through check as installed. NAME is a code (the semantic_dn. prefix "
    "may be left out) or a rule name. Exit status 2 when NAME is no code or rule."
)


def add_explain_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="a code or a rule name")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )


def run_explain(args, stdout: IO[str], stderr: IO[str], stdin) -> int:
    try:
        doc = explanation(args.name)
    except UnknownName as e:
        print(f"pkilint-semantic-dn explain: error: {printable(str(e))}", file=stderr)
        return 2
    if args.format == "json":
        stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(render_explanation_text(doc))
    return 0
