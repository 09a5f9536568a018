"""`check` in pkilint's conventions (`options.add_severity_options`,
`options.add_rule_selection`): `-s/--severity` filters what is reported, `--fail-on` sets the
exit threshold, `--disable/--enable` select codes (an unknown one is exit 2 with
`options.UsageError`'s message), and both outputs say which codes were switched off, and by
what."""

from __future__ import annotations

import argparse
import json

import pytest

from check_support import environment, run_command, run_in_process, validate
from pkilint_semantic_dn import check, options

INCIDENT = "C=JP,ST=Tokyo\\, C\\=JP,O=Example"
EMBEDDED = "semantic_dn.embedded_attribute_assignment"
DUPLICATE = "semantic_dn.duplicate_attribute"
NOTICE_ONLY = "O=E=MC2 Ltd,C=GB"  # a NOTICE heuristic
NOTICE_CODE = "semantic_dn.possible_embedded_attribute_assignment"
WARNING_AND_ERROR = "C=US,ST=Tokyo\\, C\\=JP,CN=a,CN=b"


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    monkeypatch.delenv("PKILINT_SEMANTIC_DN_DISABLE", raising=False)


def usage_message(*args: str) -> str:
    parser = argparse.ArgumentParser()
    options.add_rule_selection(parser)
    with pytest.raises(options.UsageError) as e:
        options.rule_selection(parser.parse_args(list(args)))
    return str(e.value)


def test_check_uses_the_shared_options():
    parser = argparse.ArgumentParser()
    check.add_arguments(parser)
    args = parser.parse_args([])
    assert (args.severity, args.fail_on, args.disable, args.enable) == (
        options.DEFAULT_REPORT_SEVERITY,
        options.DEFAULT_FAIL_ON,
        [],
        [],
    )


def test_severity_filters_what_is_reported():
    status, out, _ = run_in_process("--format", "json", WARNING_AND_ERROR)
    everything = validate(json.loads(out))
    severities = sorted({f["severity"] for f in everything["findings"]})
    assert severities == ["ERROR", "WARNING"] and status == 1
    status, out, _ = run_in_process(
        "--format", "json", "-s", "ERROR", WARNING_AND_ERROR
    )
    document = validate(json.loads(out))
    assert {f["severity"] for f in document["findings"]} == {"ERROR"}
    assert document["left_out"] == len(everything["findings"]) - len(
        document["findings"]
    )
    assert (document["severity"], document["fail_on"]) == ("ERROR", "WARNING")
    status, out, _ = run_in_process("-s", "ERROR", WARNING_AND_ERROR)
    assert "WARNING  " not in out
    assert f"({document['left_out']} below --severity ERROR not shown)" in out


def test_fail_on_sets_the_exit_status_over_reported_findings():
    assert run_in_process(NOTICE_ONLY)[0] == 0  # NOTICE is below the default WARNING
    assert run_in_process("--fail-on", "notice", NOTICE_ONLY)[0] == 1
    # A finding left out by -s does not count.
    assert run_in_process("-s", "WARNING", "--fail-on", "NOTICE", NOTICE_ONLY)[0] == 0
    status, out, _ = run_in_process("--fail-on", "ERROR", "C=US,CN=a,CN=b")
    assert status == 0 and out.endswith("exit status 0 (--fail-on ERROR)\n")
    # The old meaning of --severity (exit threshold) is gone: it only filters now.
    status, out, _ = run_in_process("--severity", "WARNING", NOTICE_ONLY)
    assert status == 0 and NOTICE_CODE not in out


@pytest.mark.parametrize(
    "args",
    [
        ["--disable", "embeded_attribute_assignment"],
        ["--enable", "nope"],
        ["--disable", "duplicate_attribute,nope", "--enable", "nothing"],
    ],
)
@pytest.mark.parametrize("output", ["text", "json"])
def test_unknown_codes_are_usage_errors(args, output):
    message = usage_message(*args)
    status, out, err = run_in_process("--format", output, *args, INCIDENT)
    assert status == 2
    assert err == f"pkilint-semantic-dn check: error: {message}\n"
    if output == "json":
        document = validate(json.loads(out))
        assert document["error"]["message"] == message
    else:
        assert out == ""


def test_disable_and_enable():
    status, out, _ = run_in_process(
        "--disable", "embedded_attribute_assignment", INCIDENT
    )
    assert status == 0 and EMBEDDED not in out.split("switched off:")[0]
    status, out, _ = run_in_process(
        "--format",
        "json",
        "--enable",
        "duplicate_attribute",
        "C=US,C=US,ST=Tokyo\\, C\\=JP",
    )
    document = validate(json.loads(out))
    assert [f["code"] for f in document["findings"]] == [DUPLICATE]


def test_both_outputs_say_what_was_switched_off_and_by_what(monkeypatch):
    monkeypatch.setenv("PKILINT_SEMANTIC_DN_DISABLE", "embedded_attribute_assignment")
    args = ("--disable", "duplicate_attribute", INCIDENT)
    status, out, _ = run_in_process(*args)
    assert status == 0
    assert (
        f"switched off: {EMBEDDED} (by PKILINT_SEMANTIC_DN_DISABLE); {DUPLICATE} (by "
        "--disable/--enable)\n"
    ) in out
    status, out, _ = run_in_process("--format", "json", *args)
    assert validate(json.loads(out))["disabled"] == {
        "environment": [EMBEDDED],
        "options": [DUPLICATE],
    }
    # --enable switches off nearly everything: the text says what is still on.
    monkeypatch.delenv("PKILINT_SEMANTIC_DN_DISABLE")
    _, out, _ = run_in_process("--enable", "duplicate_attribute", INCIDENT)
    assert (
        f"switched off: every code but {DUPLICATE}, semantic_dn.rule_failed (by "
        "--disable/--enable)\n"
    ) in out
    _, out, _ = run_in_process(
        "--format", "json", "--enable", "duplicate_attribute", INCIDENT
    )
    off = validate(json.loads(out))["disabled"]["options"]
    assert off == sorted(options.all_codes() - {DUPLICATE, "semantic_dn.rule_failed"})
    # Nothing switched off: no line.
    assert "switched off" not in run_in_process(INCIDENT)[1]


@pytest.mark.slow
def test_command_options_end_to_end():
    env = environment(PKILINT_SEMANTIC_DN_DISABLE="embedded_attribute_assignment")
    status, out, err = run_command("--format", "json", "-s", "ALL", INCIDENT, env=env)
    document = validate(json.loads(out))
    assert (status, err, document["findings"]) == (0, "", [])
    assert document["disabled"]["environment"] == [EMBEDDED]
    status, out, err = run_command("--disable", "nope", INCIDENT)
    assert (status, out) == (2, "")
    assert (
        err
        == f"pkilint-semantic-dn check: error: {usage_message('--disable', 'nope')}\n"
    )
