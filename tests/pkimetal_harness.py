"""pkimetal's real pkilint driver, run the way pkimetal runs it, for the tests.

The driver is `../shared/peers/pkimetal/driver-9b59b8d.py`: the Python text that pkimetal
v1.49.0+ (commit 9b59b8d, 2026-08-21) generates in `linter/pkilint/handler.go`, dumped verbatim
(read, run and patched here; nothing of it is copied into this repository). pkimetal
(`linter/linter.go` at that commit) runs it as follows, and `Driver` does the same:

- `exec.Command("python3", "-c", driver)`: the interpreter named `python3` on PATH, not the
  interpreter of pkilint's environment; here the base interpreter of the running venv;
- working directory `PythonDir`, pkilint's site-packages; here a `pip install --target` tree
  holding pkilint and the plugin (`target_tree`);
- it waits (no deadline) for the line `[Ready]`, printed once every validator is built;
- per request it writes `fmt.Sprintf("%d\\n%s\\n", profileId, strings.TrimSpace(pem))`, the
  PEM re-encoded by Go's `pem.EncodeToMemory` (64 columns), and scans stdout line by line up to
  `[EndOfResults]`; a JSON line is pkilint's report, a line like `F: ...` a finding of its own.

Variants of the driver are made the way an operator would make them: `docs/pkimetal-driver.patch`
applied with `git apply` (`patched_driver_source`), or the `activate()` lines of
docs/pkimetal.md inserted after the driver's imports (`activate_driver_source`).

For tests written against the earlier, home-made driver (tests/test_upstream_patch.py), `Driver`
still takes `prelude=` (lines inserted where the patch inserts its lines) and `after_imports=`,
and `PROFILE_IDS` maps the profile names of this project's vectors to pkimetal's profile ids.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path

import pytest

import environments
from helpers import CORPORA, ROOT
from pkilint_semantic_dn.adapter.linting import Finding

# Beside the corpora: ../shared/peers, or the sibling of SEMANTIC_DN_CORPORA.
PEERS = CORPORA.parent / "peers"
DRIVER_FILE = PEERS / "pkimetal" / "driver-9b59b8d.py"
HANDLER_FILE = PEERS / "pkimetal" / "handler.go"
PKILINT_SOURCE = PEERS / "pkilint" / "pkilint-0.13.3-src-31d62c9.tar.gz"
# The pkilint that pkimetal at that commit builds (its go.mod: github.com/digicert/pkilint v0.13.3).
PKIMETAL_PKILINT = "0.13.3"

READY = "[Ready]"
SENTINEL = "[EndOfResults]"
DRIVER_PATCH = ROOT / "docs" / "pkimetal-driver.patch"
DOCS = ROOT / "docs" / "pkimetal.md"


def require_peers(*paths: Path) -> None:
    """Skips when a peer file is missing, or fails under SEMANTIC_DN_REQUIRE_CORPORA=1 (CI)."""
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        message = f"peer files not found: {', '.join(missing)} (beside {CORPORA})"
        if os.environ.get("SEMANTIC_DN_REQUIRE_CORPORA") == "1":
            pytest.fail(message)
        pytest.skip(message)


def driver_text() -> str:
    require_peers(DRIVER_FILE)
    return DRIVER_FILE.read_text(encoding="utf-8")


# -- the driver's profile ids, read from the driver itself ------------------------------------


def _ids(name: str, text: str) -> set[int]:
    match = re.search(rf"^{name} = \{{([0-9, ]*)\}}$", text, re.M)
    assert match, f"{name} not found in the driver"
    return {int(i) for i in match.group(1).split(",")}


def _id_of(member: str, text: str) -> int:
    (found,) = re.findall(rf"^\s*(\d+): {re.escape(member)}(?!\w)", text, re.M)
    return int(found)


def profile_ids() -> dict[str, int]:
    """Profile names of this project's vectors -> pkimetal profile ids, as the driver maps
    them (`tls`: a TLS id that is not in the driver's dictionary, so it detects the type;
    every S/MIME id is in its dictionary, so S/MIME types are never detected; `pkix`: an id
    no branch claims, so the PKIX linter runs)."""
    text = driver_text()
    serverauth = re.findall(r"^\s*(\d+): serverauth_constants", text, re.M)
    claimed = set().union(
        *(
            _ids(n, text)
            for n in (
                "sbr_profile_ids",
                "tbr_tevg_profile_ids",
                "etsi_profile_ids",
                "crl_profile_ids",
                "ocspresponse_profile_ids",
            )
        )
    )
    return {
        "tls_br/ov_final_certificate": _id_of(
            "serverauth_constants.CertificateType.OV_FINAL_CERTIFICATE", text
        ),
        "tls": min(_ids("tbr_tevg_profile_ids", text) - {int(i) for i in serverauth}),
        "smime_br/organization/strict": _id_of(
            "[smime_constants.ValidationLevel.ORGANIZATION, "
            "smime_constants.Generation.STRICT]",
            text,
        ),
        "etsi/qncp_w_ov_eidas_final_certificate": _id_of(
            "etsi_constants.CertificateType.QNCP_W_OV_EIDAS_FINAL_CERTIFICATE", text
        ),
        "pkix": min(i for i in range(1000) if i not in claimed),
    }


def __getattr__(name):
    """`PROFILE_IDS`, read from the driver on first use: importing this module needs no peer
    files, and a missing driver skips (or in CI fails) only the tests that use it."""
    if name == "PROFILE_IDS":
        globals()["PROFILE_IDS"] = ids = profile_ids()
        return ids
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- variants of the driver, made as an operator would make them -----------------------------


def _git_apply(patch: Path, tree: Path, *extra: str) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.fail("git is needed to apply docs/pkimetal-driver.patch (git apply)")
    environments.run(
        [git, "apply", *extra, patch],
        what=f"git apply {patch.name} in {tree}",
        cwd=tree,
        GIT_CEILING_DIRECTORIES=str(
            tree.parent
        ),  # a plain directory, never a repository
    )


def patched_driver_source(workdir: Path) -> str:
    """The driver with docs/pkimetal-driver.patch applied by `git apply`.

    The patch is written against pkimetal's `linter/pkilint/handler.go`, whose raw string is
    the driver; its hunk holds only Python lines, so the same patch applies to the dump. It is
    applied to both (a copy of handler.go v1.49.0+ must take it too); the patched dump is
    returned.
    """
    require_peers(DRIVER_FILE, HANDLER_FILE)
    for name, source in (("pkimetal", HANDLER_FILE), ("driver", DRIVER_FILE)):
        tree = workdir / name
        target = tree / "linter" / "pkilint" / "handler.go"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        _git_apply(DRIVER_PATCH, tree)
    return (workdir / "driver" / "linter" / "pkilint" / "handler.go").read_text(
        encoding="utf-8"
    )


def added_lines(patch: Path) -> list[str]:
    return [
        line[1:]
        for line in patch.read_text(encoding="utf-8").splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]


def documented_activate_lines() -> list[str]:
    """The lines docs/pkimetal.md gives for the explicit call (the first ```python block
    after the heading "Route B, one explicit call in the driver")."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Route B, one explicit call in the driver", 1)[1]
    block = section.split("```python\n", 1)[1].split("```", 1)[0]
    return block.strip("\n").splitlines()


def _insert(text: str, after: str, lines) -> str:
    lines = list(lines)
    if not lines:
        return text
    source = text.splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(source) if line.rstrip("\n") == after]
    return "".join(
        source[: index + 1] + [line + "\n" for line in lines] + source[index + 1 :]
    )


# The driver's last import line, and the line after which the patch inserts its lines.
LAST_IMPORT = "from pkilint.report import ReportGeneratorJson"
PATCH_ANCHOR = "from sys import stdin"


def activate_driver_source() -> str:
    """The driver with the documented `activate()` lines after its imports (before any
    validator is built)."""
    return _insert(driver_text(), LAST_IMPORT, documented_activate_lines())


PRELUDE_DRIVER_PATCH = added_lines(DRIVER_PATCH)
AFTER_IMPORTS_ACTIVATE = [
    "import pkilint_semantic_dn",
    "pkilint_semantic_dn.activate()",
]


# -- the environment pkimetal's worker runs in ------------------------------------------------


def base_python() -> Path:
    """The interpreter the running venv was made from: it processes no site-packages holding
    this plugin (pkimetal's `python3`)."""
    version = "python%d.%d" % sys.version_info[:2]
    candidate = Path(sys.base_prefix) / "bin" / version
    if candidate.exists():
        return candidate
    return Path(getattr(sys, "_base_executable", sys.executable))


def target_tree(tmp_path_factory, name: str, requirements) -> Path:
    """`pip install --target <dir> <requirements>`, once per session: pkilint's site-packages
    as pkimetal's `PythonDir` (the image builds a venv; what matters is the same: a directory
    that is not a site directory of the `python3` that runs the driver)."""
    key = f"target:{name}"
    if key not in environments._cache:
        path = environments._session_dir(tmp_path_factory, name) / "site-packages"
        environments.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-warn-conflicts",
                "--target",
                path,
                *requirements,
            ],
            what=f"pip install --target {name}: {' '.join(map(str, requirements))}",
        )
        environments._cache[key] = path
    return environments._cache[key]


def stock_tree(tmp_path_factory) -> Path:
    """pkilint as pkimetal v1.49.0+ pins it, and this plugin's wheel."""
    return target_tree(
        tmp_path_factory,
        "pkimetal-stock",
        [environments.wheel(tmp_path_factory), f"pkilint=={PKIMETAL_PKILINT}"],
    )


def entry_point_patch() -> Path:
    """upstream's entry point patch (its name may carry a series number)."""
    found = sorted((ROOT / "upstream").glob("*entry*point*.patch"))
    assert (
        len(found) == 1
    ), f"expected one entry point patch in upstream/, found {found}"
    return found[0]


def entry_point_tree(tmp_path_factory) -> Path:
    """The shared pkilint 0.13.3 source with upstream's entry point patch, and this plugin."""
    key = "target:pkimetal-entry-point"
    if key not in environments._cache:
        require_peers(PKILINT_SOURCE)
        work = environments._session_dir(tmp_path_factory, "pkilint-entry-point-src")
        with tarfile.open(PKILINT_SOURCE) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(work, filter="data")
            else:  # Python < 3.10.12 / 3.11.4
                tar.extractall(work)
        source = work / "pkilint"
        _git_apply(entry_point_patch(), source)
        target_tree(
            tmp_path_factory,
            "pkimetal-entry-point",
            [source, environments.wheel(tmp_path_factory)],
        )
    return environments._cache[key]


def process_environment(**overrides: str) -> dict[str, str]:
    """The environment a pkimetal worker would see: no Python or plugin settings unless given."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "PKILINT_")) and k != "VIRTUAL_ENV"
    }
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # leave the tree as it is
    env.update(overrides)
    return env


def pem_as_pkimetal_sends(pem: str) -> str:
    """The PEM as pkimetal writes it: decoded, re-encoded by Go's pem.EncodeToMemory (64
    columns), then strings.TrimSpace."""
    body = "".join(
        line.strip()
        for line in pem.strip().splitlines()
        if not line.startswith("-----")
    )
    der = base64.b64decode(body, validate=True)
    b64 = base64.b64encode(der).decode("ascii")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return "\n".join(
        ["-----BEGIN CERTIFICATE-----", *lines, "-----END CERTIFICATE-----"]
    )


# -- one worker ------------------------------------------------------------------------------


class DriverError(RuntimeError):
    pass


class Driver:
    """One pkimetal pkilint worker: the real driver (or a variant of it), started at once;
    `[Ready]` is awaited on the first request, so several can start side by side."""

    def __init__(
        self,
        python: Path,
        site_packages: Path,
        *,
        source: str | None = None,
        prelude=(),
        after_imports=(),
        env: dict[str, str] | None = None,
        timeout: float = 600,
    ):
        text = driver_text() if source is None else source
        text = _insert(text, PATCH_ANCHOR, prelude)
        text = _insert(text, LAST_IMPORT, after_imports)
        self.source = text
        self.timeout = timeout
        self._ready = False
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(python), "-c", text],
            cwd=site_packages,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            env=process_environment() if env is None else env,
        )

    def _line(self) -> str:
        line = self.process.stdout.readline()
        if line == "":
            raise DriverError(
                f"driver exited ({self.process.poll()}): {self.stderr()[-4000:]}"
            )
        return line.rstrip("\n")

    def _await_ready(self) -> None:
        if not self._ready:
            line = self._line()
            if line != READY:
                raise DriverError(f"expected {READY}, got {line!r}")
            self._ready = True

    def request(self, profile_id: int, pem: str) -> list[str]:
        """One request as pkimetal writes it; the lines before `[EndOfResults]`."""
        watchdog = threading.Timer(self.timeout, self.process.kill)
        watchdog.start()
        try:
            self._await_ready()
            self.process.stdin.write("%d\n%s\n" % (profile_id, pem.strip()))
            self.process.stdin.flush()
            lines = []
            while (line := self._line()) != SENTINEL:
                lines.append(line)
            return lines
        finally:
            watchdog.cancel()

    def report(self, profile_id: int, pem: str) -> dict:
        lines = self.request(profile_id, pem_as_pkimetal_sends(pem))
        if len(lines) != 1 or not lines[0].startswith("{"):
            raise DriverError(f"not a JSON report: {lines!r}; stderr: {self.stderr()}")
        return json.loads(lines[0])

    def findings(self, profile_id: int, pem: str) -> set[Finding]:
        """The findings of one request, as the vector CSVs list them (with pkilint's
        message, which pkimetal itself drops)."""
        return {
            Finding(
                r["node_path"],
                r["validator"],
                fd["severity"],
                fd["code"],
                fd["message"] or "",
            )
            for r in self.report(profile_id, pem)["results"]
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


# -- what pkimetal makes of a report ---------------------------------------------------------


def read_pkimetal_finding_metadata(text: str) -> dict[str, tuple[str, str, str]]:
    """code -> (severity, source, description), read as pkimetal's findingMetadata.go reads a
    `finding_metadata.csv*` file: columns by header name (severity, code, description
    required; source optional), rows shorter than the last needed column skipped,
    description stripped of quotes and spaces; without a source column the description is
    split at the first ": "."""
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


def pkimetal_results(report: dict, metadata) -> list[tuple[str, str, str, str]]:
    """(severity, code, field, finding text) per finding, as pkimetal's parseResultToken and
    the pkilint linter's ProcessResult produce them: the message is dropped, the finding text
    is the code, replaced by the metadata's description when the code has a row (the source
    column is read but never shown)."""
    out = []
    for r in report["results"]:
        for fd in r["finding_descriptions"]:
            text = fd["code"]
            if fd["code"] in metadata:
                text = metadata[fd["code"]][2]
            out.append((fd["severity"].lower(), fd["code"], r["node_path"], text))
    return out
