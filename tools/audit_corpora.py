"""Lint every certificate of the peer corpora with the plugin active and audit its findings.

    python tools/audit_corpora.py                 # print the summary, write docs/corpus-audit.md
    python tools/audit_corpora.py --update        # also refresh tests/corpus_findings_reviewed.csv
    python tools/audit_corpora.py --corpora DIR   # another corpora folder
    python tools/audit_corpora.py --jobs 1        # no worker processes

The corpora (`../shared/corpora`, or `SEMANTIC_DN_CORPORA`) hold pkilint's vectors (PEM before
a CSV), zlint's test data (`openssl x509 -text` before the PEM), cryptography's x509 vectors
(PEM, DER, .crt, PEM with leading text, bundles, PKITS) and the Debian CA bundle. Every
certificate found in them is linted through pkilint's stock factory calls
(`linting.linter`): the plugin's findings appear only because the automatic registration put
its validators there. Each certificate's profile is the one pkilint's `--detect` chooses
(`linting.detect_profile`); when detection itself fails, the PKIX profile is used.

Inputs that hold no certificate (CRLs, CSRs, OCSP messages, keys) are counted and skipped;
inputs that claim to be certificates but cannot be decoded are reported, never fatal.

Every plugin finding must be reviewed once in `tests/corpus_findings_reviewed.csv`
(`tests/test_corpus_audit.py` fails on a finding missing there, on a recorded finding that
disappeared, and on rows still marked UNREVIEWED). `--update` rewrites that file from the
current findings, keeping the verdicts and reasons of rows that still match and marking new
rows `UNREVIEWED`; a human then fills in `verdict` (`true_positive` or `false_positive`) and
a one-line `reason`. False positives are fixed in the rules, not left in the file.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import collections
import csv
import hashlib
import io
import logging
import multiprocessing
import os
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_CORPORA = Path(
    os.environ.get("SEMANTIC_DN_CORPORA", ROOT.parent / "shared" / "corpora")
)
REVIEWED = ROOT / "tests" / "corpus_findings_reviewed.csv"
REPORT = ROOT / "docs" / "corpus-audit.md"

UNREVIEWED = "UNREVIEWED"
VERDICTS = ("true_positive", "false_positive")

# The corpora's own top-level folders; files elsewhere are counted under "other".
CORPUS_NAMES = (
    "pkilint-vectors",
    "zlint-testdata",
    "cryptography-x509",
    "debian-ca-certificates.crt",
)

_CERTIFICATE_LABELS = frozenset(
    {"CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"}
)
_PEM_BLOCK = re.compile(
    rb"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.DOTALL
)
_BASE64_TEXT = re.compile(rb"^[A-Za-z0-9+/=\s]+$")
_SKIPPED_NAMES = re.compile(r"^(LICENSE|README)", re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# Finding certificates in the corpora


class Item(NamedTuple):
    """One input: a certificate to lint, something that is not one, or an undecodable blob."""

    path: str  # corpus-relative, POSIX separators
    index: int  # position of the certificate in its file (PEM blocks count from 0)
    kind: str  # "certificate", "not_certificate" or "undecodable"
    der: bytes  # the certificate's DER (kind "certificate" only)
    detail: str  # what it is (non-certificates) or why it failed (undecodable)


def corpus_of(path: str) -> str:
    top = path.split("/", 1)[0]
    return top if top in CORPUS_NAMES else "other"


def _pem_body(body: bytes) -> bytes:
    """The base64 payload of a PEM block, without RFC 1421 header lines (`Proc-Type: ...`)."""
    lines = [line.strip() for line in body.splitlines()]
    return b"".join(line for line in lines if line and b":" not in line)


def _classify_der(der: bytes) -> str | None:
    """What a DER blob that is not a certificate is ("CRL", "CSR", ...), or None."""
    from pyasn1.codec.der import decoder
    from pyasn1_alt_modules import rfc2986, rfc5280, rfc6960

    for label, spec in (
        ("CRL", rfc5280.CertificateList()),
        ("CSR", rfc2986.CertificationRequest()),
        ("OCSP response", rfc6960.OCSPResponse()),
        ("OCSP request", rfc6960.OCSPRequest()),
    ):
        try:
            _, rest = decoder.decode(der, asn1Spec=spec)
        except Exception:
            continue
        if not rest:
            return label
    return None


def _is_certificate_der(der: bytes) -> bool:
    from pyasn1.codec.der import decoder
    from pyasn1_alt_modules import rfc5280

    try:
        decoder.decode(der, asn1Spec=rfc5280.Certificate())
    except Exception:
        return False
    return True


def _der_item(path: str, index: int, der: bytes) -> Item:
    if _is_certificate_der(der):
        return Item(path, index, "certificate", der, "")
    label = _classify_der(der)
    if label is not None:
        return Item(path, index, "not_certificate", b"", label)
    return Item(
        path, index, "undecodable", b"", "not DER of a certificate, CRL, CSR or OCSP"
    )


def items_in_file(path: Path, relative: str) -> Iterator[Item]:
    data = path.read_bytes()
    if b"-----BEGIN " in data:
        index = 0
        for match in _PEM_BLOCK.finditer(data):
            label = match.group(1).decode("ascii")
            if label not in _CERTIFICATE_LABELS:
                yield Item(relative, -1, "not_certificate", b"", f"PEM {label}")
                continue
            try:
                der = base64.b64decode(_pem_body(match.group(2)), validate=True)
            except (binascii.Error, ValueError) as e:
                yield Item(relative, index, "undecodable", b"", f"bad base64 ({e})")
            else:
                if label == "TRUSTED CERTIFICATE":  # OpenSSL appends trust settings
                    der = _first_der_element(der)
                yield Item(relative, index, "certificate", der, "")
            index += 1
        return
    if data[:1] == b"\x30":
        yield _der_item(relative, 0, data)
        return
    if data.strip() and _BASE64_TEXT.match(data):
        try:
            der = base64.b64decode(b"".join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            der = b""
        if der[:1] == b"\x30":
            yield _der_item(relative, 0, der)
            return
    yield Item(relative, -1, "undecodable", b"", "neither PEM, DER nor base64 DER")


def _first_der_element(der: bytes) -> bytes:
    """The first TLV of `der` (a certificate followed by other data)."""
    if len(der) < 2:
        return der
    length = der[1]
    if length < 0x80:
        return der[: 2 + length]
    n = length & 0x7F
    return der[: 2 + n + int.from_bytes(der[2 : 2 + n], "big")]


def discover(corpora: Path) -> list[Item]:
    """Every input of the corpora, in a stable order."""
    out: list[Item] = []
    for path in sorted(p for p in corpora.rglob("*") if p.is_file()):
        relative = path.relative_to(corpora).as_posix()
        if _SKIPPED_NAMES.match(path.name) or path.suffix == ".md":
            continue
        out.extend(items_in_file(path, relative))
    return out


# --------------------------------------------------------------------------------------------
# Linting


class PluginFinding(NamedTuple):
    path: str
    index: int
    sha256: str
    profile: str
    node_path: str
    code: str
    severity: str
    value: str
    message: str

    def key(self) -> tuple:
        return (
            self.path,
            str(self.index),
            self.sha256,
            self.node_path,
            self.code,
            self.value,
        )


class Outcome(NamedTuple):
    path: str
    index: int
    sha256: str
    profile: str  # "" when the certificate could not be decoded
    # "linted"; "pkix_fallback" (detection failed); "engine_only" (pkilint cannot decode it,
    # its subject went through engine.check_subject); "undecodable" (nothing can decode it)
    status: str
    detail: str
    findings: tuple[PluginFinding, ...]
    # The plugin failing: `semantic_dn.rule_failed` from any validator, or any FATAL finding
    # (an unhandled exception among them) from one of the plugin's validators.
    plugin_crashes: tuple[str, ...]


_worker_ready = False


def _prepare_worker() -> None:
    """Silence pkilint's exception logging and make sure the plugin is active."""
    global _worker_ready
    if _worker_ready:
        return
    logging.disable(logging.CRITICAL)
    warnings.simplefilter(
        "ignore"
    )  # cryptography's deprecation notes on odd certificates
    import pkilint.pkix.certificate  # noqa: F401  (fires the start-up hook's trigger)
    from pkilint_semantic_dn.adapter import registration

    if not registration.is_installed():
        raise SystemExit(
            "the plugin is not active in this interpreter (PKILINT_SEMANTIC_DN=0, or the "
            "package is not installed with its .pth hook): the audit would see no findings"
        )
    _worker_ready = True


def lint_item(item: Item) -> Outcome:
    _prepare_worker()
    from pkilint import finding_filter

    from pkilint_semantic_dn.adapter import linting, validators
    from pkilint_semantic_dn.core import registry

    our_validators = {r.validator for r in registry.rules()} | {"SemanticDnValidator"}

    sha256 = hashlib.sha256(item.der).hexdigest()
    try:
        doc = linting.load_der(item.der, f"{item.path}#{item.index}")
    except Exception as e:
        return _engine_only(
            item, sha256, f"pkilint cannot decode it ({type(e).__name__})"
        )
    status, detail = "linted", ""
    try:
        profile = linting.detect_profile(doc)
    except Exception as e:
        profile, status = "pkix", "pkix_fallback"
        detail = f"--detect failed ({type(e).__name__})"
    validator, filters = linting.linter(profile)
    try:
        results = validator.validate(doc.root)
        results, _ = finding_filter.filter_results(filters, results)
    except Exception as e:
        return Outcome(
            item.path,
            item.index,
            sha256,
            profile,
            "undecodable",
            f"pkilint failed while linting ({type(e).__name__})",
            (),
            (),
        )
    findings = []
    crashes = []
    for result in results:
        ours = result.validator.name in our_validators
        for description in result.finding_descriptions:
            code = description.finding.code
            fatal = str(description.finding.severity) == "FATAL"
            if code == "semantic_dn.rule_failed" or (ours and fatal):
                crashes.append(
                    f"{result.node.path}: {result.validator.name} {code}: "
                    f"{description.message}"
                )
                continue
            if not (ours or code.startswith("semantic_dn.")):
                continue
            value = validators.attribute_value(result.node)
            findings.append(
                PluginFinding(
                    item.path,
                    item.index,
                    sha256,
                    profile,
                    result.node.path,
                    code,
                    str(description.finding.severity),
                    value if value is not None else "",
                    description.message or "",
                )
            )
    return Outcome(
        item.path,
        item.index,
        sha256,
        profile,
        status,
        detail,
        tuple(sorted(findings)),
        tuple(crashes),
    )


def _lenient_subject(der: bytes) -> list[tuple[str, str | None]]:
    """The subject's (type OID, value) pairs, decoded with pyasn1's lenient BER decoder and
    pkilint's attribute mappings (for certificates whose other parts pkilint rejects).
    """
    from pkilint import cabf
    from pyasn1.codec.ber import decoder
    from pyasn1.type import univ
    from pyasn1_alt_modules import rfc5280

    certificate, _ = decoder.decode(der, asn1Spec=rfc5280.Certificate())
    out: list[tuple[str, str | None]] = []
    for rdn in certificate["tbsCertificate"]["subject"]["rdnSequence"]:
        for atv in rdn:
            oid = str(atv["type"])
            spec = cabf.NAME_ATTRIBUTE_MAPPINGS.get(atv["type"])
            value = None
            if spec is not None:
                try:
                    decoded, _ = decoder.decode(atv["value"], asn1Spec=spec)
                    if isinstance(decoded, univ.Choice):
                        decoded = decoded.getComponent()
                    value = str(decoded)
                except Exception:
                    value = None
            out.append((oid, value))
    return out


def _engine_only(item: Item, sha256: str, why: str) -> Outcome:
    """A certificate pkilint cannot decode (nor can its CLI): its subject, decoded leniently,
    goes through `engine.check_subject`, so the rules still see its values."""
    from pkilint_semantic_dn.core import engine

    try:
        subject = _lenient_subject(item.der)
    except Exception as e:
        return Outcome(
            item.path,
            item.index,
            sha256,
            "",
            "undecodable",
            f"{why}; its subject cannot be decoded either ({type(e).__name__})",
            (),
            (),
        )
    hits = engine.check_subject(subject)
    crashes = tuple(
        f"engine:subject.{hit.index}: {hit.rule} {hit.code}: {hit.message}"
        for hit in hits
        if hit.code == engine.RULE_FAILED.code
    )
    findings = tuple(
        sorted(
            PluginFinding(
                item.path,
                item.index,
                sha256,
                "engine",
                f"engine:subject.{hit.index}",
                hit.code,
                hit.severity,
                hit.value,
                hit.message,
            )
            for hit in hits
            if hit.code != engine.RULE_FAILED.code
        )
    )
    return Outcome(
        item.path,
        item.index,
        sha256,
        "",
        "engine_only",
        f"{why}; subject checked with engine.check_subject",
        findings,
        crashes,
    )


def lint_items(items: list[Item], jobs: int) -> list[Outcome]:
    certificates = [i for i in items if i.kind == "certificate"]
    if jobs <= 1 or len(certificates) < 50:
        return [lint_item(i) for i in certificates]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(jobs, initializer=_prepare_worker) as pool:
        return pool.map(lint_item, certificates, chunksize=25)


# --------------------------------------------------------------------------------------------
# The audit: counts, the reviewed file, the report


class Audit(NamedTuple):
    items: list[Item]
    outcomes: list[Outcome]
    seconds: float

    @property
    def findings(self) -> list[PluginFinding]:
        return sorted(f for o in self.outcomes for f in o.findings)


def run(corpora: Path = DEFAULT_CORPORA, jobs: int | None = None) -> Audit:
    start = time.perf_counter()
    items = discover(corpora)
    outcomes = lint_items(items, jobs if jobs is not None else (os.cpu_count() or 1))
    return Audit(items, outcomes, time.perf_counter() - start)


REVIEWED_COLUMNS = (
    "path",
    "index",
    "sha256",
    "node_path",
    "code",
    "value",
    "severity",
    "profile",
    "verdict",
    "reason",
)
KEY_COLUMNS = REVIEWED_COLUMNS[:6]


def read_reviewed(path: Path = REVIEWED) -> dict[tuple, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {tuple(r[c] for c in KEY_COLUMNS): r for r in rows}


def render_reviewed(findings: Iterable[PluginFinding], old: dict[tuple, dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REVIEWED_COLUMNS)
    seen = set()
    for f in sorted(findings):
        key = f.key()
        if key in seen:
            continue
        seen.add(key)
        previous = old.get(key, {})
        writer.writerow(
            (
                *key,
                f.severity,
                f.profile,
                previous.get("verdict") or UNREVIEWED,
                previous.get("reason", ""),
            )
        )
    return out.getvalue()


def compare(
    findings: Iterable[PluginFinding], reviewed: dict[tuple, dict]
) -> dict[str, list]:
    """What a human must look at: new findings, vanished rows, unreviewed or bad verdicts."""
    current = {f.key(): f for f in findings}
    problems: dict[str, list] = {
        "new": [current[k] for k in sorted(set(current) - set(reviewed))],
        "disappeared": [reviewed[k] for k in sorted(set(reviewed) - set(current))],
        "unreviewed": [],
        "bad_verdict": [],
    }
    for key, row in sorted(reviewed.items()):
        if row["verdict"] == UNREVIEWED:
            problems["unreviewed"].append(row)
        elif row["verdict"] not in VERDICTS or not row["reason"].strip():
            problems["bad_verdict"].append(row)
    return problems


def _cell(text: str, limit: int = 80) -> str:
    text = text.replace("|", "\\|").replace("\n", " ").replace("`", "'")
    return text if len(text) <= limit else text[:limit] + "..."


def render_report(audit: Audit, reviewed: dict[tuple, dict], command: str) -> str:
    from pkilint_semantic_dn.core import catalogue

    items_by_corpus: dict[str, collections.Counter] = collections.defaultdict(
        collections.Counter
    )
    for item in audit.items:
        if item.kind != "certificate":
            items_by_corpus[corpus_of(item.path)][item.kind] += 1
    findings_by_corpus: dict[str, collections.Counter] = collections.defaultdict(
        collections.Counter
    )
    for o in audit.outcomes:
        c = items_by_corpus[corpus_of(o.path)]
        c["certificates"] += 1
        c[o.status] += 1
        if o.findings:
            c["with_findings"] += 1
        for f in o.findings:
            findings_by_corpus[corpus_of(o.path)][f.severity] += 1

    lines = [
        "# Corpus audit",
        "",
        "Every certificate of the peer corpora (`../shared/corpora`, see its README) linted "
        "through pkilint's stock factories with this plugin active, each with the profile "
        "pkilint's `--detect` chooses. Generated by:",
        "",
        "```sh",
        command,
        "```",
        "",
        "Every plugin finding below is reviewed in "
        "[`tests/corpus_findings_reviewed.csv`](../tests/corpus_findings_reviewed.csv); "
        "`tests/test_corpus_audit.py` fails when a finding appears that is not there, when a "
        "recorded one disappears, or when a row is still `UNREVIEWED`.",
        "",
        "## Inputs",
        "",
        "| corpus | certificates | linted (detected profile) | PKIX fallback (--detect "
        "failed) | pkilint cannot decode: subject through the engine | undecodable | "
        "not certificates (CRL, CSR, OCSP, keys) | certificates with plugin findings | "
        "ERROR | WARNING | NOTICE |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total: collections.Counter = collections.Counter()
    for name in sorted(items_by_corpus):
        c = items_by_corpus[name] + findings_by_corpus[name]
        total.update(c)
        lines.append(_counts_row(name, c))
    lines.append(_counts_row("**all**", total))

    profiles = collections.Counter(o.profile for o in audit.outcomes if o.profile)
    lines += [
        "",
        "Profiles chosen: "
        + ", ".join(
            f"`{p}` {n}"
            for p, n in sorted(profiles.items(), key=lambda x: (-x[1], x[0]))
        )
        + ".",
        "",
        "## Findings by rule",
        "",
        "| code | severity | findings | certificates | true positive | false positive | "
        "unreviewed |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    by_code: dict[str, list[PluginFinding]] = collections.defaultdict(list)
    for f in audit.findings:
        by_code[f.code].append(f)
    for entry in catalogue.entries():
        found = by_code.pop(entry.code, [])
        lines.append(_rule_row(entry.code, entry.severity, found, reviewed))
    for code, found in sorted(by_code.items()):  # codes not in the catalogue (a bug)
        lines.append(_rule_row(code, found[0].severity, found, reviewed))
    crashes = [(o.path, o.index, c) for o in audit.outcomes for c in o.plugin_crashes]
    lines += [
        "",
        "Plugin failures (`semantic_dn.rule_failed` from any validator, any FATAL from a "
        f"plugin validator): {len(crashes)}.",
    ]
    for path, index, crash in crashes:
        lines.append(f"- `{path}` #{index}: {_cell(crash, 200)}")

    lines += ["", "## Findings", ""]
    if audit.findings:
        lines += [
            "| certificate | code | value | verdict | reason |",
            "|---|---|---|---|---|",
        ]
        for f in audit.findings:
            row = reviewed.get(f.key(), {})
            lines.append(
                f"| `{f.path}` #{f.index} | `{f.code}` | `{_cell(f.value)}` | "
                f"{row.get('verdict', UNREVIEWED)} | {_cell(row.get('reason', ''), 200)} |"
            )
    else:
        lines.append("None.")

    problems = [o for o in audit.outcomes if o.status != "linted"] + [
        i for i in audit.items if i.kind == "undecodable"
    ]
    lines += [
        "",
        "## Inputs that were not linted with their detected profile",
        "",
        "Reported, never fatal. `engine_only`: pkilint cannot decode the certificate (as its "
        "own CLI cannot), so its subject, decoded leniently (pyasn1 BER), was checked with "
        "`engine.check_subject` (findings with node path `engine:subject.N`); `undecodable`: "
        "nothing can decode it; `pkix_fallback`: pkilint's `--detect` raised, the PKIX "
        "profile was used.",
        "",
    ]
    if problems:
        lines += ["| input | status | why |", "|---|---|---|"]
        for p in problems:
            status = p.status if isinstance(p, Outcome) else "undecodable"
            index = f" #{p.index}" if p.index >= 0 else ""
            lines.append(f"| `{p.path}`{index} | {status} | {_cell(p.detail, 120)} |")
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def _counts_row(name: str, c: collections.Counter) -> str:
    return (
        f"| {name} | {c['certificates']} | {c['linted']} | {c['pkix_fallback']} | "
        f"{c['engine_only']} | {c['undecodable']} | {c['not_certificate']} | {c['with_findings']} | "
        f"{c['ERROR']} | {c['WARNING']} | {c['NOTICE']} |"
    )


def _rule_row(code, severity, found, reviewed) -> str:
    verdicts = collections.Counter(
        reviewed.get(f.key(), {}).get("verdict", UNREVIEWED) for f in found
    )
    certificates = len({(f.path, f.index) for f in found})
    return (
        f"| `{code}` | {severity} | {len(found)} | {certificates} | "
        f"{verdicts['true_positive']} | {verdicts['false_positive']} | "
        f"{verdicts[UNREVIEWED]} |"
    )


def summary(audit: Audit) -> str:
    kinds = collections.Counter(i.kind for i in audit.items)
    statuses = collections.Counter(o.status for o in audit.outcomes)
    codes = collections.Counter(f.code for f in audit.findings)
    lines = [
        f"{kinds['certificate']} certificates ({statuses['linted']} linted with the detected "
        f"profile, {statuses['pkix_fallback']} with the PKIX fallback, "
        f"{statuses['engine_only']} only through the engine, "
        f"{statuses['undecodable']} undecodable); {kinds['not_certificate']} other documents "
        f"skipped; {kinds['undecodable']} undecodable inputs; {audit.seconds:.1f} s",
    ]
    lines += [f"  {code}: {n}" for code, n in sorted(codes.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument(
        "--update",
        action="store_true",
        help=f"rewrite {REVIEWED.relative_to(ROOT)} (new rows {UNREVIEWED})",
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes")
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(
            f"corpora not found at {args.corpora} (set SEMANTIC_DN_CORPORA)",
            file=sys.stderr,
        )
        return 2

    audit = run(args.corpora, args.jobs)
    reviewed = read_reviewed()
    if args.update:
        REVIEWED.write_text(render_reviewed(audit.findings, reviewed), encoding="utf-8")
        reviewed = read_reviewed()
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(
        render_report(audit, reviewed, "python tools/audit_corpora.py"),
        encoding="utf-8",
    )
    print(summary(audit))
    problems = compare(audit.findings, reviewed)
    for kind, rows in problems.items():
        if rows:
            print(f"{kind}: {len(rows)}")
    return 1 if any(problems.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
