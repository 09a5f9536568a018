"""Proof of the upstream patch series against pkilint's own test suite.

Unpacks the shared pkilint source (the commit whose Python files equal the 0.13.3 release,
with its tests), applies the patches of `upstream/series` in order with `git apply`, creates a
venv, installs the patched pkilint with its `dev` extra and runs pkilint's test suite with the
venv's `bin` first on PATH (its CLI smoke tests start the console scripts). Prints the counts
and the time.

    python tools/upstream_suite.py                  # the series, pkilint's full suite
    python tools/upstream_suite.py --stock          # no patch: the stock suite, for comparison
    python tools/upstream_suite.py --fast           # the series, only the tests it adds/touches
    python tools/upstream_suite.py --with-plugin    # also install this plugin and check that
                                                    # no finding is reported twice

`--with-plugin` installs this repository (not editable) into the same venv after the suite,
lints every vector the series adds, and the incident replica, through pkilint's factories
(TLS, S/MIME, ETSI, as pkilint's integration tests build them), and fails when a node carries a
finding of a ported rule under both its pkilint code and its `semantic_dn.*` code. The
mapping is `UPSTREAM_RULES` in `pkilint_semantic_dn/adapter/upstream_detect.py`.

Needs git and the package registry (pip). PKILINT_SOURCE_ARCHIVE names another copy of the
source archive. Exit status 0 when everything passed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT / "upstream"
SERIES = UPSTREAM / "series"
SOURCE = (
    ROOT.parent / "shared" / "peers" / "pkilint" / "pkilint-0.13.3-src-31d62c9.tar.gz"
)
INCIDENT = ROOT / "examples" / "incident_tokyo_c_jp.pem"

# The tests the fast mode runs: the plugin mechanism, the string modules' unit tests, the
# metadata CSVs, the validation report and every integration test module (their vectors are
# selected by name below: collecting them builds pkilint's validators, which the validation
# report test needs; run alone it fails on stock pkilint too, see upstream/README.md).
FAST_TESTS = (
    "tests/test_plugin.py",
    "tests/common",
    "tests/test_finding_metadata_csv_smoke.py",
    "tests/test_validation_report.py",
)


class Tree(NamedTuple):
    source: Path  # the pkilint source tree, patched
    venv: Path
    python: Path
    bin: Path


class SuiteResult(NamedTuple):
    passed: int
    failed: int
    errors: int
    skipped: int
    seconds: float
    returncode: int
    summary: str
    output: str


def series(path: Path = SERIES) -> list[Path]:
    """The patches of the series, in the order they apply (one file name a line, `#` comments)."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(path.parent / line)
    return names


def _run(
    args, *, cwd=None, env=None, timeout=1800, what=""
) -> subprocess.CompletedProcess:
    p = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if p.returncode != 0:
        raise RuntimeError(
            f"{what or args[0]} failed (exit {p.returncode}):\n"
            f"{(p.stdout + p.stderr)[-4000:]}"
        )
    return p


def _clean_env(**overrides) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "PKILINT", "PIP_REQUIRE_VIRTUALENV"))
        and k != "VIRTUAL_ENV"
    }
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    env.update(overrides)
    return env


def unpack(workdir: Path, archive: Path = SOURCE) -> Path:
    """The shared pkilint source unpacked under workdir, as a git repository with one commit."""
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(workdir, filter="data")
        else:  # Python < 3.10.12 / 3.11.4
            tar.extractall(workdir)
    source = workdir / "pkilint"
    git = shutil.which("git")
    if git is None:
        raise RuntimeError("git is needed to apply the series (git apply)")
    env = _clean_env(
        GIT_CEILING_DIRECTORIES=str(workdir),
        GIT_AUTHOR_NAME="upstream_suite",
        GIT_AUTHOR_EMAIL="upstream_suite@localhost",
        GIT_COMMITTER_NAME="upstream_suite",
        GIT_COMMITTER_EMAIL="upstream_suite@localhost",
    )
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["commit", "-q", "--no-gpg-sign", "-m", "pkilint 0.13.3 source (31d62c9)"],
    ):
        _run([git, *args], cwd=source, env=env, what=f"git {args[0]}")
    return source


def apply(source: Path, patches) -> None:
    """Applies the patches in order; each must apply cleanly on top of the previous one."""
    git = shutil.which("git")
    env = _clean_env(GIT_CEILING_DIRECTORIES=str(source.parent))
    for patch in patches:
        _run(
            [git, "apply", "--verbose", patch],
            cwd=source,
            env=env,
            what=f"git apply {Path(patch).name}",
        )


def create_venv(workdir: Path, source: Path, extra=()) -> Tree:
    """A venv with the (patched) pkilint and its dev extra (pytest, fastapi, httpx, black)."""
    venv = workdir / "venv"
    _run([sys.executable, "-m", "venv", venv], what="python -m venv")
    python = venv / "bin" / "python"
    _run(
        [python, "-m", "pip", "install", "--quiet", f"{source}[dev]", *extra],
        env=_clean_env(),
        what="pip install pkilint[dev]",
    )
    return Tree(source, venv, python, venv / "bin")


def source_archive() -> Path:
    """The shared pkilint source: PKILINT_SOURCE_ARCHIVE, or ../shared/peers beside the clone."""
    return Path(os.environ.get("PKILINT_SOURCE_ARCHIVE", SOURCE))


def prepare(workdir: Path, patches) -> Tree:
    archive = source_archive()
    if not archive.is_file():
        raise RuntimeError(
            f"the pkilint source archive is not here: {archive} (PKILINT_SOURCE_ARCHIVE)"
        )
    source = unpack(workdir, archive)
    apply(source, patches)
    return create_venv(workdir, source)


def tree_env(tree: Tree, **overrides) -> dict[str, str]:
    env = _clean_env(**overrides)
    env["PATH"] = f"{tree.bin}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(tree.venv)
    return env


_COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|deselected)")


def run_suite(tree: Tree, selection=(), timeout=3600, **env) -> SuiteResult:
    """pkilint's tests (all, or the selection: pytest node ids / -k expressions as arguments)."""
    started = time.monotonic()
    p = subprocess.run(
        [
            str(tree.python),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *(selection or ["tests"]),
        ],
        cwd=tree.source,
        env=tree_env(tree, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    seconds = time.monotonic() - started
    lines = [l for l in p.stdout.strip().splitlines() if l.strip()]
    summary = lines[-1] if lines else ""
    counts = {"passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    for number, kind in _COUNT.findall(summary):
        key = "errors" if kind.startswith("error") else kind
        if key in counts:
            counts[key] = int(number)
    return SuiteResult(
        seconds=seconds,
        returncode=p.returncode,
        summary=summary,
        output=p.stdout + p.stderr,
        **counts,
    )


def install_plugin(tree: Tree) -> None:
    """This repository, installed as users install it (not editable: its .pth hook included)."""
    _run(
        [tree.python, "-m", "pip", "install", "--quiet", "--no-deps", ROOT],
        env=_clean_env(),
        what="pip install pkilint-semantic-dn",
    )


def added_vectors(patches) -> list[str]:
    """The integration vectors (tests/integration_certificate/...) that the patches add."""
    found = []
    for patch in patches:
        for line in Path(patch).read_text(encoding="utf-8").splitlines():
            if line.startswith(
                "+++ b/tests/integration_certificate/"
            ) and line.endswith(".crttest"):
                found.append(line[len("+++ b/") :])
    return found


# Python source for a pkilint process: `container(parts)` builds the validator container and
# finding filters of a vector directory (tests/integration_certificate/<parts>) as pkilint's
# integration tests build them. Also used by benchmarks/upstream_cost.py.
CONTAINER_SOURCE = r"""
import json, sys
from pathlib import Path
from pkilint import loader
from pkilint import finding_filter
from pkilint.cabf import serverauth, smime
from pkilint.cabf.serverauth import serverauth_constants
from pkilint.cabf.smime import smime_constants
from pkilint import etsi
from pkilint.etsi import etsi_constants
from pkilint.pkix import certificate

def container(parts):
    kind = parts[0]
    if kind == "tls_br":
        t = serverauth_constants.CertificateType[parts[1].upper()]
        return certificate.create_pkix_certificate_validator_container(
            serverauth.create_decoding_validators(), serverauth.create_validators(t)
        ), serverauth.create_serverauth_finding_filters(t)
    if kind == "smime_br":
        level = smime_constants.ValidationLevel[parts[1].upper()]
        generation = smime_constants.Generation[parts[2].upper()]
        return certificate.create_pkix_certificate_validator_container(
            smime.create_decoding_validators(),
            smime.create_subscriber_validators(level, generation),
        ), []
    if kind == "etsi":
        t = etsi_constants.CertificateType[parts[1].upper()]
        return certificate.create_pkix_certificate_validator_container(
            etsi.create_decoding_validators(t), etsi.create_validators(t)
        ), etsi.create_etsi_finding_filters(t)
    raise ValueError(parts)
"""

# Runs in the venv: lints files with pkilint's factories as its integration tests build them,
# prints one JSON line per file: [[node_path, validator, code], ...].
_LINT_SCRIPT = CONTAINER_SOURCE + r"""
for arg in sys.argv[1:]:
    path, kind = arg.split("::")
    text = Path(path).read_text(encoding="utf-8")
    pem = text[: text.index("-----END CERTIFICATE-----") + 25]
    validator, filters = container(kind.split("/"))
    doc = loader.load_pem_certificate(pem, path)
    results, _ = finding_filter.filter_results(filters, validator.validate(doc.root))
    print(json.dumps(sorted(
        [r.node.path, str(r.validator), fd.finding.code]
        for r in results for fd in r.finding_descriptions
    )))
"""


def duplicate_check(tree: Tree, patches) -> tuple[int, list[str]]:
    """(findings of ported rules seen, problems): lints the added vectors and the incident with
    pkilint's factories while this plugin is installed. A problem is a node carrying one
    finding under its pkilint code and its semantic_dn code."""
    mapping = _mapping(tree)
    args = []
    for vector in added_vectors(patches):
        parts = Path(vector).parts[2:-1]  # after tests/integration_certificate
        args.append(f"{tree.source / vector}::{'/'.join(parts)}")
    args.append(f"{INCIDENT}::tls_br/ov_final_certificate")
    p = _run(
        [tree.python, "-c", _LINT_SCRIPT, *args],
        env=tree_env(tree),
        what="linting the series' vectors with the plugin installed",
    )
    problems = []
    seen = 0
    for arg, line in zip(args, p.stdout.splitlines()):
        findings = json.loads(line)
        by_node: dict[str, set[str]] = {}
        for node_path, _, code in findings:
            by_node.setdefault(node_path, set()).add(code)
        for node_path, codes in by_node.items():
            for pkilint_code, ours in mapping.items():
                if pkilint_code in codes:
                    seen += 1
                    if codes & set(ours):
                        problems.append(
                            f"{arg.split('::')[0]}: {node_path} has {pkilint_code} "
                            f"and {sorted(codes & set(ours))}"
                        )
    if p.stderr.strip():
        problems.append(f"stderr: {p.stderr.strip()[-2000:]}")
    return seen, problems


def _mapping(tree: Tree) -> dict[str, tuple[str, ...]]:
    code = (
        "import json\n"
        "from pkilint_semantic_dn.adapter import upstream_detect as u\n"
        "print(json.dumps(u.code_mapping()))\n"
    )
    p = _run([tree.python, "-c", code], env=tree_env(tree), what="reading the mapping")
    return {k: tuple(v) for k, v in json.loads(p.stdout).items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stock", action="store_true", help="apply no patch")
    parser.add_argument(
        "--fast",
        action="store_true",
        help="only pkilint's plugin, metadata and report tests, the unit tests and the "
        "vectors that the series adds",
    )
    parser.add_argument(
        "--with-plugin",
        action="store_true",
        help="then install this plugin too and check that no finding is reported twice",
    )
    parser.add_argument(
        "--keep", type=Path, help="work here and keep it (default: a temp dir)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    patches = [] if args.stock else series()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="upstream_suite."))
    workdir.mkdir(parents=True, exist_ok=True)
    report: dict = {"patches": [p.name for p in patches], "workdir": str(workdir)}
    try:
        started = time.monotonic()
        tree = prepare(workdir, patches)
        report["setup_seconds"] = round(time.monotonic() - started, 1)
        selection = fast_selection(patches) if args.fast else ()
        result = run_suite(tree, selection)
        report.update(
            passed=result.passed,
            failed=result.failed,
            errors=result.errors,
            skipped=result.skipped,
            suite_seconds=round(result.seconds, 1),
            summary=result.summary,
        )
        ok = result.returncode == 0
        if not ok:
            print(result.output[-6000:], file=sys.stderr)
        if args.with_plugin:
            install_plugin(tree)
            seen, problems = duplicate_check(tree, patches)
            report.update(ported_findings_checked=seen, reported_twice=problems)
            # with the series, the check must have seen the ported rules' findings
            ok = ok and not problems and (seen > 0 or not patches)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"patches: {', '.join(report['patches']) or '(none: stock pkilint)'}\n"
            f"setup (unpack, apply, venv, install): {report['setup_seconds']} s\n"
            f"pkilint suite: {report['passed']} passed, {report['failed']} failed, "
            f"{report['errors']} errors, {report['skipped']} skipped "
            f"in {report['suite_seconds']} s  [{report['summary']}]"
        )
        if args.with_plugin:
            print(
                f"with this plugin installed: {report['ported_findings_checked']} findings "
                f"of ported rules checked, {len(report['reported_twice'])} reported twice"
            )
            for problem in report["reported_twice"]:
                print(f"  {problem}")
    return 0 if ok else 1


def fast_selection(patches) -> list[str]:
    """pytest arguments: FAST_TESTS plus the integration tests of the vectors the series adds
    or changes, selected with -k by their file names (a -k term matches as a substring, so a
    stock vector whose name contains a new one's runs too)."""
    vectors, modules = set(), set()
    for patch in patches:
        for line in Path(patch).read_text(encoding="utf-8").splitlines():
            if not line.startswith("+++ b/tests/"):
                continue
            name = Path(line[len("+++ b/") :])
            if name.suffix == ".crttest" and name.parts[1] == "integration_certificate":
                vectors.add(name.stem)
            elif name.suffix == ".py" and name.name.startswith("test_"):
                modules.add(name.stem)
    selection = list(FAST_TESTS)
    if vectors:
        # -k also applies to FAST_TESTS: keep their modules whole by name.
        keep = sorted(modules | {Path(t).stem for t in FAST_TESTS if t.endswith(".py")})
        selection += [
            "tests/integration_certificate",
            "-k",
            " or ".join(keep + sorted(vectors)),
        ]
    return selection


if __name__ == "__main__":
    sys.exit(main())
