"""`serve`: `check` as an HTTP service, for issuance pipelines (FastAPI app, run by uvicorn).

    pkilint-semantic-dn serve --host 127.0.0.1 --port 8080

    POST /check   {"subject": "C=JP,ST=Tokyo\\\\, C\\\\=JP,O=Example"}
                  -> 200 and the document `check --format json` prints
    GET  /health  -> {"status": "ok", "version": ..., "rules": ..., ...}

The request takes what `check` takes: `subject` (a DN string, a JSON list as a string or as
JSON, a CSR in PEM), `form` (default auto: detected as `check` detects it), and the options
`severity`, `fail_on`, `disable` and `enable` with the meaning of the command-line options.
A check that ran answers 200 whatever it found (the document's `exit_status` says 0 clean or
1 findings at or above `fail_on`); unusable input or options answer 422 with the error
document `check --format json` prints (exit status 2), a body over the size limit 413.

The engine is immutable and each request builds its own report: no state is shared between
requests, so the service is safe under any number of concurrent requests. The checks run in
a thread pool, off the event loop. Nothing is fetched from the network: the only socket is
the one the service listens on (the interactive /docs pages, which load scripts from a CDN,
are left out; /openapi.json describes the API). Imports neither pkilint nor pyasn1.

FastAPI and uvicorn are the optional extra `pkilint-semantic-dn[serve]`; `create_app()` also
runs under any ASGI server (`uvicorn --factory pkilint_semantic_dn.serve:create_app`).
"""

import argparse
import json
import socket
from types import SimpleNamespace
from typing import IO, NamedTuple

from pkilint_semantic_dn import __version__, check, options
from pkilint_semantic_dn.core import catalogue, dn_input, registry
from pkilint_semantic_dn.core.dn_input import DNInputError

PROG = "pkilint-semantic-dn serve"
INSTALL_HINT = (
    "install pkilint-semantic-dn[serve] (FastAPI and uvicorn) to run the service"
)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080

# A subject is at most check's input limit; the body may add the JSON around it and the options.
MAX_SUBJECT = check.MAX_INPUT
MAX_BODY = MAX_SUBJECT + (64 << 10)
# A body over the limit is read to its end, up to this much, and thrown away, so the client
# gets the 413 instead of a reset connection while it is still sending; beyond it, or when
# Content-Length announces more, the answer comes at once and the connection is closed.
DRAIN_LIMIT = 8 << 20

FIELDS = ("subject", "form", "severity", "fail_on", "disable", "enable")
FORM_CHOICES = ("auto",) + dn_input.FORMS

REQUEST_SCHEMA = {
    "type": "object",
    "required": ["subject"],
    "additionalProperties": False,
    "properties": {
        "subject": {
            "description": "DN string (RFC 4514 or OpenSSL), JSON list (as a string or "
            "as JSON), or a PKCS #10 CSR in PEM",
            "oneOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "object"}},
            ],
        },
        "form": {"enum": list(FORM_CHOICES), "default": "auto"},
        "severity": {
            "enum": list(options.SEVERITY_CHOICES),
            "default": options.DEFAULT_REPORT_SEVERITY,
            "description": "report only findings of this severity or higher",
        },
        "fail_on": {
            "enum": list(registry.SEVERITIES),
            "default": options.DEFAULT_FAIL_ON,
            "description": "exit_status 1 when a reported finding is at or above it",
        },
        "disable": {
            "description": "codes or rules to switch off (list, or a comma list)",
            "oneOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
            ],
        },
        "enable": {
            "description": "report only these codes or rules (list, or a comma list)",
            "oneOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
            ],
        },
    },
}


class RequestError(ValueError):
    """A request that cannot be checked; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 422, form: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.form = form


def error_document(message: str, form: str | None = None) -> dict:
    """The error document of `check --format json` for any unusable request."""
    return check.error_document(message, form)


# --- The request, checked by hand (the same messages whatever pydantic version is installed) --


class CheckRequest(NamedTuple):
    subject: bytes  # UTF-8, at most MAX_SUBJECT bytes
    form: str  # auto or one of dn_input.FORMS
    severity: str  # -s/--severity
    fail_on: str  # --fail-on
    disable: list  # --disable names
    enable: list  # --enable names


def _names(payload: dict, field: str) -> list[str]:
    value = payload.get(field, [])
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise RequestError(f'"{field}" must be a string or a list of strings')


def _choice(payload: dict, field: str, choices, default: str, fold=str.upper) -> str:
    value = payload.get(field, default)
    if not isinstance(value, str) or fold(value) not in choices:
        raise RequestError(f'"{field}" must be one of {", ".join(choices)}')
    return fold(value)


def parse_request(body: bytes) -> CheckRequest:
    """The request body (JSON) -> a CheckRequest; raises RequestError saying what is wrong."""
    try:
        payload = json.loads(body)
    except UnicodeDecodeError:
        raise RequestError("the request body is not UTF-8 JSON") from None
    except json.JSONDecodeError as e:
        raise RequestError(
            f"the request body is not JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from None
    if not isinstance(payload, dict):
        raise RequestError('the request body must be a JSON object {"subject": ...}')
    unknown = sorted(set(payload) - set(FIELDS))
    if unknown:
        raise RequestError(
            f"unknown field {unknown[0]!r} in the request (fields: {', '.join(FIELDS)})"
        )
    if "subject" not in payload:
        raise RequestError('the request has no "subject"')
    form = _choice(payload, "form", FORM_CHOICES, "auto", fold=str.lower)
    subject = payload["subject"]
    if isinstance(subject, list):  # a JSON list given as JSON, not as a string
        if form not in ("auto", "json"):
            raise RequestError(
                f'a "subject" given as a JSON list is form json, not {form}'
            )
        form = "json"
        subject = json.dumps(subject, ensure_ascii=False)
    elif not isinstance(subject, str):
        raise RequestError('"subject" must be a string (or a JSON list of attributes)')
    try:
        data = subject.encode("utf-8")
    except UnicodeEncodeError:
        raise RequestError(
            '"subject" holds a lone surrogate, which is no character'
        ) from None
    if len(data) > MAX_SUBJECT:
        raise RequestError(
            f"the subject is larger than {MAX_SUBJECT:,} bytes: not one subject", 413
        )
    return CheckRequest(
        subject=data,
        form=form,
        severity=_choice(
            payload,
            "severity",
            options.SEVERITY_CHOICES,
            options.DEFAULT_REPORT_SEVERITY,
        ),
        fail_on=_choice(
            payload, "fail_on", registry.SEVERITIES, options.DEFAULT_FAIL_ON
        ),
        disable=_names(payload, "disable"),
        enable=_names(payload, "enable"),
    )


def run_check(request: CheckRequest) -> tuple[int, dict]:
    """(HTTP status, document) for a parsed request: what `check --format json` prints."""
    try:
        chosen = options.rule_selection(
            SimpleNamespace(disable=request.disable, enable=request.enable)
        )
    except options.UsageError as e:
        return 422, error_document(str(e))
    form = request.form
    try:
        if form == "auto":
            form = dn_input.detect_form(request.subject)
        report = check.check(request.subject, form, chosen)
    except DNInputError as e:
        return 422, check.error_document(e, None if form == "auto" else form)
    document = check.report_document(
        report, severity=request.severity, fail_on=request.fail_on
    )
    return 200, document


def health() -> tuple[int, dict]:
    """The service's state: 503 when a house rule module could not be loaded (the CA's own
    checks would silently be missing)."""
    rules = registry.rules()
    errors = list(registry.load_errors())
    return (503 if errors else 200), {
        "status": "degraded" if errors else "ok",
        "version": __version__,
        "rules": len(rules),
        "house_rules": [r.name for r in rules if r.origin != "built-in"],
        "codes": len(catalogue.entries()),
        "rule_load_errors": errors,
    }


# --- The app --------------------------------------------------------------------------------


class _TooLarge(Exception):
    pass


async def _read_body(request) -> bytes:
    """The body, at most MAX_BODY bytes; raises _TooLarge after draining what the client
    still sends (up to DRAIN_LIMIT), so that it can read the answer."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > DRAIN_LIMIT:
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            if size > DRAIN_LIMIT:
                break
            continue  # drain: read and throw away
        chunks.append(chunk)
    if size > MAX_BODY:
        raise _TooLarge
    return b"".join(chunks)


def create_app():
    """The FastAPI application (imports FastAPI, which the `serve` extra installs)."""
    from fastapi import FastAPI, Request, Response
    from starlette.concurrency import run_in_threadpool

    registry.rules()  # load the rules (and house rules) once, before the first request

    app = FastAPI(
        title="pkilint-semantic-dn",
        version=__version__,
        description="Semantic checks of a requested X.509 subject before issuance: the "
        "rules of the pkilint-semantic-dn plugin and the pre-issuance checks of "
        "`pkilint-semantic-dn check`.",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN
        redoc_url=None,
    )

    def answer(status: int, document: dict, close: bool = False) -> Response:
        # The bytes `check --format json` prints: the same document, the same layout.
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        headers = {"Connection": "close"} if close else None
        return Response(
            text.encode("utf-8"),
            status_code=status,
            headers=headers,
            media_type="application/json",
        )

    @app.post(
        "/check",
        summary="Check a requested subject (DN string, JSON list or CSR)",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": REQUEST_SCHEMA}},
            }
        },
        responses={
            200: {"description": "the check ran: the `check --format json` document"},
            413: {"description": "the body or the subject is too large"},
            422: {"description": "unusable input or options: the error document"},
            500: {"description": "a fault of this program: the error document"},
        },
    )
    async def check_subject(request: Request):
        try:
            body = await _read_body(request)
        except _TooLarge:
            message = (
                f"the request body is larger than {MAX_BODY:,} bytes: not one subject"
            )
            return answer(413, error_document(message), close=True)
        try:
            parsed = parse_request(body)
        except RequestError as e:
            return answer(e.status, error_document(e.message, e.form))
        try:
            status, document = await run_in_threadpool(run_check, parsed)
        except Exception as e:  # a fault of this program: still a document, never HTML
            message = f"internal error: {type(e).__name__}: {e} (please report it)"
            return answer(500, error_document(message))
        return answer(status, document)

    @app.get("/health", summary="Service state, version and the rules loaded")
    async def service_health():
        status, document = health()
        return answer(status, document)

    return app


# --- Command line -----------------------------------------------------------------------------

HELP = "run check as an HTTP service for issuance pipelines (POST /check, GET /health)"
DESCRIPTION = (
    'Serve check over HTTP: POST /check takes {"subject": ..., "form": ...} (and '
    "severity, fail_on, disable, enable) and answers the document check --format json "
    "prints: 200 when the check ran, 422 for unusable input, 413 for a body over "
    f"{MAX_BODY:,} bytes. GET /health gives the version and the rules loaded. Needs the "
    "serve extra: pip install 'pkilint-semantic-dn[serve]'. Stops on SIGINT or SIGTERM "
    "after answering the requests in flight."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port to listen on (default {DEFAULT_PORT}; 0: any free port, printed)",
    )
    parser.add_argument(
        "--log-level",
        choices=("critical", "error", "warning", "info", "debug"),
        default="info",
        help="uvicorn's log level on standard error (default info)",
    )
    parser.add_argument(
        "--no-access-log",
        dest="access_log",
        action="store_false",
        help="do not log each request",
    )


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port; raises OSError with a readable reason."""
    if not 0 <= port <= 65535:
        raise OSError(f"port {port} is not a TCP port (0-65535)")
    try:
        infos = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as e:
        raise OSError(f"cannot resolve {host!r}: {e.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as e:
        sock.close()
        raise OSError(
            f"cannot listen on {_url(host, port)}: {e.strerror or e}"
        ) from None
    return sock


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def run(args, stdout: IO[str], stderr: IO[str], stdin) -> int:
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError as e:
        missing = getattr(e, "name", None) or "fastapi or uvicorn"
        print(f"{PROG}: error: {INSTALL_HINT} ({missing} is missing)", file=stderr)
        return 2
    try:
        sock = listen(args.host, args.port)
    except OSError as e:
        print(f"{PROG}: error: {e}", file=stderr)
        return 2
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(),
        log_level=args.log_level,
        access_log=args.access_log,
        timeout_graceful_shutdown=10,
    )
    print(
        f"{PROG}: listening on {_url(args.host, port)} (POST /check, GET /health)",
        file=stderr,
        flush=True,
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0
