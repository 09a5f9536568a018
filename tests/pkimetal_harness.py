"""A pkilint process run the way pkimetal runs it, for the tests.

pkimetal (github.com/pkimetal/pkimetal, `linter/pkilint/handler.go`) does not call pkilint's
commands. Each of its pkilint workers is one long-lived process:

- `python3 -c <driver>`: the system interpreter, not the interpreter of pkilint's venv;
- working directory: the venv's site-packages (`PythonDir`). It is on `sys.path` only as ''
  (the working directory of `-c`), so Python never processes it as a site directory and the
  `.pth` files in it never run;
- at start-up the driver imports pkilint and builds every validator and finding filter once,
  with plain stock factory calls (no `additional_*` arguments);
- per request, stdin carries a profile id line and then PEM lines up to `END CERTIFICATE`;
  stdout answers with one line of `ReportGeneratorJson(results, DEBUG).generate()` (or an
  `F: ...` line) and then the sentinel line `[EndOfResults]`;
- stderr is only read when pkimetal stops the process.

`Driver` below is written for these tests with that process model (no pkimetal code is copied):
the same interpreter choice, working directory, start-up work and stdin/stdout protocol. Its
profile ids are its own (`PROFILE_IDS`); like pkimetal it builds validators for every TLS BR
certificate type, every S/MIME level and generation, and the PKIX linter.

A driver can be given extra Python lines, to try ways of activating the plugin:
`PRELUDE_DRIVER_PATCH` are the lines that `docs/pkimetal-driver.patch` adds to pkimetal's driver
(read from that file, so the test proves the patch as written), `AFTER_IMPORTS_ACTIVATE` the
explicit one-line alternative.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path

from helpers import ROOT
from pkilint_semantic_dn.adapter.linting import Finding

SENTINEL = "[EndOfResults]"
DRIVER_PATCH = ROOT / "docs" / "pkimetal-driver.patch"

# profile id -> (linter, certificate type or (level, generation); None: detect it)
PROFILES: dict[int, tuple[str, object]] = {
    0: ("pkix", None),
    100: ("tls", None),
    101: ("tls", "OV_FINAL_CERTIFICATE"),
    102: ("tls", "DV_FINAL_CERTIFICATE"),
    103: ("tls", "IV_FINAL_CERTIFICATE"),
    104: ("tls", "EV_FINAL_CERTIFICATE"),
    200: ("smime", None),
    201: ("smime", ("ORGANIZATION", "STRICT")),
    202: ("smime", ("SPONSORED", "STRICT")),
}
PROFILE_IDS = {
    "pkix": 0,
    "tls": 100,
    "tls_br/ov_final_certificate": 101,
    "tls_br/dv_final_certificate": 102,
    "tls_br/iv_final_certificate": 103,
    "tls_br/ev_final_certificate": 104,
    "smime": 200,
    "smime_br/organization/strict": 201,
    "smime_br/sponsored/strict": 202,
}


def _added_lines(patch: Path) -> list[str]:
    return [
        line[1:]
        for line in patch.read_text(encoding="utf-8").splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]


PRELUDE_DRIVER_PATCH = _added_lines(DRIVER_PATCH)
AFTER_IMPORTS_ACTIVATE = [
    "import pkilint_semantic_dn",
    "pkilint_semantic_dn.activate()",
]

_DRIVER = """\
import sys
{prelude}
from pkilint import finding_filter, loader, validation
from pkilint.cabf import serverauth, smime
from pkilint.cabf.serverauth import serverauth_constants
from pkilint.cabf.smime import smime_constants
from pkilint.pkix import certificate, extension, name
from pkilint.report import ReportGeneratorJson
{after_imports}

PROFILES = {profiles!r}

# Built once, reused for every request.
tls_decoding = serverauth.create_decoding_validators()
tls = {{
    t.name: (
        certificate.create_pkix_certificate_validator_container(
            tls_decoding, serverauth.create_validators(t)
        ),
        serverauth.create_serverauth_finding_filters(t),
    )
    for t in serverauth_constants.CertificateType
}}
smime_decoding = smime.create_decoding_validators()
smime_linters = {{
    (level.name, generation.name): certificate.create_pkix_certificate_validator_container(
        smime_decoding, smime.create_subscriber_validators(level, generation)
    )
    for level in smime_constants.ValidationLevel
    for generation in smime_constants.Generation
}}
pkix = certificate.create_pkix_certificate_validator_container(
    certificate.create_decoding_validators(
        name.ATTRIBUTE_TYPE_MAPPINGS, extension.EXTENSION_MAPPINGS
    ),
    [
        certificate.create_issuer_validator_container([]),
        certificate.create_validity_validator_container(),
        certificate.create_subject_validator_container([]),
        certificate.create_extensions_validator_container([]),
    ],
)


def lint(profile_id, pem):
    try:
        cert = loader.load_pem_certificate(pem, "")
        kind, key = PROFILES.get(profile_id, ("pkix", None))
        if kind == "tls":
            key = key or serverauth.determine_certificate_type(cert).name
            validator, filters = tls[key]
            results, _ = finding_filter.filter_results(
                filters, validator.validate(cert.root)
            )
        elif kind == "smime":
            if key is None:
                detected = smime.determine_validation_level_and_generation(cert)
                if detected is None:
                    return "E: Could not determine validation level and generation"
                key = (detected[0].name, detected[1].name)
            results = smime_linters[tuple(key)].validate(cert.root)
        else:
            results = pkix.validate(cert.root)
        return ReportGeneratorJson(
            results, validation.ValidationFindingSeverity.DEBUG
        ).generate()
    except Exception as e:
        return "F: Exception: " + str(e)


profile_id = None
pem_lines = []
for line in sys.stdin:
    if profile_id is None:
        profile_id = int(line.strip())
        continue
    pem_lines.append(line.strip() + "\\n")
    if "END CERTIFICATE" in line:
        print(lint(profile_id, "".join(pem_lines)))
        print({sentinel!r}, flush=True)
        profile_id = None
        pem_lines = []
"""


def driver_source(prelude=(), after_imports=()) -> str:
    return _DRIVER.format(
        prelude="\n".join(prelude),
        after_imports="\n".join(after_imports),
        profiles=PROFILES,
        sentinel=SENTINEL,
    )


def process_environment(**overrides: str) -> dict[str, str]:
    """The environment a pkimetal worker would see: no Python or plugin settings unless given."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "PKILINT_")) and k != "VIRTUAL_ENV"
    }
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # leave site-packages as it is
    env.update(overrides)
    return env


class DriverError(RuntimeError):
    pass


class Driver:
    """One pkimetal-style pkilint worker process. Start several at once: start-up is slow."""

    def __init__(
        self,
        python: Path,
        site_packages: Path,
        *,
        prelude=(),
        after_imports=(),
        env: dict[str, str] | None = None,
        timeout: float = 300,
    ):
        self.timeout = timeout
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(python), "-c", driver_source(prelude, after_imports)],
            cwd=site_packages,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            env=process_environment() if env is None else env,
        )

    def request(self, profile_id: int, pem: str) -> list[str]:
        """Writes one request and returns the lines before the sentinel."""
        watchdog = threading.Timer(self.timeout, self.process.kill)
        watchdog.start()
        try:
            self.process.stdin.write(f"{profile_id}\n{pem.strip()}\n")
            self.process.stdin.flush()
            lines = []
            while True:
                line = self.process.stdout.readline()
                if line == "":
                    raise DriverError(
                        f"driver exited ({self.process.poll()}): {self.stderr()}"
                    )
                line = line.rstrip("\n")
                if line == SENTINEL:
                    return lines
                lines.append(line)
        finally:
            watchdog.cancel()

    def findings(self, profile_id: int, pem: str) -> set[Finding]:
        """The findings of one request, as the vector CSVs list them."""
        lines = self.request(profile_id, pem)
        if len(lines) != 1 or not lines[0].startswith("{"):
            raise DriverError(f"not a JSON report: {lines!r}; stderr: {self.stderr()}")
        report = json.loads(lines[0])
        return {
            Finding(
                r["node_path"],
                r["validator"],
                fd["severity"],
                fd["code"],
                fd["message"] or "",
            )
            for r in report["results"]
            for fd in r["finding_descriptions"]
        }

    def stderr(self) -> str:
        self._stderr.flush()
        self._stderr.seek(0)
        return self._stderr.read()

    def close(self) -> str:
        """Stops the process as pkimetal does (closes stdin) and returns its stderr."""
        try:
            self.process.stdin.close()
            self.process.wait(timeout=60)
        except Exception:
            self.process.kill()
            self.process.wait()
        text = self.stderr()
        self._stderr.close()
        return text


def semantic(findings) -> set[Finding]:
    return {f for f in findings if f.code.startswith("semantic_dn.")}


def read_pkimetal_finding_metadata(text: str) -> dict[str, tuple[str, str, str]]:
    """code -> (severity, source, description), read as pkimetal reads `finding_metadata.csv*`:
    columns found by header name (severity, code, description required; source optional),
    rows shorter than the header's last needed column skipped, description stripped of quotes
    and spaces; without a source column the description is split at the first ": "."""
    rows = list(csv.reader(io.StringIO(text), skipinitialspace=True))
    header = rows[0]
    index = {
        c: header.index(c)
        for c in ("severity", "code", "source", "description")
        if c in header
    }
    missing = {"severity", "code", "description"} - set(index)
    if missing:
        raise ValueError(f"missing headers {missing}: pkimetal would skip the file")
    last = max(index.values())
    out = {}
    for row in rows[1:]:
        if len(row) <= last:
            continue
        description = row[index["description"]]
        source = row[index["source"]] if "source" in index else ""
        if "source" not in index and ": " in description:
            source, description = description.split(": ", 1)
        out[row[index["code"]]] = (
            row[index["severity"]],
            source,
            description.strip('" '),
        )
    return out
