"""Lint a certificate the way pkilint's stock commands do, through the stock factory calls.

Used by the vector tests, the vector generator and the corpus tools. Nothing here adds the
plugin explicitly: whether `semantic_dn.*` findings appear depends on the automatic path, which
is exactly what the tests want to prove.

Suites and types are named as in pkilint's own vector folders: `tls_br/<type>`,
`smime_br/<level>/<generation>`, `etsi/<type>`, `pkix`.
"""

from __future__ import annotations

import csv
import functools
import io
from typing import NamedTuple

from pkilint import finding_filter, loader, validation
from pkilint.cabf import serverauth, smime
from pkilint.cabf.serverauth import serverauth_constants
from pkilint.cabf.smime import smime_constants
from pkilint import etsi
from pkilint.etsi import etsi_constants
from pkilint.pkix import certificate, extension, name

from pkilint_semantic_dn.adapter import shared_psl

CSV_HEADER = ("node_path", "validator", "severity", "code", "message")


class Finding(NamedTuple):
    node_path: str
    validator: str
    severity: str
    code: str
    message: str  # "" when the finding has no message

    def csv_row(self) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(self)
        return out.getvalue()


def _tls_type(name_: str):
    return serverauth_constants.CertificateType[name_.upper()]


def _etsi_type(name_: str):
    return etsi_constants.CertificateType[name_.upper()]


def _smime_type(level: str, generation: str):
    return (
        smime_constants.ValidationLevel[level.upper()],
        smime_constants.Generation[generation.upper()],
    )


@functools.lru_cache(maxsize=None)
def linter(profile: str):
    """(validator, finding filters) for a profile path such as `tls_br/ov_final_certificate`.

    Built with the same calls as pkilint's own CLIs (`build_linter`); cached because building
    is slow and the validators are stateless. The linters of a process share one parsed
    public-suffix list (`shared_psl`): pkilint would parse it again for each of several
    validators of every linter, 200 ms each time; the findings are the same.
    """
    shared_psl.install()
    return build_linter(profile)


def build_linter(profile: str):
    """A fresh `linter(profile)`, built exactly as pkilint's own CLIs build it."""
    suite, _, rest = profile.partition("/")
    if suite == "tls_br":
        cert_type = _tls_type(rest)
        return (
            certificate.create_pkix_certificate_validator_container(
                serverauth.create_decoding_validators(),
                serverauth.create_validators(cert_type),
            ),
            serverauth.create_serverauth_finding_filters(cert_type),
        )
    if suite == "smime_br":
        level, generation = rest.split("/")
        v, g = _smime_type(level, generation)
        return (
            certificate.create_pkix_certificate_validator_container(
                smime.create_decoding_validators(),
                smime.create_subscriber_validators(v, g),
            ),
            [],
        )
    if suite == "etsi":
        cert_type = _etsi_type(rest)
        return (
            certificate.create_pkix_certificate_validator_container(
                etsi.create_decoding_validators(cert_type),
                etsi.create_validators(cert_type),
            ),
            etsi.create_etsi_finding_filters(cert_type),
        )
    if suite == "pkix":
        return (
            certificate.create_pkix_certificate_validator_container(
                certificate.create_decoding_validators(
                    name.ATTRIBUTE_TYPE_MAPPINGS, extension.EXTENSION_MAPPINGS
                ),
                [
                    certificate.create_issuer_validator_container([]),
                    certificate.create_validity_validator_container(),
                    certificate.create_subject_validator_container([]),
                    certificate.create_extensions_validator_container([]),
                    certificate.create_spki_validator_container([]),
                ],
            ),
            [],
        )
    raise ValueError(f"unknown profile {profile!r}")


def load_pem(pem: str, name_: str = "certificate"):
    doc = loader.RFC5280CertificateDocumentLoader().load_pem_document(pem, name_)
    doc.decode()
    return doc


def lint(profile: str, doc) -> set[Finding]:
    """Every finding pkilint reports for the document under the profile, after its filters."""
    validator, filters = linter(profile)
    results = validator.validate(doc.root)
    results, _ = finding_filter.filter_results(filters, results)
    return {
        Finding(
            r.node.path,
            str(r.validator),
            str(fd.finding.severity),
            fd.finding.code,
            fd.message or "",
        )
        for r in results
        for fd in r.finding_descriptions
    }


def read_crttest(text: str) -> tuple[str, set[Finding]]:
    """(PEM, expected findings) of a `.crttest` file, parsed as pkilint's test runner does."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    end = next(i for i, line in enumerate(lines) if "-----END CERTIFICATE-----" in line)
    pem = "\n".join(lines[: end + 1]) + "\n"
    rows = csv.DictReader(io.StringIO("\n".join(lines[end + 1 :])))
    expected = {
        Finding(
            r["node_path"], r["validator"], r["severity"], r["code"], r["message"] or ""
        )
        for r in rows
    }
    return pem, expected


def write_crttest(pem: str, findings: set[Finding]) -> str:
    body = "".join(f.csv_row() for f in sorted(findings))
    return pem.rstrip("\n") + "\n\n" + ",".join(CSV_HEADER) + "\n" + body


def detect_profile(doc) -> str:
    """The profile pkilint's `--detect` would choose: S/MIME when the certificate carries a
    CA/B Forum S/MIME policy OID (as `lint_cabf_smime_cert lint -d`), otherwise the TLS type
    that `lint_cabf_serverauth_cert lint -d` determines (it treats unknown leaf certificates as
    DV subscribers)."""
    level_generation = smime.determine_validation_level_and_generation(doc)
    if level_generation is not None:
        level, generation = level_generation
        return f"smime_br/{level.name.lower()}/{generation.name.lower()}"
    return f"tls_br/{serverauth.determine_certificate_type(doc).name.lower()}"


def load_der(der: bytes, name_: str = "certificate"):
    doc = loader.RFC5280CertificateDocumentLoader().load_der_document(der, name_)
    doc.decode()
    return doc
