"""Registration: stock commands, REST, factory callers, explicit API, opt-out, fail-safety.

The CLI and REST tests run real subprocesses, so the start-up hook installed by
`pkilint_semantic_dn.pth` is what activates the plugin, exactly as for a user.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import types
from pathlib import Path

import pytest

from helpers import ROOT, VECTORS
from pkilint_semantic_dn.adapter import linting, registration, validators
from pkilint_semantic_dn.core import config, registry

# Subprocesses, new venvs, downloads or whole corpora: `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

RULE_NAMES = {r.name for r in registry.rules()}

INCIDENT = ROOT / "examples" / "incident_tokyo_c_jp.pem"
CODE = "semantic_dn.embedded_attribute_assignment"
BIN = Path(sys.executable).parent

# (command, lint arguments, validations arguments, vector whose PEM shows the finding)
COMMANDS = [
    (
        "lint_cabf_serverauth_cert",
        ["-d"],
        ["-t", "OV-FINAL-CERTIFICATE"],
        "embedded_attribute_assignment/tls_br/ov_final_certificate/incident_tokyo_c_jp.crttest",
    ),
    (
        "lint_cabf_smime_cert",
        ["-d"],
        ["-t", "ORGANIZATION-STRICT"],
        "embedded_attribute_assignment/smime_br/organization/strict/smime_organization_name.crttest",
    ),
    (
        "lint_etsi_cert",
        ["-d"],
        ["-t", "QNCP-W-OV-EIDAS-FINAL-CERTIFICATE"],
        "embedded_attribute_assignment/etsi/qncp_w_ov_eidas_final_certificate/etsi_locality.crttest",
    ),
    (
        "lint_pkix_cert",
        [],
        [],
        "embedded_attribute_assignment/pkix/dv_common_name_pkix.crttest",
    ),
]


def _env(**overrides) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PKILINT_SEMANTIC_DN")
    }
    env.update(overrides)
    return env


def _command(name: str) -> list[str]:
    script = BIN / name
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", f"pkilint.bin.{name}"]


def _run(args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, capture_output=True, text=True, env=_env(**env), timeout=120
    )


@pytest.fixture(scope="module")
def pem_files(tmp_path_factory):
    out = {}
    folder = tmp_path_factory.mktemp("pem")
    for name, _, _, vector in COMMANDS:
        pem, _ = linting.read_crttest((VECTORS / vector).read_text(encoding="utf-8"))
        path = folder / f"{name}.pem"
        path.write_text(pem, encoding="ascii")
        out[name] = path
    return out


def _semantic(results: list[dict]) -> list[dict]:
    return [
        fd
        for r in results
        for fd in r["finding_descriptions"]
        if fd["code"].startswith("semantic_dn.")
    ]


def _without_semantic(results: list[dict]) -> list[dict]:
    out = []
    for r in results:
        kept = [
            fd
            for fd in r["finding_descriptions"]
            if not fd["code"].startswith("semantic_dn.")
        ]
        if kept:
            out.append({**r, "finding_descriptions": kept})
    return out


@pytest.mark.parametrize(
    "name,lint_args,_v,_vec", COMMANDS, ids=[c[0] for c in COMMANDS]
)
def test_stock_lint_reports_plugin_finding_and_opt_out_is_stock(
    pem_files, name, lint_args, _v, _vec
):
    args = _command(name) + ["lint", *lint_args, "-f", "JSON", str(pem_files[name])]
    active = _run(args)
    off = _run(args, PKILINT_SEMANTIC_DN="0")
    assert active.stderr == "" and off.stderr == ""
    active_results = json.loads(active.stdout)["results"]
    off_results = json.loads(off.stdout)["results"]
    ours = _semantic(active_results)
    assert [fd["code"] for fd in ours] == [CODE]
    assert ours[0]["severity"] == "ERROR"
    assert (
        "countryName" in ours[0]["message"] or "organizationName" in ours[0]["message"]
    )
    # Opt-out: exactly the stock output; with the plugin: stock plus our finding only.
    assert _semantic(off_results) == []
    assert _without_semantic(active_results) == off_results
    assert active.returncode == off.returncode + 1


@pytest.mark.parametrize(
    "name,_l,validations_args,_vec", COMMANDS, ids=[c[0] for c in COMMANDS]
)
def test_stock_validations_list_plugin_codes_and_opt_out_is_stock(
    name, _l, validations_args, _vec
):
    args = _command(name) + ["validations", *validations_args]
    active = _run(args).stdout.splitlines()
    off = _run(args, PKILINT_SEMANTIC_DN="0").stdout.splitlines()
    ours = [line for line in active if "semantic_dn." in line]
    assert f"ERROR,{CODE}" in ours
    assert "NOTICE,semantic_dn.possible_embedded_attribute_assignment" in ours
    assert [line for line in active if "semantic_dn." not in line] == off


def test_incident_text_output_names_country(tmp_path):
    out = _run(_command("lint_cabf_serverauth_cert") + ["lint", "-d", str(INCIDENT)])
    assert f"{CODE} (ERROR)" in out.stdout
    assert 'repeats the subject\'s countryName "JP"' in out.stdout


def test_disable_codes_variable(tmp_path):
    env = {"PKILINT_SEMANTIC_DN_DISABLE": f"{CODE}, semantic_dn.unused"}
    lint = _run(
        _command("lint_cabf_serverauth_cert") + ["lint", "-d", str(INCIDENT)], **env
    )
    listing = _run(
        _command("lint_cabf_serverauth_cert")
        + ["validations", "-t", "OV-FINAL-CERTIFICATE"],
        **env,
    )
    assert "semantic_dn." not in lint.stdout
    assert CODE not in listing.stdout
    assert "semantic_dn.embedded_distinguished_name" in listing.stdout


_REST_SCRIPT = textwrap.dedent("""
    import json, sys
    from fastapi.testclient import TestClient
    from pkilint.rest import app
    pems = json.load(sys.stdin)
    client = TestClient(app)
    out = {}
    for group, pem in pems.items():
        r = client.post(f"/certificate/{group}", json={"pem": pem})
        r.raise_for_status()
        out[group] = sorted(
            fd["code"] for res in r.json()["results"] for fd in res["finding_descriptions"]
        )
    print(json.dumps(out))
    """)


def test_rest_app(pem_files):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    groups = {
        "cabf-serverauth": "lint_cabf_serverauth_cert",
        "cabf-smime": "lint_cabf_smime_cert",
        "etsi": "lint_etsi_cert",
        "pkix": "lint_pkix_cert",
    }
    payload = json.dumps(
        {g: pem_files[c].read_text(encoding="ascii") for g, c in groups.items()}
    )

    def run(**env):
        p = subprocess.run(
            [sys.executable, "-c", _REST_SCRIPT],
            input=payload,
            capture_output=True,
            text=True,
            env=_env(**env),
            timeout=300,
        )
        assert p.returncode == 0, p.stderr
        return json.loads(p.stdout.splitlines()[-1])

    active, off = run(), run(PKILINT_SEMANTIC_DN="0")
    for group in groups:
        assert [c for c in active[group] if c.startswith("semantic_dn.")] == [
            CODE
        ], group
        assert [c for c in active[group] if not c.startswith("semantic_dn.")] == off[
            group
        ]
        assert not [c for c in off[group] if c.startswith("semantic_dn.")]


def _pem_of(vector: str) -> str:
    pem, _ = linting.read_crttest((VECTORS / vector).read_text(encoding="utf-8"))
    return pem


def _codes(container, pem: str, filters=()) -> list[str]:
    from pkilint import finding_filter

    results = container.validate(linting.load_pem(pem).root)
    results, _ = finding_filter.filter_results(list(filters), results)
    return sorted(
        fd.finding.code
        for r in results
        for fd in r.finding_descriptions
        if fd.finding.code.startswith("semantic_dn.")
    )


def test_pkimetal_style_factory_calls_include_plugin():
    from pkilint.cabf import serverauth
    from pkilint.cabf.serverauth import serverauth_constants
    from pkilint.pkix import certificate

    ct = serverauth_constants.CertificateType.OV_FINAL_CERTIFICATE
    container = certificate.create_pkix_certificate_validator_container(
        serverauth.create_decoding_validators(), serverauth.create_validators(ct)
    )
    assert _codes(container, INCIDENT.read_text()) == [CODE]


def test_explicit_and_automatic_never_duplicate():
    import pkilint_semantic_dn
    from pkilint.cabf import serverauth, smime
    from pkilint.cabf.serverauth import serverauth_constants
    from pkilint.cabf.smime import smime_constants
    from pkilint.pkix import certificate

    ct = serverauth_constants.CertificateType.OV_FINAL_CERTIFICATE
    tls = certificate.create_pkix_certificate_validator_container(
        serverauth.create_decoding_validators(),
        serverauth.create_validators(
            ct, additional_name_validators=pkilint_semantic_dn.create_name_validators()
        ),
    )
    assert _codes(tls, INCIDENT.read_text()) == [CODE]

    level = smime_constants.ValidationLevel.ORGANIZATION
    generation = smime_constants.Generation.STRICT
    smime_validators = smime.create_subscriber_validators(level, generation)
    smime_validators.append(pkilint_semantic_dn.create_subject_validator_container())
    smime_container = certificate.create_pkix_certificate_validator_container(
        smime.create_decoding_validators(), smime_validators
    )
    pem = _pem_of(
        "embedded_attribute_assignment/smime_br/organization/strict/smime_organization_name.crttest"
    )
    assert _codes(smime_container, pem) == [CODE]

    pkix_subject = certificate.create_subject_validator_container(
        pkilint_semantic_dn.create_name_validators()
    )
    (plugin,) = registration._plugin_validators(pkix_subject.validators)
    assert plugin.rule_names == RULE_NAMES


def test_create_name_validators_returns_fresh_instances():
    a, b = registration.create_name_validators(), registration.create_name_validators()
    assert a is not b
    assert [type(v) for v in a] == [validators.SemanticDnValidator]
    (va,), (vb,) = a, b
    assert va is not vb and va.engine is not vb.engine
    assert sorted(type(v).__name__ for v in va.rule_validators.values()) == sorted(
        r.validator for r in registry.rules()
    )
    single = registration.create_rule_validators()
    assert [v.rule_names for v in single] == [{r.name} for r in registry.rules()]


def test_single_rule_validators_switch_off_the_automatic_ones():
    import pkilint_semantic_dn  # noqa: F401
    from pkilint import validation
    from pkilint.cabf import smime
    from pkilint.cabf.smime import smime_constants
    from pkilint.pkix import certificate

    smime_validators = smime.create_subscriber_validators(
        smime_constants.ValidationLevel.ORGANIZATION, smime_constants.Generation.STRICT
    )
    smime_validators.append(
        validation.ValidatorContainer(
            validators=registration.create_rule_validators(),
            path="certificate.tbsCertificate.subject",
        )
    )
    container = certificate.create_pkix_certificate_validator_container(
        smime.create_decoding_validators(), smime_validators
    )
    pem = _pem_of(
        "embedded_attribute_assignment/smime_br/organization/strict/smime_organization_name.crttest"
    )
    assert _codes(container, pem) == [CODE]


def _fake_certificate_module(subject_signature_ok=True):
    module = types.ModuleType("fake.pkix.certificate")

    if subject_signature_ok:

        def create_subject_validator_container(additional_validators=None, **kwargs):
            return ("subject", list(additional_validators or ()), kwargs)

    else:

        def create_subject_validator_container(validators, path):
            return ("subject", validators, path)

    def create_pkix_certificate_validator_container(decoding_validators, validators):
        return types.SimpleNamespace(validators=list(validators))

    module.create_subject_validator_container = create_subject_validator_container
    module.create_pkix_certificate_validator_container = (
        create_pkix_certificate_validator_container
    )
    return module


def test_install_is_idempotent_and_thread_safe():
    module = _fake_certificate_module()
    original = module.create_subject_validator_container
    barrier = threading.Barrier(8)

    def install():
        barrier.wait()
        registration.install_into(module)

    threads = [threading.Thread(target=install) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert module.create_subject_validator_container.__wrapped__ is original
    _, added, _ = module.create_subject_validator_container([])
    assert [type(v) for v in added] == [validators.SemanticDnValidator]
    (plugin,) = registration._plugin_validators(added)
    assert plugin.rule_names == RULE_NAMES


def test_unexpected_factories_are_left_alone_with_one_warning(monkeypatch, capsys):
    monkeypatch.setattr(config, "_warned", False)
    module = _fake_certificate_module(subject_signature_ok=False)
    before = module.create_subject_validator_container
    assert registration.install_into(module) is False
    assert registration.install_into(module) is False
    assert module.create_subject_validator_container is before
    err = capsys.readouterr().err
    assert err.count("pkilint-semantic-dn: semantic DN checks are NOT active") == 1


def test_fake_pkilint_with_other_factories_is_left_alone(tmp_path):
    package = tmp_path / "pkilint" / "pkix"
    package.mkdir(parents=True)
    (tmp_path / "pkilint" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "certificate.py").write_text(
        "def create_subject_validator_container(validators):\n    return validators\n"
    )
    code = (
        "import pkilint.pkix.certificate as c\n"
        "import pkilint.pkix.certificate as d\n"
        "print(c.create_subject_validator_container([1]), hasattr(c.create_subject_validator_container, '__wrapped__'))\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(PYTHONPATH=str(tmp_path)),
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[1] False"
    assert p.stderr.count("semantic DN checks are NOT active") == 1


def test_start_up_hook_is_lazy():
    code = "import sys; print(' '.join(sorted(sys.modules)))"
    active = set(_run([sys.executable, "-c", code]).stdout.split())
    off = set(
        _run([sys.executable, "-c", code], PKILINT_SEMANTIC_DN="0").stdout.split()
    )
    added = active - off
    assert added <= {
        "pkilint_semantic_dn",
        "pkilint_semantic_dn.adapter",
        "pkilint_semantic_dn.adapter.hook",
        "pkilint_semantic_dn.core",
        "pkilint_semantic_dn.core.config",
    }, added
    assert not any(
        m.startswith(("pkilint.", "pyasn1")) or m == "pkilint" for m in active
    )


def test_opt_out_leaves_factories_unwrapped():
    code = (
        "import pkilint.pkix.certificate as c\n"
        "print(hasattr(c.create_subject_validator_container, '__wrapped__'))\n"
    )
    assert _run([sys.executable, "-c", code]).stdout.strip() == "True"
    for value in ("0", "false", "off", "NO"):
        p = _run([sys.executable, "-c", code], PKILINT_SEMANTIC_DN=value)
        assert p.stdout.strip() == "False", value


def test_a_failure_building_the_validators_leaves_pkilint_working(monkeypatch, capsys):
    from pkilint.pkix import certificate

    def broken():
        raise FileNotFoundError("geodata.json")

    monkeypatch.setattr(config, "_warned", False)
    monkeypatch.setattr(registration, "create_name_validators", broken)
    container = certificate.create_subject_validator_container([])
    assert not registration._plugin_validators(container.validators)
    assert (
        "building the validators failed (FileNotFoundError" in capsys.readouterr().err
    )
