"""House rules: a CA's own rules, declared with `pkilint_semantic_dn.rule`, run in pkilint,
`check` and `scan` exactly like the built-in ones, and a failing rule is never FATAL.

In process: rules declared at run time (before validators are built). Installed: the example
package `examples/house_rules` (entry-point group `pkilint_semantic_dn.rules`) in a new venv
with pkilint and this plugin, through the stock CLI, `validations`, `check` and `scan`; with a
second, deliberately broken house package beside it.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
import textwrap

import pytest

import environments
from helpers import ROOT, declared  # noqa: F401  (declared: a fixture)
from pkilint_semantic_dn import check, rule, scan
from pkilint_semantic_dn.adapter import linting, registration
from pkilint_semantic_dn.core import engine, registry
from pkilint_semantic_dn.corpus import Item

INCIDENT = ROOT / "examples" / "incident_tokyo_c_jp.pem"
EMBEDDED = "semantic_dn.embedded_attribute_assignment"
OV = "tls_br/ov_final_certificate"


def _declare_approved_states():
    @rule(
        "acme.unapproved_state",
        severity="ERROR",
        description="stateOrProvinceName is not on the approved list",
        citation="ACME CPS 3.2.2.1",
        attributes=("ST",),
    )
    def unapproved_state(attribute_oid, value, subject):
        if value not in {"California", "Tokyo"}:
            yield f"stateOrProvinceName {value!r} is not approved"

    return unapproved_state


def _declare_broken():
    @rule(
        "acme.broken",
        severity="ERROR",
        description="a rule with a bug",
        citation="none",
        attributes=("stateOrProvinceName", "2.5.4.10"),
    )
    def broken(attribute_oid, value, subject):
        raise KeyError("a bug in a house rule")

    return broken


def test_declaration_is_checked_when_it_is_written():
    def f(attribute_oid, value, subject):
        return []

    with pytest.raises(ValueError, match="severity"):
        rule("acme.x", severity="BAD", description="d", citation="c")(f)
    with pytest.raises(ValueError, match="unknown attribute type"):
        rule(
            "acme.x", severity="ERROR", description="d", citation="c", attributes=["XX"]
        )
    with pytest.raises(ValueError, match="prefix is for built-in"):
        rule("semantic_dn.mine", severity="ERROR", description="d", citation="c")(f)
    with pytest.raises(ValueError, match="dotted lower-case"):
        rule("NoDots", severity="ERROR", description="d", citation="c")
    with pytest.raises(ValueError, match="description"):
        rule("acme.x", severity="ERROR", description="", citation="c")


def test_attributes_take_short_long_names_and_oids(declared):
    for i, spelling in enumerate(("ST", "stateOrProvinceName", "2.5.4.8", "st")):

        @rule(
            f"acme.spelling{i}",
            severity="NOTICE",
            description="d",
            citation="c",
            attributes=(spelling,),
        )
        def spelled(attribute_oid, value, subject):
            return [value]

        assert spelled.rule.attributes == {"2.5.4.8"}


def test_a_code_cannot_be_taken_twice(declared):
    _declare_approved_states()
    with pytest.raises(ValueError, match="already"):

        @rule("acme.unapproved_state", severity="ERROR", description="d", citation="c")
        def other(attribute_oid, value, subject):
            return []


def test_runtime_rule_runs_in_pkilint_check_and_scan(declared):
    f = _declare_approved_states()
    assert f.rule.validator == "AcmeUnapprovedStateValidator"
    findings = linting.lint(OV, linting.load_pem(INCIDENT.read_text(), "incident"))
    ours = sorted(
        (x.validator, x.code)
        for x in findings
        if x.code.startswith(("acme.", "semantic_dn."))
    )
    assert ours == [
        ("AcmeUnapprovedStateValidator", "acme.unapproved_state"),
        ("EmbeddedAttributeAssignmentValidator", EMBEDDED),
    ]
    (combined,) = registration.create_name_validators()
    assert "acme.unapproved_state" in {v.code for v in combined.validations}

    report = check.check("C=US,ST=Nevada,O=Example")
    assert [(x.code, x.attribute) for x in report.findings] == [
        ("acme.unapproved_state", 1)
    ]

    record = scan.Linter(semantic_only=True).record(
        Item(str(INCIDENT), 0, incident_der(), None)
    )
    assert {(x["validator"], x["code"]) for x in record["findings"]} == {
        ("AcmeUnapprovedStateValidator", "acme.unapproved_state"),
        ("EmbeddedAttributeAssignmentValidator", EMBEDDED),
    }


def incident_der() -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    pem = INCIDENT.read_bytes()
    return x509.load_pem_x509_certificate(pem).public_bytes(Encoding.DER)


def test_raising_rule_is_rule_failed_everywhere_and_the_rest_survives(declared):
    _declare_broken()
    findings = linting.lint(OV, linting.load_pem(INCIDENT.read_text(), "incident"))
    assert not [x for x in findings if x.severity == "FATAL"]
    failed = [x for x in findings if x.code == engine.RULE_FAILED.code]
    # On stateOrProvinceName and organizationName, under the rule's own validator.
    assert {(x.validator, x.node_path.rsplit(".", 2)[-2]) for x in failed} == {
        ("AcmeBrokenValidator", "1"),
        ("AcmeBrokenValidator", "3"),
    }
    assert all(
        "rule acme_broken" in x.message and "KeyError" in x.message for x in failed
    )
    assert EMBEDDED in {x.code for x in findings}

    report = check.check("C=JP,ST=Tokyo\\, C\\=JP,O=Example")
    assert {x.code for x in report.findings} == {EMBEDDED, engine.RULE_FAILED.code}

    record = scan.Linter(semantic_only=True).record(
        Item(str(INCIDENT), 0, incident_der(), None)
    )
    codes = sorted(x["code"] for x in record["findings"])
    assert codes == [EMBEDDED, engine.RULE_FAILED.code, engine.RULE_FAILED.code]


def test_a_rule_yielding_an_undeclared_code_or_a_non_string_is_rule_failed(declared):
    @rule("acme.odd", severity="NOTICE", description="d", citation="c")
    def odd(attribute_oid, value, subject):
        if value == "Example":
            return [("acme.other", "x")]
        if value == "JP":
            return [42]
        return []

    hits = engine.check_subject([("2.5.4.6", "JP"), ("2.5.4.10", "Example")], ())
    assert [(h.index, h.code) for h in hits] == [
        (0, engine.RULE_FAILED.code),
        (1, engine.RULE_FAILED.code),
    ]
    assert "does not declare" in hits[1].message and "int" in hits[0].message


def test_a_house_rule_module_that_fails_to_import_is_reported_not_raised(
    monkeypatch, capsys
):
    class EntryPoint:
        name, value = "acme", "acme_missing_module"

        def load(self):
            raise ImportError("No module named 'acme_missing_module'")

    import importlib.metadata

    monkeypatch.setattr(
        importlib.metadata, "entry_points", lambda group=None: [EntryPoint()]
    )
    monkeypatch.setattr(registry, "may_declare_house_rules", lambda: True)
    monkeypatch.setattr(registry, "_load_errors", [])
    registry._load_entry_points()
    assert registry._load_errors == [
        "house rules acme = acme_missing_module not loaded (ImportError: No module "
        "named 'acme_missing_module')"
    ]
    assert "acme_missing_module not loaded" in capsys.readouterr().err


# --- Found through an entry point: where importlib.metadata would look --------------------

_HOUSE_MODULE = """
from pkilint_semantic_dn import rule


@rule(
    "acme.folder_rule",
    severity="NOTICE",
    description="a house rule found through its distribution's entry_points.txt",
    citation="none",
    attributes=("O",),
)
def folder_rule(attribute_oid, value, subject):
    return []
"""


def _house_folder(folder, group=registry.ENTRY_POINT_GROUP, suffix=".dist-info"):
    """A folder for sys.path with one distribution in it, as pip lays it out."""
    folder.mkdir(exist_ok=True)
    (folder / "acme_folder_rules.py").write_text(_HOUSE_MODULE, encoding="utf-8")
    info = folder / f"acme_folder_rules-1.0{suffix}"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-folder-rules\nVersion: 1.0\n",
        encoding="utf-8",
    )
    (info / "entry_points.txt").write_text(
        f"[{group}]\nacme = acme_folder_rules\n", encoding="utf-8"
    )
    return folder


_LOAD_IN_A_FRESH_PROCESS = """
import json, sys
from pkilint_semantic_dn.core import registry
names = [r.name for r in registry.rules()]
print(json.dumps([names, "importlib.metadata" in sys.modules, registry.load_errors()]))
"""


@pytest.mark.parametrize("group", [registry.ENTRY_POINT_GROUP, "another.group"])
def test_entry_points_in_a_fresh_process_with_importlib_metadata_spared(
    tmp_path, group
):
    # A fresh interpreter, where nothing has imported importlib.metadata (in pytest
    # something has): the house rule is found when its entry_points.txt names the group,
    # and otherwise importlib.metadata is not even imported.
    folder = _house_folder(tmp_path, group)
    p = subprocess.run(
        [sys.executable, "-c", _LOAD_IN_A_FRESH_PROCESS],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environments._clean_env(
            PYTHONPATH=os.pathsep.join([str(folder), str(ROOT)])
        ),
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    names, imported, errors = json.loads(p.stdout)
    assert errors == []
    declared_here = group == registry.ENTRY_POINT_GROUP
    assert ("acme_folder_rule" in names) is declared_here
    assert imported is declared_here


class _OtherFinder:
    """A meta path finder that can find distributions (as some installers add)."""

    @staticmethod
    def find_distributions(context=None):
        return iter(())


def test_house_rules_are_looked_up_wherever_importlib_metadata_could_find_them(
    tmp_path,
):
    def may(*paths, finders=()):
        return registry.may_declare_house_rules([str(p) for p in paths], finders)

    found = _house_folder(tmp_path / "found")
    assert may(found)
    assert may(tmp_path / "missing", found)
    other = _house_folder(tmp_path / "other", group="another.group")
    assert not may(other)
    assert not may(other, tmp_path / "missing")
    assert may(other, finders=[_OtherFinder])
    assert not may(other, finders=[importlib.machinery.PathFinder])
    assert may(_house_folder(tmp_path / "egg-info", suffix=".egg-info"))
    assert may(_house_folder(tmp_path / "upper", suffix=".DIST-INFO"))
    # An egg-info file (no folder, no entry points) is not one.
    (other / "plain-1.0.egg-info").write_text("Name: plain\n", encoding="utf-8")
    assert not may(other)
    # A zip on the path, an egg folder: importlib.metadata reads inside them.
    (tmp_path / "rules.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    assert may(other, tmp_path / "rules.zip")
    (tmp_path / "acme-1.0.egg").mkdir()
    assert may(tmp_path / "acme-1.0.egg")
    # The empty entry is the current folder, as for importlib.metadata.
    with pytest.MonkeyPatch.context() as m:
        m.chdir(found)
        assert may("")


# --- Installed from its own package, in a fresh venv --------------------------------------

_BROKEN_PACKAGE = {
    "pyproject.toml": """
        [build-system]
        requires = ["hatchling>=1.18"]
        build-backend = "hatchling.build"

        [project]
        name = "broken-house-rules"
        version = "0.0.1"

        [project.entry-points."pkilint_semantic_dn.rules"]
        broken = "broken_house_rules"
    """,
    "broken_house_rules/__init__.py": """
        from pkilint_semantic_dn import rule


        @rule(
            "broken.always_raises",
            severity="ERROR",
            description="a house rule with a bug",
            citation="none",
            attributes=("O",),
        )
        def always_raises(attribute_oid, value, subject):
            return 1 / 0
    """,
}


@pytest.fixture(scope="module")
def house_venv(tmp_path_factory):
    broken = tmp_path_factory.mktemp("broken-house-rules")
    for name, text in _BROKEN_PACKAGE.items():
        (broken / name).parent.mkdir(parents=True, exist_ok=True)
        (broken / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return environments.create_venv(
        tmp_path_factory,
        "house-rules",
        [
            environments.wheel(tmp_path_factory),
            ROOT / "examples" / "house_rules",
            broken,
            f"pkilint=={environments._pkilint_version()}",
        ],
    )


def _run(venv, *args, stdin=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        input=stdin,
        env=environments._clean_env(PATH=f"{venv.bin}:/usr/bin:/bin"),
        timeout=300,
    )


@pytest.mark.slow
def test_installed_house_rules_in_stock_lint_and_validations(house_venv):
    p = _run(
        house_venv, house_venv.bin / "lint_cabf_serverauth_cert", "lint", "-d", INCIDENT
    )
    out = p.stdout
    assert (
        "AcmeUnapprovedStateValidator" in out and "acme.unapproved_state (ERROR)" in out
    )
    assert f"{EMBEDDED} (ERROR)" in out
    # The broken house rule: a NOTICE naming it, on organizationName, never FATAL.
    assert "semantic_dn.rule_failed (NOTICE): rule broken_always_raises" in out
    assert "FATAL" not in out, out
    p = _run(
        house_venv,
        house_venv.bin / "lint_cabf_serverauth_cert",
        "validations",
        "-t",
        "OV-FINAL-CERTIFICATE",
    )
    assert "ERROR,acme.unapproved_state" in p.stdout.splitlines()
    assert "WARNING,acme.organization_without_country" in p.stdout.splitlines()


@pytest.mark.slow
def test_installed_house_rules_in_check_and_scan(house_venv, tmp_path):
    cli = house_venv.bin / "pkilint-semantic-dn"
    p = _run(house_venv, cli, "check", "--format", "json", "C=US,ST=Nevada,O=Example")
    report = json.loads(p.stdout)
    codes = sorted(f["code"] for f in report["findings"])
    assert codes == ["acme.unapproved_state", engine.RULE_FAILED.code], report
    assert p.returncode == 1
    for mode in ([], ["--semantic-only"]):
        out = tmp_path / f"scan{len(mode)}.jsonl"
        p = _run(house_venv, cli, "scan", *mode, "-j", "1", "-o", out, INCIDENT)
        (record,) = [json.loads(line) for line in out.read_text().splitlines()]
        found = {(f["validator"], f["code"]) for f in record["findings"]}
        assert ("AcmeUnapprovedStateValidator", "acme.unapproved_state") in found
        assert ("EmbeddedAttributeAssignmentValidator", EMBEDDED) in found
        assert ("AlwaysRaisesValidator", engine.RULE_FAILED.code) not in found
        assert ("BrokenAlwaysRaisesValidator", engine.RULE_FAILED.code) in found
        assert not [f for f in record["findings"] if f["severity"] == "FATAL"]
