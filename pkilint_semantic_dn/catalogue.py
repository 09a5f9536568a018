"""Every finding this plugin can report: one row each, the single source of truth.

The pkilint validators take their `VALIDATION_*` constants from here, `finding_metadata.csv`
is rendered from here (`python -m pkilint_semantic_dn.catalogue > ...`), and the README table
and the `check`/`scan` output name the same rows. Tests prove the three agree.
"""

from __future__ import annotations

import csv
import io
import sys
from typing import NamedTuple

from pkilint_semantic_dn.rules import embedded, placeholders, whitespace


class Entry(NamedTuple):
    code: str
    severity: str  # ERROR, WARNING or NOTICE, as pkilint names them
    attributes: str  # which subject attributes the rule reads
    citation: str  # the requirement the finding rests on
    description: str  # one sentence for finding_metadata.csv
    example: str  # a value that triggers it


_ALL_STRING_ATTRIBUTES = (
    "every string attribute except countryName, jurisdictionCountryName, "
    "domainComponent and emailAddress"
)
_BR_SUBJECT_INFORMATION = (
    "TLS BR 7.1.2.7.2-7.1.2.7.4 (each subject attribute, if present, MUST contain the "
    "Subject's information of that type, verified per 3.2); S/MIME BR 7.1.4.2.2; "
    "RFC 5280 4.1.2.6 / X.501 (one AttributeTypeAndValue carries one attribute)"
)

ENTRIES: tuple[Entry, ...] = (
    Entry(
        embedded.EMBEDDED_ATTRIBUTE_ASSIGNMENT,
        "ERROR",
        _ALL_STRING_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION,
        "The attribute value embeds another attribute's assignment (KEYWORD=value after a "
        "DN separator, or a multi-letter keyword at its start), so it is not information of "
        "its own type",
        "ST=Tokyo, C=JP",
    ),
    Entry(
        embedded.EMBEDDED_DISTINGUISHED_NAME,
        "ERROR",
        _ALL_STRING_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION,
        "The attribute value holds a whole distinguished name string (two or more "
        "attribute assignments, RFC 4514 or OpenSSL one-line syntax)",
        "O=/C=US/ST=California/L=Mountain View",
    ),
    Entry(
        embedded.POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT,
        "NOTICE",
        _ALL_STRING_ATTRIBUTES,
        _BR_SUBJECT_INFORMATION
        + "; heuristic: a single-letter keyword at the start of a value can be a real name",
        "The attribute value starts with a single-letter DN keyword and '=' (for example "
        "'E=' or 'C='), which may be a pasted attribute assignment or a real name",
        "O=E=MC2 Ltd",
    ),
)

_NOT_CODES = (
    "every string attribute except countryName, jurisdictionCountryName and domainComponent"
)
_BR_METADATA = (
    "TLS BR 7.1.2.7.2-7.1.2.7.4: subject Attributes MUST NOT contain only metadata such as "
    "'.', '-', and ' ' characters, and/or any other indication that the value is absent, "
    "incomplete, or not applicable"
)

# Family 2: placeholders and not-applicable words.
ENTRIES += (
    Entry(
        placeholders.PLACEHOLDER_VALUE,
        "ERROR",
        _NOT_CODES,
        _BR_SUBJECT_INFORMATION + "; EV Guidelines: serialNumber is the Registration Number",
        "The value is a tool default, template text or prompt (Some-State, Internet Widgits "
        "Pty Ltd, Default City, State or Province Name (full name)), or an all-zero "
        "serialNumber, not the Subject's information",
        "ST=Some-State",
    ),
    Entry(
        placeholders.NOT_APPLICABLE_VALUE,
        "ERROR",
        _NOT_CODES,
        _BR_METADATA,
        "The value only says that the information is absent or not applicable (N/A, null, "
        "none, unknown, TBD and equivalents in other languages)",
        "L=N/A",
    ),
)

# Family 6: white space, control and invisible characters.
ENTRIES += (
    Entry(
        whitespace.CONTROL_CHARACTER,
        "ERROR",
        _NOT_CODES,
        _BR_SUBJECT_INFORMATION + "; RFC 4518 2.2 (control characters carry no information)",
        "The value contains a C0 or C1 control character (tab, line feed, ...)",
        "O=Example<TAB>Corporation",
    ),
    Entry(
        whitespace.INVISIBLE_CHARACTER,
        "WARNING",
        _NOT_CODES,
        _BR_SUBJECT_INFORMATION + "; Unicode TR 36 (invisible and bidi control characters)",
        "The value contains an invisible format character (zero width space, byte order "
        "mark, bidi override or isolate, soft hyphen) that the name does not need",
        "O=Example<U+200B>Corporation",
    ),
    Entry(
        whitespace.LEADING_OR_TRAILING_WHITESPACE,
        "WARNING",
        _NOT_CODES,
        _BR_SUBJECT_INFORMATION + "; RFC 4518 2.6.1 (insignificant space handling)",
        "The value starts or ends with white space",
        "CN=' www.example.com'",
    ),
    Entry(
        whitespace.REPEATED_WHITESPACE,
        "NOTICE",
        _NOT_CODES,
        "RFC 4518 2.6.1 (repeated inner spaces are insignificant); heuristic",
        "The value contains two or more consecutive spaces",
        "O='Example  Corporation'",
    ),
)

# Reported instead of a crash if a rule ever raises: pkilint would turn an exception into a
# FATAL base.unhandled_exception finding, which must never come from this plugin.
ENTRIES += (
    Entry(
        "semantic_dn.rule_failed",
        "NOTICE",
        "any",
        "none: a defect in this plugin, reported instead of an exception",
        "A semantic DN rule could not check this value; the value was not checked",
        "(none)",
    ),
)

BY_CODE: dict[str, Entry] = {e.code: e for e in ENTRIES}

METADATA_COLUMNS = ("severity", "code", "source", "description")


def render_metadata_csv() -> str:
    """finding_metadata.csv in the columns pkimetal reads: severity,code,source,description."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(METADATA_COLUMNS)
    for entry in ENTRIES:
        writer.writerow((entry.severity, entry.code, entry.citation, entry.description))
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.write(render_metadata_csv())
