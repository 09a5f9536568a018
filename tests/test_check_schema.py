"""`check --format json` has a documented, versioned layout: the JSON Schema (draft 2020-12)
`pkilint_semantic_dn/schemas/check-result.schema.json`, shipped in the wheel; every document
carries `schema_version` and validates; numbering is 1-based and the same as the text
output's; `report_document` is the one builder (render_json prints it)."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
import zipfile

import jsonschema
import pytest

from check_support import run_in_process, validate
from helpers import ROOT
from pkilint_semantic_dn import check

INCIDENT = "C=JP,ST=Tokyo\\, C\\=JP,O=Example"
# Repeated attributes (related numbers), a multi-valued RDN, a finding in the middle.
SUBJECT = "CN=a+OU=Unit,CN=b,ST=Tokyo\\, C\\=JP,C=JP"


def test_the_schema_is_draft_2020_12_and_versioned():
    schema = check.schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == check.SCHEMA_ID
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$defs"]["schema_version"]["const"] == check.SCHEMA_VERSION
    on_disk = ROOT / "pkilint_semantic_dn" / check.SCHEMA_FILE
    assert json.loads(on_disk.read_text(encoding="utf-8")) == schema


def test_numbering_is_documented_as_1_based():
    defs = check.schema()["$defs"]
    attribute = defs["attribute"]["properties"]
    for field in ("attribute", "rdn", "column", "item"):
        assert "from 1" in attribute[field]["description"], field
        assert attribute[field]["minimum"] == 1
    finding = defs["finding"]["properties"]
    assert "from 1" in finding["attribute"]["description"]
    assert "from 1" in finding["related"]["description"]


@pytest.mark.parametrize(
    "args",
    [
        [INCIDENT],
        [SUBJECT],
        ["/C=US/O=Example"],
        ["subject=C = JP, O = Example"],
        ['[{"type": "C", "value": "US"}, {"type": "O", "value": "-"}]'],
        ["subject="],  # an empty subject
        ["-s", "ERROR", "--fail-on", "ERROR", SUBJECT],
        ["--enable", "duplicate_attribute", SUBJECT],
        ["CN=a\\qb"],  # unusable input
        ["[" * 10000],
        ["--disable", "nope", INCIDENT],  # a usage error
    ],
)
def test_every_document_validates(args):
    status, out, _ = run_in_process("--format", "json", *args)
    document = validate(json.loads(out))
    assert document["schema_version"] == 1
    assert document["exit_status"] == status


def test_the_schema_can_fail():
    _, out, _ = run_in_process("--format", "json", INCIDENT)
    document = json.loads(out)
    for broken in (
        {**document, "schema_version": 2},
        {**document, "findings": [{**document["findings"][0], "attribute": 0}]},
        {**document, "surprise": True},
        {k: v for k, v in document.items() if k != "exit_status"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken)


def test_numbering_is_the_same_in_text_and_json():
    _, text, _ = run_in_process(SUBJECT)
    _, out, _ = run_in_process("--format", "json", SUBJECT)
    document = json.loads(out)
    listed = re.findall(r"^ +(\d+)  (\w+) +\"([^\"]*)\"", text, re.M)
    assert [(int(n), name, value) for n, name, value in listed] == [
        (a["attribute"], a["name"], a["value"]) for a in document["subject"]
    ]
    assert [a["attribute"] for a in document["subject"]] == [1, 2, 3, 4, 5]
    assert [a["rdn"] for a in document["subject"]] == [1, 2, 3, 4, 4]
    said = [
        (int(n), [int(x) for x in re.findall(r"also attribute (\d+)", rest)])
        for n, rest in re.findall(r"\(attribute (\d+), ([^\n]*)", text)
    ]
    assert said == [(f["attribute"], f["related"]) for f in document["findings"]]
    assert any(f["related"] for f in document["findings"])
    for f in document["findings"]:
        assert f["where"] == document["subject"][f["attribute"] - 1]["where"]


def test_report_document_is_the_builder_of_render_json():
    parameters = inspect.signature(check.report_document).parameters
    assert list(parameters) == ["report", "severity", "fail_on"]
    assert all(
        parameters[p].kind is inspect.Parameter.KEYWORD_ONLY
        for p in ("severity", "fail_on")
    )
    report = check.check(SUBJECT)
    document = check.report_document(report, severity="WARNING", fail_on="ERROR")
    assert json.loads(json.dumps(document)) == document  # JSON types only
    validate(document)
    assert (
        json.loads(check.render_json(report, "ERROR", severity="WARNING")) == document
    )
    # The old call, render_json(report, threshold, status), still works.
    assert json.loads(check.render_json(report, "WARNING", 1))["exit_status"] == 1
    assert check.report_document(report)["exit_status"] == check.exit_status(report)


@pytest.mark.slow
def test_the_schema_ships_in_the_wheel(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "hatchling",
            "build",
            "-t",
            "wheel",
            "-d",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )
    if done.returncode != 0 and b"No module named hatchling" in done.stderr:
        pytest.skip("hatchling is not installed")
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        shipped = z.read(f"pkilint_semantic_dn/{check.SCHEMA_FILE}")
    assert json.loads(shipped) == check.schema()
