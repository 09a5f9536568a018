"""Speed, as a user asks about it: the four questions of issue 15 in one run.

    python benchmarks/speed.py                       # (a) (b) (c) (d), defaults below
    python benchmarks/speed.py --only a,d --rounds 5
    PYTHONPATH=/other/checkout python benchmarks/speed.py   # measure another tree
    python benchmarks/speed.py --only c --before /other/checkout  # (c) before/after, interleaved

(a) What does the plugin cost inside pkilint? Per certificate, plugin / stock linter in
    one process (`overhead.py`'s method: fresh linters built stock, plugin, stock again;
    a stock lint before every plugin lint, in turns; CPU time of validate + finding
    filters), on typical issued certificates (DV, OV, EV TLS and S/MIME organisation
    certificates with real subjects from 26 countries, `typical.py`) and on a sample of
    the peer corpora. The noise floor is the second stock linter against the first.
    Target: median per-certificate ratio <= 1.02 on both. Two untimed rounds lint every
    certificate first (a place's values are met in the first; their answers, kept from
    their second sight, in the second); every timed round lints the same certificates
    again, so the plugin's engine answers from the answer it kept for each subject (as
    when a CA lints a precertificate and then the certificate). Three more plugin linters forget after
    each lint, so that every subject is new to them: one the subject's answer (a new
    certificate of an organisation the linter has seen: the answer for the subject
    without its holder's attributes stays), one that too and the answers for the
    organisation's own values (a new organisation in a place seen before: those for its
    country, state, locality, EV jurisdiction and business category stay), one every
    answer for the subject and its values (every value new; `overhead.FORGET`). The
    issuer's answers and the rules' own memos stay, as they do for a CA's stream of
    certificates. Also printed: the plugin's own `validate` time inside those lints, the
    steadier figure of what the plugin costs.
(b) How close is `scan --semantic-only` to parsing alone? The same certificates (corpora and
    typical ones, as PEM bundles, `--copies` times) through: the parsing floor (cryptography
    parse and a walk of the subject's attributes, DER in memory), the reading floor (scan's
    reader over the files, then the same parse), the rules engine alone on the parsed
    subjects, and `scan --semantic-only -j 1` and `-j 2` in fresh processes. Rates in
    certificates per CPU second of the measured process (one core: the fair figure on a
    shared machine) and, for -j 2, per wall second; both also after start-up (a scan of one
    certificate, timed too, taken off: the rate of a long scan of a whole corpus). Targets:
    -j 1 >= 60 % of the parsing floor; -j 2 near twice -j 1 (wall; only on an otherwise idle
    machine).
(c) Is a full `scan` worth it over the obvious loop? `scan -j 2` (full pkilint linting with
    the plugin) against a plain two-process `multiprocessing.Pool` loop that reads each file,
    lets pkilint load it, detects the profile and lints it with linters it builds and caches
    itself (pkilint's own factory calls, with the plugin), both in fresh processes, wall
    time, alternating. Target: scan >= 1.3x the loop.
(d) What does the plugin add to importing pkilint, and to building the first linter? Fresh
    interpreters, hook on and `PKILINT_SEMANTIC_DN=0` interleaved: `-X importtime` total of
    `import pkilint.pkix.certificate` and its wall time; the CPU time of the first
    `create_subject_validator_container()` (which loads the rules). Bytecode is written and
    used as in an installed package (PYTHONDONTWRITEBYTECODE is cleared for these runs).
    Target: import <= 5 ms added. Then what one command costs from start to exit, as a
    pipeline that starts a process per certificate or subject pays it: the stock
    `lint_cabf_serverauth_cert lint -d` on the bundled example certificate, hook on and off
    (wall time and peak memory), and `pkilint-semantic-dn check` on one DN string.

Every comparison is interleaved within one run and the load average is printed: on a shared
machine the ratios are the figures to read, not the absolute times.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# This checkout's tools and benchmarks first; the package itself from wherever Python finds
# it (PYTHONPATH or the installed one; this checkout last), so another tree can be measured.
sys.path[:0] = [str(HERE), str(ROOT / "tools")]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

DEFAULT_CORPORA = Path(
    os.environ.get("SEMANTIC_DN_CORPORA", ROOT.parent / "shared" / "corpora")
)
TARGETS = {"a": 1.02, "b": 0.60, "c": 1.3, "d": 5.0}


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _package_path() -> str:
    import pkilint_semantic_dn

    return str(Path(pkilint_semantic_dn.__file__).resolve().parent.parent)


def _child_env(tree: str | None = None, **extra) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PKILINT_SEMANTIC_DN")
    }
    # Bytecode written and used, as in an installed package (pip compiles it at install):
    # with PYTHONDONTWRITEBYTECODE set, every child compiled the package again (about 50 ms
    # of a scan's start-up).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(
        [tree or _package_path()]
        + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    env.update(extra)
    return env


def _pem(der: bytes) -> str:
    body = base64.b64encode(der).decode()
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN CERTIFICATE-----\n{lines}\n-----END CERTIFICATE-----\n"


# --------------------------------------------------------------------------------------------
# (a) inside pkilint


def part_a(args) -> dict:
    import overhead
    import typical

    import pkilint.pkix.certificate  # noqa: F401  (the hook wraps the factories here)

    out = {}
    sets = [("typical", [(f"typical/{n}", d, p) for n, d, p in typical.certificates()])]
    sets.append(("corpora", overhead.load_sample(args.corpora, args.limit)))
    for name, sample in sets:
        linters = overhead.build_linters({p for _, _, p in sample})
        print(
            f"\n(a) {name}: {len(sample)} certificates, {len(linters)} profiles, "
            f"{args.rounds} rounds, CPU clock"
        )
        times = overhead.measure_lint(sample, linters, args.rounds)
        out[name] = overhead.report_lint(sample, times)
    return out


# --------------------------------------------------------------------------------------------
# (b) semantic-only scan against the floor


def _semantic_set(args, directory: Path) -> list[bytes]:
    import typical

    from pkilint_semantic_dn import corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ders = [
            i.der for i in corpus.iter_items([str(args.corpora)]) if i.der is not None
        ]
    ders += [d for _, d, _ in typical.certificates()]
    pems = [_pem(d) for d in ders]
    n = 0
    for _ in range(args.copies):
        for k in range(0, len(pems), 500):
            (directory / f"bundle{n:04d}.pem").write_text("".join(pems[k : k + 500]))
            n += 1
    return ders * args.copies


def _floor(ders) -> None:
    from cryptography import x509

    for der in ders:
        try:
            cert = x509.load_der_x509_certificate(der)
            for rdn in cert.subject.rdns:
                for a in rdn:
                    a.oid.dotted_string, a.value
        except Exception:
            pass


def _reading_floor(directory: Path) -> int:
    from pkilint_semantic_dn import corpus

    ders = [i.der for i in corpus.iter_items([str(directory)]) if i.der is not None]
    _floor(ders)
    return len(ders)


def _scan_child(argv) -> int:
    """In a fresh process: `scan` on a directory, timed around `scan.run`."""
    jobs, mode, directory = argv
    from pkilint_semantic_dn import scan

    parser = argparse.ArgumentParser()
    scan.add_arguments(parser)
    options = ["-j", jobs, "--no-progress", "-o", os.devnull]
    options += ["--semantic-only"] if mode == "semantic" else []
    summary = Path(tempfile.mkstemp(suffix=".json")[1])
    options += ["--summary", str(summary), directory]
    parsed = parser.parse_args(options)
    cpu, wall = time.process_time(), time.perf_counter()
    scan.run(parsed, stderr=io.StringIO())
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    children = os.times()
    report = json.loads(summary.read_text())
    summary.unlink()
    print(
        json.dumps(
            {
                "cpu": cpu,
                "wall": wall,
                "children_cpu": children.children_user + children.children_system,
                "records": report["records_this_run"],
                "errors": report["errors"],
            }
        )
    )
    return 0


def _run_child(kind: str, *argv, tree: str | None = None) -> dict:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, kind, *argv],
        env=_child_env(tree),
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall"] = elapsed
    return result


def part_b(args) -> dict:
    from pkilint_semantic_dn import corpus
    from pkilint_semantic_dn.core import engine

    clock = time.process_time
    with (
        tempfile.TemporaryDirectory(prefix="speed-b-") as tmp,
        tempfile.TemporaryDirectory(prefix="speed-b-one-") as one,
    ):
        directory = Path(tmp)
        ders = _semantic_set(args, directory)
        n = len(ders)
        # A scan of one certificate: the start-up a scan pays whatever its input. A full
        # address (an EV subject in the US), so that it loads the tables a long scan loads
        # (-j 2 loads them all before forking its workers; -j 1 on first use).
        import typical

        ev = next(d for label, d, _ in typical.certificates() if label == "ev/US")
        (Path(one) / "one.pem").write_text(_pem(ev))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            subjects = []
            for der in ders:
                try:
                    who = corpus.identify(der)
                except Exception:
                    continue
                subjects.append([p for rdn in who.subject_rdns for p in rdn])
        rules = engine.Engine(keep_answers=False)  # the rules, not the answers kept
        for s in subjects[:200]:
            rules.check(s)  # tables loaded
        print(
            f"\n(b) {n:,} certificates ({n // args.copies:,} distinct x {args.copies}) in "
            f"{len(list(directory.iterdir()))} PEM bundles; {args.rounds} rounds"
        )

        def floor():
            start = clock()
            _floor(ders)
            return n / (clock() - start)

        def reading():
            start = clock()
            count = _reading_floor(directory)
            return count / (clock() - start)

        def engine_alone():
            start = clock()
            for s in subjects:
                rules.check(s)
            return len(subjects) / (clock() - start)

        def scan_j1():
            r = _run_child("--_scan-child", "1", "semantic", str(directory))
            return r["records"] / r["cpu"]

        def scan_j1_wall():
            r = _run_child("--_scan-child", "1", "semantic", str(directory))
            return r["records"] / r["wall"]

        def scan_j2_wall():
            r = _run_child("--_scan-child", "2", "semantic", str(directory))
            return r["records"] / r["wall"]

        def scan_j2_main():
            # The main process's own CPU: the serial part that limits -j 2's gain.
            r = _run_child("--_scan-child", "2", "semantic", str(directory))
            return r["records"] / r["cpu"]

        def start_j1():
            return _run_child("--_scan-child", "1", "semantic", one)["wall"]

        def start_j2():
            return _run_child("--_scan-child", "2", "semantic", one)["wall"]

        variants = {
            "parsing floor (cryptography parse + subject walk)": floor,
            "reading floor (scan's reader + the same parse)": reading,
            "rules engine alone (parsed subjects)": engine_alone,
            "scan --semantic-only -j 1 (per CPU second)": scan_j1,
            "scan --semantic-only -j 1 (per wall second)": scan_j1_wall,
            "scan --semantic-only -j 2 (per wall second)": scan_j2_wall,
            "scan --semantic-only -j 2 (per main process CPU second)": scan_j2_main,
            "start-up -j 1": start_j1,
            "start-up -j 2": start_j2,
        }
        start_j2()  # untimed: the package's bytecode written before the rounds
        rates = _interleave(variants, args.rounds)
    startup = {j: rates.pop(f"start-up -j {j}") for j in (1, 2)}
    names = list(rates)
    floor_rate, reading_rate, engine_rate, j1, j1_wall, j2_wall, j2_main = (
        rates[k] for k in names
    )
    # After start-up: the certificates beyond the first over the wall time beyond a
    # one-certificate scan's (what a long scan of a whole corpus runs at).
    steady = {
        j: (n - 1) / max(1e-9, n / rate - startup[j])
        for j, rate in ((1, j1_wall), (2, j2_wall))
    }
    print(f"{'':54}{'certs/s':>10}")
    for name in names:
        print(f"  {name:52}{rates[name]:10,.0f}")
    for j in (1, 2):
        print(
            f"  {f'scan -j {j} after start-up (per wall second)':52}{steady[j]:10,.0f}"
        )
    print(
        f"  start-up (a one-certificate scan, wall): -j 1 {1e3 * startup[1]:.0f} ms, "
        f"-j 2 {1e3 * startup[2]:.0f} ms"
    )
    print(
        f"  engine alone: {1e6 / engine_rate:.1f} us per certificate; "
        f"parsing floor {1e6 / floor_rate:.1f} us"
    )
    share = j1 / floor_rate
    print(
        f"  -j 1 / parsing floor: {share:.2f} (target >= {TARGETS['b']:.2f}: "
        f"{'met' if share >= TARGETS['b'] else 'NOT met'}); -j 1 / reading floor: "
        f"{j1 / reading_rate:.2f}; -j 2 / -j 1 (wall): {j2_wall / j1_wall:.2f}, "
        f"after start-up {steady[2] / steady[1]:.2f}"
    )
    print(
        f"  -j 2: the main process spends {1e6 / j2_main:.0f} us per record, the whole "
        f"-j 1 process {1e6 / j1:.0f} us (with two idle cores -j 2 gains at most "
        f"{min(2.0, j2_main / j1):.2f}x)"
    )
    return {
        "rates": rates,
        "j1_over_floor": share,
        "j2_over_j1": j2_wall / j1_wall,
        "j2_over_j1_after_start_up": steady[2] / steady[1],
        "start_up_s": startup,
        "j2_main_us": 1e6 / j2_main,
    }


def _interleave(variants: dict, rounds: int) -> dict:
    names = list(variants)
    seen = {k: [] for k in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            seen[name].append(variants[name]())
        print(f"  round {r + 1}/{rounds} done (load {_load()})", file=sys.stderr)
    return {k: statistics.median(v) for k, v in seen.items()}


# --------------------------------------------------------------------------------------------
# (c) full scan against the plain multiprocessing loop


def _plain_lint(path: str):
    from pkilint import loader

    from pkilint_semantic_dn.adapter import linting

    with open(path, "rb") as f:
        data = f.read()
    try:
        doc = loader.RFC5280CertificateDocumentLoader().load_pem_document(
            data.decode("ascii"), path
        )
        doc.decode()
        profile = linting.detect_profile(doc)
        built = _PLAIN_LINTERS.get(profile)
        if built is None:
            build = getattr(linting, "build_linter", None) or linting.linter.__wrapped__
            built = _PLAIN_LINTERS[profile] = build(profile)
        from pkilint import finding_filter

        results = built[0].validate(doc.root)
        results, _ = finding_filter.filter_results(built[1], results)
        return (
            path,
            profile,
            [
                (r.node.path, str(r.validator), fd.finding.code, fd.message)
                for r in results
                for fd in r.finding_descriptions
            ],
        )
    except Exception as e:
        return path, None, str(e)


_PLAIN_LINTERS: dict = {}


def _plain_child(argv) -> int:
    """In a fresh process: the obvious two-process loop over pkilint."""
    import logging
    import multiprocessing

    directory, jobs = argv
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    import pkilint.pkix.certificate  # noqa: F401

    paths = sorted(str(p) for p in Path(directory).iterdir())
    wall = time.perf_counter()
    with multiprocessing.Pool(int(jobs)) as pool, open(os.devnull, "w") as out:
        records = 0
        for record in pool.imap(_plain_lint, paths, chunksize=8):
            out.write(json.dumps(record) + "\n")
            records += 1
    print(json.dumps({"wall": time.perf_counter() - wall, "records": records}))
    return 0


def part_c(args) -> dict:
    import throughput

    with tempfile.TemporaryDirectory(prefix="speed-c-") as tmp:
        directory = Path(tmp)
        count = throughput.build_set(args.corpora, directory)
        print(
            f"\n(c) {count:,} distinct certificates pkilint decodes, one PEM file each; "
            f"{args.full_rounds} rounds, wall time of fresh processes, 2 workers each"
        )

        def scan_j2():
            r = _run_child("--_scan-child", "2", "full", str(directory))
            return r["records"] / r["process_wall"]

        def plain():
            r = _run_child("--_plain-child", str(directory), "2")
            return r["records"] / r["process_wall"]

        variants = {
            "scan -j 2 (full pkilint + plugin)": scan_j2,
            "plain multiprocessing.Pool(2) loop": plain,
        }
        if args.before:

            def scan_before():
                r = _run_child(
                    "--_scan-child", "2", "full", str(directory), tree=str(args.before)
                )
                return r["records"] / r["process_wall"]

            variants["scan -j 2 of the --before tree"] = scan_before
        rates = _interleave(variants, args.full_rounds)
    for name, rate in rates.items():
        print(f"  {name:52}{rate:10,.1f} certs/s")
    ratio = (
        rates["scan -j 2 (full pkilint + plugin)"]
        / rates["plain multiprocessing.Pool(2) loop"]
    )
    print(
        f"  scan / plain loop: {ratio:.2f} (target >= {TARGETS['c']}: "
        f"{'met' if ratio >= TARGETS['c'] else 'NOT met'})"
    )
    return {"rates": rates, "ratio": ratio}


# --------------------------------------------------------------------------------------------
# (d) import


_IMPORTTIME = re.compile(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|( *)\S+")
_INSTALL = (
    "import time, pkilint.pkix.certificate as c; t = time.process_time(); "
    "from pkilint_semantic_dn.adapter import registration; "
    "assert registration.install_into(c); print(time.process_time() - t)"
)
# Runs `module args...` as `python -m` would and writes its peak resident kB at exit.
_PEAK = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('\\nPEAK ' + line.split()[1] + '\\n')\n"
    "atexit.register(peak)\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
)
_FIRST_BUILD = (
    "import time, pkilint.pkix.certificate as c; t = time.process_time(); "
    "c.create_subject_validator_container([]); print(time.process_time() - t)"
)


def part_d(args) -> dict:
    python = sys.executable
    base = _child_env()
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    on, off = dict(base), dict(base, PKILINT_SEMANTIC_DN="0")
    importing = [python, "-X", "importtime", "-c", "import pkilint.pkix.certificate"]

    def import_time(env) -> tuple[float, float]:
        start = time.perf_counter()
        err = subprocess.run(importing, env=env, capture_output=True, text=True).stderr
        wall = time.perf_counter() - start
        total = sum(
            int(m.group(1)) for m in _IMPORTTIME.finditer(err) if len(m.group(2)) == 1
        )
        return total / 1e3, wall * 1e3

    def cpu_ms(code: str, env) -> float:
        out = subprocess.run(
            [python, "-c", code], env=env, capture_output=True, text=True
        ).stdout
        return float(out.strip().splitlines()[-1]) * 1e3

    def first_build(env) -> float:
        return cpu_ms(_FIRST_BUILD, env)

    example = str(
        Path(__file__).resolve().parent.parent / "examples" / "incident_tokyo_c_jp.pem"
    )
    stock_lint = [
        python,
        "-m",
        "pkilint.bin.lint_cabf_serverauth_cert",
        "lint",
        "-d",
        example,
    ]
    check_one = [
        python,
        "-m",
        "pkilint_semantic_dn",
        "check",
        "C=JP,ST=Tokyo\\, C=JP,O=Example K.K.",
    ]

    def command(argv, env) -> float:
        """Wall ms from start to exit of one fresh process."""
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True)
        return 1e3 * (time.perf_counter() - start)

    def peak_mb(argv, env) -> float:
        """The peak resident memory of the same command, as the process reads it at exit
        (VmHWM: its own, where a child's rusage can carry the benchmark's own size)."""
        wrapped = [python, "-c", _PEAK, *argv[2:]]  # argv: python -m module ...
        err = subprocess.run(wrapped, env=env, capture_output=True, text=True).stderr
        found = re.findall(r"^PEAK (\d+)$", err, re.M)
        return int(found[-1]) / 1024 if found else float("nan")

    for env in (on, off):  # bytecode written, file cache warm
        import_time(env)
        first_build(env)
        command(stock_lint, env)
    command(check_one, on)
    seen = {k: [] for k in ("import on", "import off", "wall on", "wall off")}
    built = {"build on": [], "build off": [], "install": []}
    whole = {
        k: [] for k in ("lint on", "lint off", "lint MB on", "lint MB off", "check")
    }
    for r in range(args.import_runs):
        # What the hook does when pkilint.pkix.certificate has run, alone: the plugin's
        # share of the import, without the noise of the whole import around it.
        built["install"].append(cpu_ms(_INSTALL, off))
        pairs = [("on", on), ("off", off)]
        for name, env in pairs if r % 2 else pairs[::-1]:
            total, wall = import_time(env)
            seen[f"import {name}"].append(total)
            seen[f"wall {name}"].append(wall)
            built[f"build {name}"].append(first_build(env))
            whole[f"lint {name}"].append(command(stock_lint, env))
            whole[f"lint MB {name}"].append(peak_mb(stock_lint, env))
        whole["check"].append(command(check_one, on))
    m = {k: statistics.median(v) for k, v in {**seen, **built, **whole}.items()}
    added = m["install"]
    print(f"\n(d) {args.import_runs} interleaved fresh interpreters each, medians:")
    print(
        f"  added to import pkilint.pkix.certificate (the hook's install after it, CPU): "
        f"{added:.2f} ms (target <= {TARGETS['d']:.0f} ms: "
        f"{'met' if added <= TARGETS['d'] else 'NOT met'})"
    )
    print(
        f"  -X importtime total of the import: hook on {m['import on']:.1f} ms, off "
        f"{m['import off']:.1f} ms: {m['import on'] - m['import off']:+.1f} ms"
    )
    print(
        f"  the same, wall time of the process: on {m['wall on']:.1f} ms, off "
        f"{m['wall off']:.1f} ms: {m['wall on'] - m['wall off']:+.1f} ms"
    )
    print(
        f"  first create_subject_validator_container(), CPU: on {m['build on']:.1f} ms, "
        f"off {m['build off']:.1f} ms: {m['build on'] - m['build off']:+.1f} ms (the rules "
        "are loaded here)"
    )
    print(
        f"  one stock lint_cabf_serverauth_cert run, start to exit: on {m['lint on']:.0f} ms, "
        f"off {m['lint off']:.0f} ms: {m['lint on'] - m['lint off']:+.0f} ms; peak memory "
        f"on {m['lint MB on']:.0f} MB, off {m['lint MB off']:.0f} MB: "
        f"{m['lint MB on'] - m['lint MB off']:+.0f} MB"
    )
    print(
        f"  one pkilint-semantic-dn check of a DN string, start to exit: {m['check']:.0f} ms"
    )
    return {"import_added_ms": added, **m}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--_scan-child":
        return _scan_child(argv[1:])
    if argv and argv[0] == "--_plain-child":
        return _plain_child(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--only", default="a,b,c,d", help="comma list of a, b, c, d")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of (a) and (b)")
    parser.add_argument("--full-rounds", type=int, default=2, help="rounds of (c)")
    parser.add_argument("--limit", type=int, default=600, help="(a) corpus sample")
    parser.add_argument("--copies", type=int, default=4, help="(b) copies of the set")
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--before",
        type=Path,
        help="(c): also time the scan of this other checkout, interleaved (before/after)",
    )
    args = parser.parse_args(argv)
    import logging

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} "
        f"CPUs; package from {_package_path()}; load average {_load()} at start"
    )
    parts = {"a": part_a, "b": part_b, "c": part_c, "d": part_d}
    figures = {}
    for key in args.only.split(","):
        figures[key] = parts[key.strip()](args)
    print(f"\nload average {_load()} at end")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
