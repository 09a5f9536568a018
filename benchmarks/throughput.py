"""Throughput: the same certificates through the stock pkilint CLI and through `scan`.

    python benchmarks/throughput.py                  # defaults below
    python benchmarks/throughput.py --sample 200 --jobs 2 --repeat 3

The set: every certificate of the peer corpora (`../shared/corpora` or `SEMANTIC_DN_CORPORA`)
that pkilint can decode, found by `scan`'s own reader (PEM bundles and blocks after text, DER,
base64), deduplicated by SHA-256 and written one PEM file each into a temporary directory.
Then, in one run:

(a) the stock CLI, `lint_cabf_serverauth_cert lint -d FILE`, once per file (one process start
    per certificate, as a shell loop over a corpus runs it). It is slow, so only `--sample`
    files, spread evenly over the set, are timed and the rate per certificate is extrapolated
    to the whole set; it is timed one file at a time and also `--jobs` files at a time
    (the fair comparison with a parallel scan).
(b) `pkilint-semantic-dn scan --jobs J DIR`: full pkilint linting with the plugin.
(c) `pkilint-semantic-dn scan --semantic-only --jobs J DIR`.

Rates are certificates per second of wall time, including interpreter start-up; for (b) and
(c) the rate inside the scan (`--summary`, after start-up) is shown too. With `--repeat`, the
median run of (b) and (c) counts. Other processes on the machine slow every figure: the load
average is printed before and after.

Targets (issue 5, on a 2-core machine): (b) >= 20x (a); (c) >= 2,000 certificates/s.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pkilint_semantic_dn import corpus, scan
from pkilint_semantic_dn.adapter import linting  # noqa: E402

DEFAULT_CORPORA = Path(
    os.environ.get("SEMANTIC_DN_CORPORA", ROOT.parent / "shared" / "corpora")
)
BIN = Path(sys.executable).parent


def _command(name: str) -> list[str]:
    script = BIN / name
    if script.exists():
        return [str(script)]
    if name == "pkilint-semantic-dn":
        return [sys.executable, "-m", "pkilint_semantic_dn"]
    raise SystemExit(f"{name} not found beside {sys.executable}: install pkilint")


def build_set(corpora: Path, directory: Path) -> int:
    """Write every decodable, distinct certificate of the corpora as one PEM file each."""
    seen = set()
    count = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for item in corpus.iter_items([str(corpora)]):
            if item.der is None:
                continue
            digest = hashlib.sha256(item.der).hexdigest()
            if digest in seen:
                continue
            try:
                linting.load_der(item.der)  # the stock CLI must be able to lint it too
            except Exception:
                continue
            seen.add(digest)
            count += 1
            body = base64.b64encode(item.der).decode()
            lines = [body[i : i + 64] for i in range(0, len(body), 64)]
            text = "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines)
            text += "\n-----END CERTIFICATE-----\n"
            (directory / f"{count:05d}.pem").write_text(text)
    return count


def time_stock(files: list[Path], jobs: int) -> float:
    """Wall seconds to run the stock CLI once per file, `jobs` processes at a time."""
    command = _command("lint_cabf_serverauth_cert")
    started = time.perf_counter()
    running: list[subprocess.Popen] = []
    for path in files:
        while len(running) >= jobs:
            running.pop(0).wait()
        running.append(
            subprocess.Popen(
                command + ["lint", "-d", str(path)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    for process in running:
        process.wait()
    return time.perf_counter() - started


def time_scan(
    directory: Path, jobs: int, semantic_only: bool, work: Path
) -> tuple[float, dict]:
    summary = work / "summary.json"
    command = _command("pkilint-semantic-dn") + ["scan", "--jobs", str(jobs)]
    if semantic_only:
        command.append("--semantic-only")
    output = work / "records.jsonl"
    command += ["--no-progress", "-o", str(output), "--summary", str(summary)]
    command.append(str(directory))
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PKILINT_SEMANTIC_DN")
    }
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1, 2):
        raise SystemExit(
            f"scan failed ({done.returncode}): {done.stderr.decode()[-2000:]}"
        )
    report = json.loads(summary.read_text())
    # Keep one error message: a scan that only reports errors is fast and proves nothing.
    with output.open() as records:
        errors = (r["error"] for r in map(json.loads, records) if "error" in r)
        report["first_error"] = next(errors, None)
    return elapsed, report


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--sample", type=int, default=100, help="files timed for (a)")
    parser.add_argument("--jobs", type=int, default=scan.default_jobs())
    parser.add_argument("--repeat", type=int, default=3, help="runs of (b) and (c)")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        raise SystemExit(
            f"corpora not found at {args.corpora} (set SEMANTIC_DN_CORPORA)"
        )

    print(
        f"python {platform.python_version()}, {os.cpu_count()} CPUs, jobs {args.jobs}"
    )
    print(f"load average before: {_load()}")
    with tempfile.TemporaryDirectory(prefix="throughput-") as tmp:
        work = Path(tmp)
        directory = work / "certs"
        directory.mkdir()
        count = build_set(args.corpora, directory)
        print(
            f"set: {count:,} distinct certificates that pkilint decodes, one PEM file each"
        )
        if count < 1000:
            print("warning: fewer than 1,000 certificates")
        files = sorted(directory.iterdir())
        step = max(1, len(files) // args.sample)
        sample = files[::step][: args.sample]

        stock_serial = time_stock(sample, 1)
        stock_parallel = time_stock(sample, args.jobs)
        rate_a1 = len(sample) / stock_serial
        rate_a = len(sample) / stock_parallel

        full = [
            time_scan(directory, args.jobs, False, work) for _ in range(args.repeat)
        ]
        semantic = [
            time_scan(directory, args.jobs, True, work) for _ in range(args.repeat)
        ]
    print(f"load average after:  {_load()}")

    def median_run(runs):
        wall = statistics.median(r[0] for r in runs)
        inner = statistics.median(r[1]["records_per_second"] for r in runs)
        return count / wall, inner, runs[0][1]["errors"], runs[0][1]["first_error"]

    rate_b, inner_b, errors_b, first_b = median_run(full)
    rate_c, inner_c, errors_c, first_c = median_run(semantic)
    print()
    print(f"{'':44}{'certs/s':>10}{'in scan':>10}  note")
    print(
        f"{'(a) stock CLI, once per file, 1 at a time':44}{rate_a1:10.1f}{'':10}  "
        f"{len(sample)} of {count} files timed, extrapolated: "
        f"{count / rate_a1 / 60:.1f} min for the set"
    )
    print(
        f"{f'(a) stock CLI, once per file, {args.jobs} at a time':44}{rate_a:10.1f}{'':10}  "
        f"{count / rate_a / 60:.1f} min for the set"
    )
    print(
        f"{'(b) scan (full pkilint lint + plugin)':44}{rate_b:10.1f}{inner_b:10.1f}  "
        f"median of {args.repeat} runs, {count / rate_b:.1f} s"
        + (f"; {errors_b} not linted, e.g. {first_b}" if errors_b else "")
    )
    print(
        f"{'(c) scan --semantic-only':44}{rate_c:10.1f}{inner_c:10.1f}  "
        f"median of {args.repeat} runs, {count / rate_c:.2f} s"
        + (f"; {errors_c} not checked, e.g. {first_c}" if errors_c else "")
    )
    print()
    ratio_b, ratio_c = rate_b / rate_a, rate_c / rate_a
    print(
        f"(b)/(a): {ratio_b:.0f}x against {args.jobs} CLI processes at a time, "
        f"{rate_b / rate_a1:.0f}x against one at a time (target >= 20x: "
        f"{'met' if ratio_b >= 20 else 'NOT met'})"
    )
    print(f"(c)/(a): {ratio_c:.0f}x; (c)/(b): {rate_c / rate_b:.0f}x")
    print(
        f"(c): {rate_c:,.0f} certificates/s wall, {inner_c:,.0f}/s in the scan "
        f"(target >= 2,000/s: {'met' if rate_c >= 2000 else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
