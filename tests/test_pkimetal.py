"""The plugin in pkimetal, proved with pkimetal's real driver (see tests/pkimetal_harness.py and
docs/pkimetal.md).

pkimetal v1.49.0+'s pkilint driver (`../shared/peers/pkimetal/driver-9b59b8d.py`) runs as
`python3 -c "$DRIVER"` in a `pip install --target` tree holding pkilint and the plugin, and is
spoken to with pkimetal's protocol. For each route docs/pkimetal.md offers:

- `driver_patch`: docs/pkimetal-driver.patch applied with `git apply` (also to pkimetal's
  handler.go);
- `activate`: the two `activate()` lines of docs/pkimetal.md after the driver's imports;
- `entry_point`: the driver unchanged, over pkilint 0.13.3 (the shared source) with upstream's
  entry point patch;

the incident replica under profile 27 (tbr_leaf_tlsserver_ov) comes back with exactly its
vector's findings, `semantic_dn.embedded_attribute_assignment` among them, and its clean twin
(the same certificate with `ST=Tokyo`) with the stock findings alone. The control, the driver as
pkimetal ships it over stock pkilint, reports no plugin finding: the problem the routes solve.
"""

from __future__ import annotations

import csv
import io
import subprocess
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest

import pkimetal_harness as harness
from helpers import ROOT, VECTORS
from pkilint_semantic_dn.adapter import linting

# Subprocesses, new venvs, downloads or whole corpora: `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

CODE = "semantic_dn.embedded_attribute_assignment"
EMBEDDED = VECTORS / "embedded_attribute_assignment"
INCIDENT_PEM = (ROOT / "examples" / "incident_tokyo_c_jp.pem").read_text(
    encoding="ascii"
)
INCIDENT_VECTOR = EMBEDDED / "tls_br/ov_final_certificate/incident_tokyo_c_jp.crttest"
NEAR_MISS_VECTOR = (
    EMBEDDED / "tls_br/ov_final_certificate/near_miss_secom_co_ltd.crttest"
)
SMIME_VECTOR = EMBEDDED / "smime_br/organization/strict/smime_organization_name.crttest"
ETSI_DIR = EMBEDDED / "etsi/qncp_w_ov_eidas_final_certificate"
PKIX_VECTOR = EMBEDDED / "pkix/dv_common_name_pkix.crttest"
ROUTES = ["driver_patch", "activate", "entry_point"]


def _vector(path):
    return linting.read_crttest(path.read_text(encoding="utf-8"))


def _clean_twin_pem() -> str:
    """The incident replica with `ST=Tokyo`: same profile, serial, key, dates and SAN."""
    import certs
    import generate_vectors
    import vectorlib

    subject = vectorlib.subject(
        vectorlib.OV,
        C="JP",
        ST="Tokyo",
        L="Minato-ku",
        O="Example K.K.",
        CN="www.example.jp",
    )
    return certs.build_certificate(
        certs.PROFILES[vectorlib.OV],
        subject,
        serial=generate_vectors.serial_for(
            "embedded_attribute_assignment/incident_tokyo_c_jp"
        ),
        dns_name="www.example.jp",
    )


@pytest.fixture(scope="module")
def trees(tmp_path_factory):
    harness.require_peers(harness.DRIVER_FILE, harness.HANDLER_FILE)
    return {
        "stock": harness.stock_tree(tmp_path_factory),
        "entry_point": harness.entry_point_tree(tmp_path_factory),
    }


@pytest.fixture(scope="module")
def drivers(trees, tmp_path_factory):
    """Every worker started at once (each builds all of pkilint's validators: seconds)."""
    python = harness.base_python()
    patched = harness.patched_driver_source(tmp_path_factory.mktemp("driver-patch"))
    specs = {
        "control": (trees["stock"], harness.driver_text(), {}),
        "driver_patch": (trees["stock"], patched, {}),
        "activate": (trees["stock"], harness.activate_driver_source(), {}),
        "activate_opted_out": (
            trees["stock"],
            harness.activate_driver_source(),
            {"PKILINT_SEMANTIC_DN": "0"},
        ),
        "entry_point": (trees["entry_point"], harness.driver_text(), {}),
    }
    started = {
        name: harness.Driver(
            python, tree, source=source, env=harness.process_environment(**env)
        )
        for name, (tree, source, env) in specs.items()
    }
    yield started
    for d in started.values():
        d.close()


def test_profile_ids_are_pkimetal_s():
    ids = harness.PROFILE_IDS
    assert ids["tls_br/ov_final_certificate"] == 27  # tbr_leaf_tlsserver_ov
    assert ids["smime_br/organization/strict"] == 47
    assert ids["etsi/qncp_w_ov_eidas_final_certificate"] == 77


def test_driver_patch_applies_to_pkimetal_and_to_the_driver(tmp_path):
    source = harness.patched_driver_source(tmp_path)
    added = harness.added_lines(harness.DRIVER_PATCH)
    assert added[-2:] == ["import site", 'site.addsitedir(".")']
    lines = source.splitlines()
    start = lines.index(harness.PATCH_ANCHOR) + 1
    assert lines[start : start + len(added)] == added
    assert lines.index(added[-1]) < lines.index(
        "from pkilint import etsi, finding_filter, loader, pkix, validation"
    )
    # Nothing else changed.
    original = harness.driver_text().splitlines()
    assert lines[:start] + lines[start + len(added) :] == original


def test_documented_activate_lines():
    assert harness.documented_activate_lines() == [
        "import pkilint_semantic_dn",
        "pkilint_semantic_dn.activate()",
    ]


_FACTS = textwrap.dedent("""
    import importlib.metadata, json, site, sys
    facts = {
        "path0": sys.path[0],
        "site_dirs": site.getsitepackages() + [site.getusersitepackages()],
        "hook_ran": "pkilint_semantic_dn.adapter.hook" in sys.modules,
        "pkilint": importlib.metadata.version("pkilint"),
        "entry_points": sorted(
            [e.group, e.name]
            for e in importlib.metadata.distribution("pkilint-semantic-dn").entry_points
        ),
    }
    site.addsitedir(".")
    facts["hook_ran_after_addsitedir"] = "pkilint_semantic_dn.adapter.hook" in sys.modules
    print(json.dumps(facts))
    """)


def test_what_a_target_tree_is_to_python3(trees):
    """What really happens with `pip install --target` and `python3 -c` in that directory:
    the plugin's .pth sits at the tree's root, the directory is on sys.path only as '' and is
    not a site directory, so the .pth never runs (nor with the tree on PYTHONPATH); imports and
    `importlib.metadata` (hence pkilint's entry points) do see the tree; `site.addsitedir(".")`
    (the driver patch) runs the .pth."""
    import json

    tree = trees["stock"]
    assert (tree / "pkilint_semantic_dn.pth").read_text(
        encoding="utf-8"
    ).strip() == "import pkilint_semantic_dn.adapter.hook"
    for env in ({}, {"PYTHONPATH": str(tree)}):
        p = subprocess.run(
            [str(harness.base_python()), "-c", _FACTS],
            cwd=tree,
            capture_output=True,
            text=True,
            env=harness.process_environment(**env),
            timeout=120,
        )
        assert p.returncode == 0, p.stderr
        facts = json.loads(p.stdout)
        assert facts["path0"] == "", env
        assert str(tree) not in facts["site_dirs"], env
        assert facts["hook_ran"] is False, env
        assert facts["pkilint"] == harness.PKIMETAL_PKILINT
        assert ["pkilint.subject_validators", "semantic_dn"] in facts["entry_points"]
        assert facts["hook_ran_after_addsitedir"] is True, env


def test_start_up_files_in_the_working_directory_do_not_run(tmp_path):
    """With `python3 -c` in a directory, Python runs none of the start-up files there: no
    .pth, no sitecustomize, no usercustomize. site.addsitedir() runs the .pth files; a
    PYTHONPATH entry makes sitecustomize (and usercustomize, with user site-packages on) run
    in every Python process that inherits it, but not the .pth."""
    for name in ("zz_marker.pth", "sitecustomize.py", "usercustomize.py"):
        line = f"import sys; sys.__dict__.setdefault('markers', []).append({name!r})"
        (tmp_path / name).write_text(line + "\n", encoding="utf-8")
    show = "import sys; print(sorted(getattr(sys, 'markers', [])))"

    def run(code, **env):
        p = subprocess.run(
            [str(harness.base_python()), "-c", code],
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
    assert "zz_marker.pth" not in run(show, PYTHONPATH=str(tmp_path))
    assert "sitecustomize.py" in run(show, PYTHONPATH=str(tmp_path))


def test_the_driver_as_shipped_misses_the_plugin(drivers):
    """The control: pkimetal's driver over stock pkilint never runs the start-up hook."""
    _, expected = _vector(INCIDENT_VECTOR)
    ov = harness.PROFILE_IDS["tls_br/ov_final_certificate"]
    found = drivers["control"].findings(ov, INCIDENT_PEM)
    assert harness.semantic(found) == set(), (
        f"the plugin ran although nothing activated it: does {harness.base_python()} "
        "process a pkilint_semantic_dn.pth of its own (user or system site-packages)?"
    )
    assert found == expected - harness.semantic(expected)


@pytest.mark.parametrize("route", ROUTES)
def test_incident_replica_and_its_clean_twin(drivers, route):
    _, expected = _vector(INCIDENT_VECTOR)
    ov = harness.PROFILE_IDS["tls_br/ov_final_certificate"]
    driver = drivers[route]
    found = driver.findings(ov, INCIDENT_PEM)
    assert found == expected
    ours = harness.semantic(found)
    assert [(f.severity, f.code, f.node_path) for f in ours] == [
        ("ERROR", CODE, "certificate.tbsCertificate.subject.rdnSequence.1.0")
    ]
    assert driver.findings(ov, _clean_twin_pem()) == expected - ours


def test_clean_twin_differs_only_in_state():
    from cryptography import x509

    incident = x509.load_pem_x509_certificate(INCIDENT_PEM.encode())
    twin = x509.load_pem_x509_certificate(_clean_twin_pem().encode())
    assert incident.serial_number == twin.serial_number
    assert list(incident.extensions) == list(twin.extensions)
    assert incident.not_valid_before_utc == twin.not_valid_before_utc
    differing = [
        (a.rfc4514_string(), b.rfc4514_string())
        for a, b in zip(incident.subject, twin.subject)
        if a != b
    ]
    assert differing == [("ST=Tokyo\\, C=JP", "ST=Tokyo")]


@pytest.mark.parametrize("route", ROUTES)
def test_every_linter_of_the_driver(drivers, route):
    """Detected TLS type, S/MIME, ETSI (wired in the driver since pkimetal 2024-11) and PKIX
    all carry the plugin."""
    driver = drivers[route]
    ids = harness.PROFILE_IDS
    _, expected = _vector(INCIDENT_VECTOR)
    assert driver.findings(ids["tls"], INCIDENT_PEM) == expected
    near_miss_pem, near_miss = _vector(NEAR_MISS_VECTOR)
    assert (
        driver.findings(ids["tls_br/ov_final_certificate"], near_miss_pem) == near_miss
    )
    assert harness.semantic(near_miss) == set()
    pem, expected = _vector(SMIME_VECTOR)
    assert driver.findings(ids["smime_br/organization/strict"], pem) == expected
    # pkimetal applies ETSI's finding filters only to its "non browser" profiles, and its
    # PKIX linter has no SPKI container: compare the plugin's findings there.
    etsi_vectors = sorted(ETSI_DIR.glob("*.crttest"))
    assert etsi_vectors
    for path in etsi_vectors:
        pem, expected = _vector(path)
        found = driver.findings(ids["etsi/qncp_w_ov_eidas_final_certificate"], pem)
        assert harness.semantic(found) == harness.semantic(expected), path.name
    pem, expected = _vector(PKIX_VECTOR)
    found = driver.findings(ids["pkix"], pem)
    assert harness.semantic(found) == harness.semantic(expected) != set()


@pytest.mark.parametrize("route", ROUTES)
def test_one_process_serves_many_requests(drivers, route):
    """Validators are built once; findings do not leak from one request into the next."""
    driver = drivers[route]
    ov = harness.PROFILE_IDS["tls_br/ov_final_certificate"]
    twin = _clean_twin_pem()
    for _ in range(3):
        assert [
            f.code for f in harness.semantic(driver.findings(ov, INCIDENT_PEM))
        ] == [CODE]
        assert harness.semantic(driver.findings(ov, twin)) == set()


def test_activate_honours_the_opt_out(drivers):
    _, expected = _vector(INCIDENT_VECTOR)
    ov = harness.PROFILE_IDS["tls_br/ov_final_certificate"]
    assert drivers["activate_opted_out"].findings(ov, INCIDENT_PEM) == (
        expected - harness.semantic(expected)
    )


def test_drivers_say_nothing_on_stderr(drivers):
    """pkimetal logs a worker's stderr line by line as it comes: nothing should come."""
    with ThreadPoolExecutor(len(drivers)) as pool:
        list(pool.map(lambda d: d.request(0, INCIDENT_PEM), drivers.values()))
    for name, driver in drivers.items():
        assert driver.stderr() == "", name


def test_pkimetal_shows_the_description(trees, drivers):
    """pkimetal keeps a finding's severity, code and node path and shows, as the finding's
    text, the description of the code from the `finding_metadata.csv*` files of its working
    directory; pkilint's message is dropped and the `source` column is never shown. The
    package's file, copied there (docs/pkimetal.md), loads with no row skipped and describes
    every finding the driver reports."""
    text = (trees["stock"] / "pkilint_semantic_dn" / "finding_metadata.csv").read_text(
        encoding="utf-8"
    )
    metadata = harness.read_pkimetal_finding_metadata(text)
    assert len(metadata) == len(list(csv.DictReader(io.StringIO(text)))) > 0
    for code, (severity, source, description) in metadata.items():
        assert code.startswith("semantic_dn."), code
        assert severity in ("ERROR", "WARNING", "NOTICE", "INFO"), code
        assert source and description, code
    ov = harness.PROFILE_IDS["tls_br/ov_final_certificate"]
    report = drivers["driver_patch"].report(ov, INCIDENT_PEM)
    shown = [
        r
        for r in harness.pkimetal_results(report, metadata)
        if r[1].startswith("semantic_dn.")
    ]
    assert shown == [
        (
            "error",
            CODE,
            "certificate.tbsCertificate.subject.rdnSequence.1.0",
            metadata[CODE][2],
        )
    ]
    assert metadata[CODE][0] == "ERROR"
