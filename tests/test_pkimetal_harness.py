"""The plugin inside pkimetal's process model (see tests/pkimetal_harness.py, docs/pkimetal.md).

Proves, with a long-lived `python3 -c` driver whose working directory is a site-packages that
holds pkilint and the plugin:

- the problem: pkimetal's driver as it is never runs the plugin's start-up hook (and no other
  start-up file in its working directory runs either);
- the fix in docs/pkimetal-driver.patch (two lines): the incident replica comes back with its
  `semantic_dn.*` ERROR, clean certificates with none, findings identical to the vectors';
- the explicit alternative `pkilint_semantic_dn.activate()` after pkilint's imports: the same,
  and it honours PKILINT_SEMANTIC_DN=0;
- the plugin's finding_metadata.csv gives every finding a description the way pkimetal reads it.

The site-packages is the running venv's when the plugin is installed there as a regular wheel
(CI), else a new venv with the wheel built from this checkout (an editable dev install keeps
the package outside site-packages). A pip failure from an unreachable registry skips.
"""

from __future__ import annotations

import csv
import io
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

import environments
import pkimetal_harness as harness
from helpers import ROOT, VECTORS
from pkilint_semantic_dn.adapter import linting

# Subprocesses, new venvs, downloads or whole corpora: `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

INCIDENT_PEM = (ROOT / "examples" / "incident_tokyo_c_jp.pem").read_text(
    encoding="ascii"
)
OV = VECTORS / "embedded_attribute_assignment" / "tls_br" / "ov_final_certificate"
INCIDENT_VECTOR = OV / "incident_tokyo_c_jp.crttest"
NEAR_MISS_VECTOR = OV / "near_miss_secom_co_ltd.crttest"
SMIME_VECTOR = (
    VECTORS
    / "embedded_attribute_assignment"
    / "smime_br"
    / "organization"
    / "strict"
    / "smime_organization_name.crttest"
)
PKIX_VECTOR = (
    VECTORS / "embedded_attribute_assignment" / "pkix" / "dv_common_name_pkix.crttest"
)
CODE = "semantic_dn.embedded_attribute_assignment"


def _vector(path):
    return linting.read_crttest(path.read_text(encoding="utf-8"))


def _clean_ov_pem() -> str:
    import certs
    import vectorlib

    return certs.build_certificate(
        certs.PROFILES[vectorlib.OV], vectorlib.subject(vectorlib.OV), serial=0x6C65616E
    )


VARIANTS = {
    # pkimetal's driver as it is: the control.
    "stock": dict(),
    # docs/pkimetal-driver.patch applied.
    "driver_patch": dict(prelude=harness.PRELUDE_DRIVER_PATCH),
    # One explicit call after pkilint's imports, before the validators are built.
    "activate": dict(after_imports=harness.AFTER_IMPORTS_ACTIVATE),
    "activate_opted_out": dict(
        after_imports=harness.AFTER_IMPORTS_ACTIVATE,
        env=harness.process_environment(PKILINT_SEMANTIC_DN="0"),
    ),
}


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    return environments.stock_environment(tmp_path_factory)


@pytest.fixture(scope="module")
def drivers(environment):
    """Every variant started at once (each builds all validators: seconds of start-up)."""
    started = {
        name: harness.Driver(environment.base_python, environment.site_packages, **kw)
        for name, kw in VARIANTS.items()
    }
    yield started
    for d in started.values():
        d.close()


def test_driver_patch_is_what_the_harness_runs():
    assert harness.PRELUDE_DRIVER_PATCH[-2:] == ["import site", 'site.addsitedir(".")']


def test_working_directory_start_up_files_are_not_processed(environment, tmp_path):
    """With `python3 -c` in a directory, Python runs none of the start-up files there:
    no .pth, no sitecustomize, no usercustomize. site.addsitedir() runs the .pth files; a
    PYTHONPATH entry makes sitecustomize run (in every Python process that inherits it).
    """
    for name in ("zz_marker.pth", "sitecustomize.py", "usercustomize.py"):
        line = f"import sys; sys.__dict__.setdefault('markers', []).append({name!r})"
        (tmp_path / name).write_text(line + "\n", encoding="utf-8")
    show = "import sys; print(sorted(getattr(sys, 'markers', [])))"

    def run(code, **env):
        p = subprocess.run(
            [str(environment.base_python), "-c", code],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=harness.process_environment(**env),
            timeout=60,
        )
        assert p.returncode == 0, p.stderr
        return p.stdout.strip()

    assert run(show) == "[]"
    assert run("import site; site.addsitedir('.'); " + show) == "['zz_marker.pth']"
    assert "sitecustomize.py" in run(show, PYTHONPATH=str(tmp_path))


def test_stock_driver_misses_the_plugin(drivers, environment):
    """The problem: in pkimetal's process model the start-up hook never runs."""
    _, expected = _vector(INCIDENT_VECTOR)
    found = drivers["stock"].findings(
        harness.PROFILE_IDS["tls_br/ov_final_certificate"], INCIDENT_PEM
    )
    assert harness.semantic(found) == set(), (
        f"the plugin ran although nothing activated it: does {environment.base_python} "
        "process a pkilint_semantic_dn.pth of its own (user or system site-packages)?"
    )
    assert found == expected - harness.semantic(expected)


@pytest.mark.parametrize("variant", ["driver_patch", "activate"])
def test_incident_replica_is_reported(drivers, variant):
    _, expected = _vector(INCIDENT_VECTOR)
    driver = drivers[variant]
    for profile in ("tls_br/ov_final_certificate", "tls"):  # explicit and detected type
        found = driver.findings(harness.PROFILE_IDS[profile], INCIDENT_PEM)
        assert found == expected, profile
        ours = harness.semantic(found)
        assert [(f.severity, f.code) for f in ours] == [("ERROR", CODE)]
        assert "countryName" in next(iter(ours)).message


@pytest.mark.parametrize("variant", ["driver_patch", "activate"])
def test_clean_certificates_have_no_plugin_findings(drivers, variant):
    driver = drivers[variant]
    ov = harness.PROFILE_IDS["tls_br/ov_final_certificate"]
    assert harness.semantic(driver.findings(ov, _clean_ov_pem())) == set()
    near_miss_pem, expected = _vector(NEAR_MISS_VECTOR)
    assert driver.findings(ov, near_miss_pem) == expected
    assert harness.semantic(expected) == set()


@pytest.mark.parametrize("variant", ["driver_patch", "activate"])
def test_one_process_serves_many_requests(drivers, variant):
    """Validators are built once; findings do not leak from one request into the next."""
    driver = drivers[variant]
    ov = harness.PROFILE_IDS["tls_br/ov_final_certificate"]
    clean = _clean_ov_pem()
    for _ in range(3):
        assert [
            f.code for f in harness.semantic(driver.findings(ov, INCIDENT_PEM))
        ] == [CODE]
        assert harness.semantic(driver.findings(ov, clean)) == set()


@pytest.mark.parametrize("variant", ["driver_patch", "activate"])
def test_smime_and_pkix_linters(drivers, variant):
    driver = drivers[variant]
    pem, expected = _vector(SMIME_VECTOR)
    for profile in ("smime_br/organization/strict", "smime"):
        assert driver.findings(harness.PROFILE_IDS[profile], pem) == expected, profile
    # pkimetal's PKIX linter has no SPKI container, so compare the plugin's findings only.
    pem, expected = _vector(PKIX_VECTOR)
    found = driver.findings(harness.PROFILE_IDS["pkix"], pem)
    assert harness.semantic(found) == harness.semantic(expected) != set()


def test_activate_honours_the_opt_out(drivers):
    found = drivers["activate_opted_out"].findings(
        harness.PROFILE_IDS["tls_br/ov_final_certificate"], INCIDENT_PEM
    )
    _, expected = _vector(INCIDENT_VECTOR)
    assert found == expected - harness.semantic(expected)


def test_drivers_say_nothing_on_stderr(drivers):
    # Run one request each first, so that start-up has finished.
    with ThreadPoolExecutor(len(drivers)) as pool:
        list(pool.map(lambda d: d.request(0, INCIDENT_PEM), drivers.values()))
    for name, driver in drivers.items():
        assert driver.stderr() == "", name


def test_finding_metadata_gives_pkimetal_descriptions(environment, drivers):
    """pkimetal shows a finding's code and severity with the description it finds in the
    `finding_metadata.csv*` files of its working directory (never pkilint's message). The
    package's file (copied there, see docs/pkimetal.md) must load with no row skipped and
    describe every finding the driver reports. (That the file matches the catalogue is
    tests/test_metadata.py's business.)"""
    text = (
        environment.site_packages / "pkilint_semantic_dn" / "finding_metadata.csv"
    ).read_text(encoding="utf-8")
    metadata = harness.read_pkimetal_finding_metadata(text)
    assert len(metadata) == len(list(csv.DictReader(io.StringIO(text)))) > 0
    for code, (severity, source, description) in metadata.items():
        assert code.startswith("semantic_dn."), code
        assert severity in ("ERROR", "WARNING", "NOTICE", "INFO"), code
        assert source and description, code
    ov = harness.PROFILE_IDS["tls_br/ov_final_certificate"]
    reported = harness.semantic(drivers["driver_patch"].findings(ov, INCIDENT_PEM))
    assert reported
    for finding in reported:
        assert metadata[finding.code][0] == finding.severity
