"""`pkilint-semantic-dn serve`: the pre-issuance HTTP service.

In process, the ASGI app called directly (no client library): the request checks, the size
limits, the error documents, health. Then over real HTTP on 127.0.0.1, the service started
as the console command in a subprocess on a port it picks (`--port 0`), with a bounded wait
for readiness and always stopped: the incident subject, a CSR in PEM, bad input, oversize
bodies, health, SIGTERM, and a bounded load test of concurrent clients.
"""

import asyncio
import concurrent.futures
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from types import SimpleNamespace

import jsonschema
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from helpers import ROOT
from pkilint_semantic_dn import __version__, check, cli, serve
from pkilint_semantic_dn.core import catalogue, dn_input, registry

INCIDENT = "C=JP,ST=Tokyo\\, C\\=JP,O=Example"
EMBEDDED = "semantic_dn.embedded_attribute_assignment"
INCIDENT_MESSAGE = (
    'stateOrProvinceName value "Tokyo, C=JP" embeds the attribute assignment "C=JP" '
    '(countryName), which repeats the subject\'s countryName "JP"'
)
BAD = "O=Example, Inc.,C=US"


def _csr_pem() -> str:
    key = ec.derive_private_key(0x5E12E, ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Tokyo, C=JP"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example K.K."),
            x509.NameAttribute(NameOID.COMMON_NAME, "www.example.jp"),
        ]
    )
    csr = x509.CertificateSigningRequestBuilder().subject_name(name)
    signed = csr.sign(key, hashes.SHA256())
    return signed.public_bytes(serialization.Encoding.PEM).decode("ascii")


CSR_PEM = _csr_pem()


def cli_json(capsys, *argv) -> tuple[int, dict]:
    """What `pkilint-semantic-dn check --format json ...` prints, as a document."""
    status = cli.main(["check", "--format", "json", *argv])
    out, _ = capsys.readouterr()
    return status, json.loads(out)


# --- The ASGI app, called directly --------------------------------------------------------


@pytest.fixture(scope="module")
def app():
    return serve.create_app()


def call(app, method, path, chunks=(b"",), headers=()) -> tuple[int, dict, bytes]:
    """One request through the ASGI interface: (status, headers, body)."""

    async def go():
        pending = [
            {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
            for i, c in enumerate(chunks)
        ]
        sent = []

        async def receive():
            return pending.pop(0) if pending else {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8080),
        }
        await app(scope, receive, send)
        return sent

    sent = asyncio.run(go())
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(
        m.get("body", b"") for m in sent if m["type"] == "http.response.body"
    )
    names = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return start["status"], names, body


def post(app, document) -> tuple[int, dict]:
    body = json.dumps(document).encode()
    status, headers, raw = call(app, "POST", "/check", [body])
    assert headers["content-type"] == "application/json"
    return status, json.loads(raw)


def test_incident_is_flagged_with_the_document_check_prints(app, capsys):
    status, document = post(app, {"subject": INCIDENT})
    assert status == 200
    assert [
        (f["code"], f["attribute"], f["message"]) for f in document["findings"]
    ] == [(EMBEDDED, 2, INCIDENT_MESSAGE)]
    assert document["exit_status"] == 1
    assert (1, document) == cli_json(capsys, INCIDENT)
    jsonschema.validate(document, check.schema())


def test_the_body_is_the_bytes_check_format_json_prints(app, capsys):
    _, _, raw = call(
        app, "POST", "/check", [json.dumps({"subject": INCIDENT}).encode()]
    )
    cli.main(["check", "--format", "json", INCIDENT])
    assert raw.decode("utf-8") == capsys.readouterr().out


def test_csr_pem_and_json_list_subjects(app, capsys):
    status, document = post(app, {"subject": CSR_PEM})
    assert (status, document["form"]) == (200, "csr")
    assert [(f["code"], f["where"]) for f in document["findings"]] == [
        (EMBEDDED, "RDN 2")
    ]
    attributes = [{"type": "C", "value": "JP"}, {"type": "ST", "value": "Tokyo, C=JP"}]
    status, as_json = post(app, {"subject": attributes})
    assert (status, as_json) == (
        200,
        cli_json(capsys, json.dumps(attributes))[1],
    )
    assert as_json["form"] == "json" and as_json["exit_status"] == 1


def test_options_mirror_the_command_line(app, capsys):
    subject = "C=US,ST=California,O=Example  Inc."  # a NOTICE (two spaces)
    status, document = post(app, {"subject": subject})
    assert [f["severity"] for f in document["findings"]] == ["NOTICE"]
    assert document["exit_status"] == 0
    for request, argv in [
        ({"severity": "warning"}, ["-s", "WARNING"]),
        ({"fail_on": "NOTICE"}, ["--fail-on", "NOTICE"]),
        ({"disable": "repeated_whitespace"}, ["--disable", "repeated_whitespace"]),
        (
            {"disable": ["whitespace", "subdivision"]},
            ["--disable", "whitespace,subdivision"],
        ),
        ({"enable": "embedded_attribute_assignment"}, ["--enable", EMBEDDED]),
    ]:
        status, document = post(app, {"subject": subject, **request})
        assert (status, document) == (200, cli_json(capsys, *argv, subject)[1]), request
    status, document = post(app, {"subject": subject, "fail_on": "NOTICE"})
    assert document["exit_status"] == 1


def test_unusable_input_is_422_with_the_error_document_check_prints(app, capsys):
    status, document = post(app, {"subject": BAD})
    assert status == 422
    assert (2, document) == cli_json(capsys, BAD)
    assert document["error"] == {
        "message": "expected TYPE=value but found 'Inc.'; the unescaped ',' at column 10 "
        "ended the previous value: write it as '\\,' if it belongs to it",
        "line": None,
        "column": 12,
        "form": "rfc4514",
    }
    jsonschema.validate(document, check.schema())


@pytest.mark.parametrize(
    "body, message",
    [
        (b"C=JP", "the request body is not JSON: Expecting value (line 1, column 1)"),
        (b"\xff\xfe\x00", "the request body is not UTF-8 JSON"),
        (b'["C=JP"]', 'the request body must be a JSON object {"subject": ...}'),
        (b"{}", 'the request has no "subject"'),
        (
            b'{"subject": "C=JP", "fail-on": "ERROR"}',
            "unknown field 'fail-on' in the request (fields: subject, form, severity, "
            "fail_on, disable, enable)",
        ),
        (
            b'{"subject": 42}',
            '"subject" must be a string (or a JSON list of attributes)',
        ),
        (
            b'{"subject": "C=JP", "form": "pem"}',
            '"form" must be one of ' + ", ".join(("auto",) + dn_input.FORMS),
        ),
        (
            b'{"subject": [{"type": "C", "value": "JP"}], "form": "csr"}',
            'a "subject" given as a JSON list is form json, not csr',
        ),
        (
            b'{"subject": "C=JP", "severity": "LOUD"}',
            '"severity" must be one of FATAL, ERROR, WARNING, NOTICE, INFO, DEBUG, ALL',
        ),
        (
            b'{"subject": "C=JP", "fail_on": "ALL"}',
            '"fail_on" must be one of FATAL, ERROR, WARNING, NOTICE, INFO, DEBUG',
        ),
        (
            b'{"subject": "C=JP", "disable": [1]}',
            '"disable" must be a string or a list of strings',
        ),
        (
            b'{"subject": "C=JP", "enable": "subdivison"}',
            "no such code or rule: 'subdivison' (did you mean subdivision?)",
        ),
        (
            b'{"subject": "C=J\\ud800P"}',
            '"subject" holds a lone surrogate, which is no character',
        ),
        (b'{"subject": ""}', "the input is empty"),
    ],
)
def test_request_validation_gives_422_with_the_error_document(app, body, message):
    status, _, raw = call(app, "POST", "/check", [body])
    assert status == 422
    document = json.loads(raw)
    assert document["error"]["message"] == message
    assert document["exit_status"] == 2
    jsonschema.validate(document, check.schema())


def test_oversize_bodies_and_subjects_are_413(app):
    expected = (
        f"the request body is larger than {serve.MAX_BODY:,} bytes: not one subject"
    )
    # Streamed in chunks without a length, as a chunked upload is.
    chunks = [b"x" * 65536] * (serve.MAX_BODY // 65536 + 2)
    status, headers, raw = call(app, "POST", "/check", chunks)
    assert (status, json.loads(raw)["error"]["message"]) == (413, expected)
    assert headers["connection"] == "close"
    # Announced larger than what is worth draining: refused before reading.
    declared = [("Content-Length", str(serve.DRAIN_LIMIT + 1))]
    status, _, raw = call(app, "POST", "/check", [b""], declared)
    assert (status, json.loads(raw)["error"]["message"]) == (413, expected)
    # A body within the limit whose subject is over check's 1 MiB.
    subject = "O=" + "x" * (check.MAX_INPUT - 1)
    status, _, raw = call(
        app, "POST", "/check", [json.dumps({"subject": subject}).encode()]
    )
    assert status == 413
    assert json.loads(raw)["error"]["message"] == (
        f"the subject is larger than {check.MAX_INPUT:,} bytes: not one subject"
    )
    # Exactly at check's limit: checked.
    subject = "O=" + "x" * (check.MAX_INPUT - 2)
    status, document = post(app, {"subject": subject})
    assert (status, document["form"]) == (200, "rfc4514")


def test_a_fault_of_the_program_is_500_with_an_error_document(app, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("deliberately broken")

    monkeypatch.setattr(check, "check", broken)
    status, document = post(app, {"subject": INCIDENT})
    assert status == 500
    assert document["error"]["message"] == (
        "internal error: ZeroDivisionError: deliberately broken (please report it)"
    )
    assert document["exit_status"] == 2


def test_health_gives_version_and_rules(app):
    status, _, raw = call(app, "GET", "/health")
    assert status == 200
    assert json.loads(raw) == {
        "status": "ok",
        "version": __version__,
        "rules": len(registry.rules()),
        "house_rules": [r.name for r in registry.rules() if r.origin != "built-in"],
        "codes": len(catalogue.entries()),
        "rule_load_errors": list(registry.load_errors()),
    }


def test_health_is_503_when_house_rules_failed_to_load(app, monkeypatch):
    error = "house rules acme = acme_missing not loaded (ImportError: nope)"
    monkeypatch.setattr(registry, "_load_errors", [error])
    status, _, raw = call(app, "GET", "/health")
    document = json.loads(raw)
    assert (status, document["status"], document["rule_load_errors"]) == (
        503,
        "degraded",
        [error],
    )


def test_no_interactive_docs_that_would_load_scripts_from_a_cdn(app):
    assert call(app, "GET", "/docs")[0] == 404
    assert call(app, "GET", "/redoc")[0] == 404
    status, _, raw = call(app, "GET", "/openapi.json")
    schema = json.loads(raw)["paths"]["/check"]["post"]["requestBody"]
    assert status == 200
    assert schema["content"]["application/json"]["schema"] == serve.REQUEST_SCHEMA


def test_without_fastapi_serve_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now fails
    assert cli.main(["serve", "--port", "0"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "pkilint-semantic-dn serve: error: install pkilint-semantic-dn[serve] (FastAPI and "
        "uvicorn) to run the service (fastapi is missing)\n"
    )


def test_a_port_in_use_is_a_one_line_error(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--host", "127.0.0.1", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert err == (
        f"pkilint-semantic-dn serve: error: cannot listen on http://127.0.0.1:{port}: "
        "Address already in use\n"
    )
    assert cli.main(["serve", "--port", "70000"]) == 2
    assert capsys.readouterr().err == (
        "pkilint-semantic-dn serve: error: port 70000 is not a TCP port (0-65535)\n"
    )


# --- Over real HTTP: the console command in a subprocess -----------------------------------

READY_TIMEOUT = 60
REQUEST_TIMEOUT = 30


class Server(SimpleNamespace):
    process: subprocess.Popen
    port: int
    log: object


def start_server(tmp_path, *extra) -> Server:
    """`python -m pkilint_semantic_dn serve --port 0` until /health answers (bounded)."""
    log = tmp_path / "serve.log"
    handle = open(log, "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "pkilint_semantic_dn", "serve", "--host", "127.0.0.1"]
        + ["--port", "0", *extra],
        stdout=handle,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, "PKILINT_SEMANTIC_DN_DISABLE": ""},
    )
    handle.close()
    server = Server(process=process, port=None, log=log)
    deadline = time.monotonic() + READY_TIMEOUT
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(
                    f"serve exited {process.returncode}: {log.read_text()}"
                )
            found = re.search(
                r"listening on http://127\.0\.0\.1:(\d+) ", log.read_text()
            )
            if found:
                server.port = int(found.group(1))
                try:
                    if request(server, "GET", "/health", timeout=5)[0] == 200:
                        return server
                except OSError:
                    pass
            time.sleep(0.1)
        raise AssertionError(f"serve not ready in {READY_TIMEOUT} s: {log.read_text()}")
    except BaseException:
        stop_server(server)
        raise


def stop_server(server: Server) -> int:
    """SIGTERM, then SIGKILL if it has not stopped in 20 s; the exit status."""
    process = server.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)
    return process.returncode


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("serve"), "--no-access-log")
    yield running
    stop_server(running)


def request(server, method, path, body=None, timeout=REQUEST_TIMEOUT, connection=None):
    """(status, body bytes) over a plain HTTP connection to 127.0.0.1 (never a proxy)."""
    own = connection is None
    if own:
        connection = http.client.HTTPConnection(
            "127.0.0.1", server.port, timeout=timeout
        )
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if own:
            connection.close()


def post_http(server, document, connection=None) -> tuple[int, dict]:
    status, raw = request(
        server, "POST", "/check", json.dumps(document).encode(), connection=connection
    )
    return status, json.loads(raw)


@pytest.mark.slow
def test_http_incident_csr_and_bad_input(server, capsys):
    status, document = post_http(server, {"subject": INCIDENT})
    assert (status, document) == (200, cli_json(capsys, INCIDENT)[1])
    assert [(f["code"], f["message"]) for f in document["findings"]] == [
        (EMBEDDED, INCIDENT_MESSAGE)
    ]
    status, document = post_http(server, {"subject": CSR_PEM, "form": "csr"})
    assert status == 200
    assert [(f["code"], f["where"]) for f in document["findings"]] == [
        (EMBEDDED, "RDN 2")
    ]
    status, document = post_http(server, {"subject": BAD})
    assert (status, document) == (422, cli_json(capsys, BAD)[1])
    status, raw = request(server, "POST", "/check", b"not json")
    assert status == 422
    assert json.loads(raw)["error"]["message"] == (
        "the request body is not JSON: Expecting value (line 1, column 1)"
    )


@pytest.mark.slow
def test_http_oversize_body_is_413_and_the_client_reads_it(server):
    # 6 MiB: more than loopback buffers take, so without draining the client that is still
    # sending would get a reset connection instead of the answer.
    for size in (serve.MAX_BODY + 1, 6 << 20):
        status, raw = request(server, "POST", "/check", b"x" * size)
        assert status == 413, size
        assert json.loads(raw)["error"]["message"] == (
            f"the request body is larger than {serve.MAX_BODY:,} bytes: not one subject"
        )
    # The service goes on answering.
    assert post_http(server, {"subject": INCIDENT})[0] == 200


@pytest.mark.slow
def test_http_health(server):
    status, raw = request(server, "GET", "/health")
    assert status == 200
    assert json.loads(raw) == {
        "status": "ok",
        "version": __version__,
        "rules": len(registry.rules()),
        "house_rules": [r.name for r in registry.rules() if r.origin != "built-in"],
        "codes": len(catalogue.entries()),
        "rule_load_errors": [],
    }


@pytest.mark.slow
def test_http_load_8_clients_50_requests_each(server):
    """Concurrent clients, each on its own keep-alive connection: every answer 200 with the
    incident flagged, the same document every time. Bounded: socket timeouts per request,
    and the whole run waits at most LOAD_TIMEOUT."""
    clients, per_client, load_timeout = 8, 50, 300
    subjects = [INCIDENT, CSR_PEM]

    def client(number: int) -> list:
        connection = http.client.HTTPConnection(
            "127.0.0.1", server.port, timeout=REQUEST_TIMEOUT
        )
        seen = []
        try:
            for i in range(per_client):
                subject = subjects[(number + i) % 2]
                status, document = post_http(server, {"subject": subject}, connection)
                codes = tuple(f["code"] for f in document.get("findings", []))
                seen.append((status, codes, document.get("exit_status")))
        finally:
            connection.close()
        return seen

    pool = concurrent.futures.ThreadPoolExecutor(max_workers=clients)
    try:
        futures = [pool.submit(client, n) for n in range(clients)]
        done, not_done = concurrent.futures.wait(futures, timeout=load_timeout)
        assert (
            not not_done
        ), f"{len(not_done)} clients still running after {load_timeout} s"
        results = [r for f in done for r in f.result()]  # re-raises a client's error
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    assert len(results) == clients * per_client
    assert set(results) == {(200, (EMBEDDED,), 1)}


@pytest.mark.slow
def test_http_sigterm_stops_the_service_after_it_answered(tmp_path):
    running = start_server(tmp_path)
    try:
        assert post_http(running, {"subject": INCIDENT})[0] == 200
        running.process.send_signal(signal.SIGTERM)
        status = running.process.wait(timeout=20)
    finally:
        stop_server(running)
    log = running.log.read_text()
    # uvicorn shuts down cleanly and then re-raises the signal, so the status says SIGTERM.
    assert status in (0, -signal.SIGTERM), log
    assert "Finished server process" in log
    assert '"POST /check HTTP/1.1" 200' in log  # the access log, on by default
    assert "Traceback" not in log


def test_the_service_runs_without_pkilint_or_pyasn1():
    code = (
        "import json, sys, asyncio\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_serve import call, INCIDENT\n"
        "from pkilint_semantic_dn import serve\n"
        "status, _, raw = call(serve.create_app(), 'POST', '/check', "
        "[json.dumps({'subject': INCIDENT}).encode()])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pkilint', 'pyasn1', 'pyasn1_alt_modules'))\n"
        "print(json.dumps([status, loaded]))\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == [200, []]
