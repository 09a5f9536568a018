"""Distributed scan: local `scan` vs a Dask cluster of 1 and of 2 workers, in one run.

    python benchmarks/distributed.py                    # defaults below
    python benchmarks/distributed.py --copies 4 --rounds 3 --full 200

The set: the peer corpora (`../shared/corpora` or `SEMANTIC_DN_CORPORA`) read by `scan`'s
own reader, `--copies` times over (each copy a log of its own: x509 entries and a
precertificate after every fifth), written as static-ct-api data tiles by
tools/make_ct_inputs.py: the form a CT audit reads. Then `--rounds` rounds, each of:

(a) local `scan --semantic-only -j 1` (one core) and `-j 2` (the machine);
(b) `scan --semantic-only --scheduler` with one `dask worker --nthreads 1` on 127.0.0.1;
(c) the same with two workers.

Rates are certificates per second as the scan's own `--summary` measures them (from the
start of `run` to the last record: planning, Dask's scheduling and the writes of the
partitions included; interpreter start-up not). The rounds interleave the configurations so
that load from other processes falls on all of them alike; medians are shown, and ratios to
(a) with one core. Beside the rates of wall time, certificates per CPU-second of the
processes that lint (local: the scan's processes, interpreter start-up included; Dask: the
workers', from psutil): the per-core rate, which load from other processes changes little. With `--full N`, the rate of a full pkilint lint of N certificates on one
core is measured too (the figure docs/scale.md works from). Other processes on the machine
slow every figure: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file's name is the Dask package's: its folder must not shadow it.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _corpora() -> str:
    return os.environ.get(
        "SEMANTIC_DN_CORPORA", str(ROOT.parent / "shared" / "corpora")
    )


def _start(args, log: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen(
            args, stdout=out, stderr=subprocess.STDOUT, env=ENV, start_new_session=True
        )


def _stop(p: subprocess.Popen) -> None:
    if p.poll() is None:
        os.killpg(p.pid, signal.SIGKILL)
    p.wait(10)


def _cpu_children() -> float:
    import resource

    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def _cpu_of(pids) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def _worker_pids(address: str) -> list[int]:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        return list(client.run(os.getpid).values())


def _scan(args, work: Path, name: str, workers=()) -> dict:
    """The scan's summary, with `cpu_seconds`: of the scan's processes (local) or of the
    Dask workers (`workers`: their pids)."""
    summary = work / f"{name}.summary.json"
    before = _cpu_of(workers) if workers else _cpu_children()
    subprocess.run(
        [sys.executable, "-m", "pkilint_semantic_dn", "scan", *map(str, args)]
        + ["--no-progress", "--summary", str(summary)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    after = _cpu_of(workers) if workers else _cpu_children()
    report = json.loads(summary.read_text())
    report["cpu_seconds"] = after - before
    return report


def _workers(address: str, n: int) -> None:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(n, timeout=120)
        while len(client.scheduler_info()["workers"]) != n:
            time.sleep(0.2)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--partition-size", type=int, default=1024)
    parser.add_argument("--full", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)

    import make_ct_inputs as mk

    work = Path(tempfile.mkdtemp(prefix="semantic-dn-bench-"))
    ders = mk.corpus_ders([_corpora()])
    logs = []
    for c in range(args.copies):
        log = work / f"log{c}"
        mk.write_tiles(mk.log_entries(ders), log)
        logs.append(str(log))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average before: {os.getloadavg()}"
    )
    procs = []
    try:
        procs.append(
            _start(
                [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0"]
                + ["--no-dashboard", "--scheduler-file", str(work / "s.json")],
                work / "scheduler.log",
            )
        )
        while not (work / "s.json").exists():
            time.sleep(0.2)
        time.sleep(0.3)
        address = json.loads((work / "s.json").read_text())["address"]

        def worker(name):
            return _start(
                [str(BIN / "dask"), "worker", address, "--nthreads", "1"]
                + ["--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard"]
                + ["--name", name],
                work / f"{name}.log",
            )

        procs.append(worker("w1"))
        _workers(address, 1)
        keys = ("local-1", "local-2", "dask-1", "dask-2")
        rates: dict[str, list[float]] = {k: [] for k in keys}
        per_cpu: dict[str, list[float]] = {k: [] for k in keys}
        records = None
        for r in range(args.rounds):
            for jobs in (1, 2):
                s = _scan(
                    logs + ["--semantic-only", "-j", jobs, "-o", work / "l.jsonl"],
                    work,
                    "l",
                )
                rates[f"local-{jobs}"].append(s["records_per_second"])
                records = s["records_this_run"]
                per_cpu[f"local-{jobs}"].append(records / s["cpu_seconds"])
            for n in (1, 2):
                if n == 2:
                    procs.append(worker(f"w2-{r}"))
                    _workers(address, 2)
                out = work / f"out-{r}-{n}"
                s = _scan(
                    logs
                    + ["--semantic-only", "--scheduler", address, "-o", out]
                    + ["--partition-size", args.partition_size],
                    work,
                    f"d{n}",
                    _worker_pids(address),
                )
                assert s["records_this_run"] == records, s
                rates[f"dask-{n}"].append(s["records_per_second"])
                per_cpu[f"dask-{n}"].append(records / s["cpu_seconds"])
            _stop(procs.pop())  # back to one worker
            _workers(address, 1)
        full = None
        if args.full:
            sample = work / "full"
            mk.write_tiles(mk.log_entries(ders[: args.full], precert_every=0), sample)
            s = _scan([sample, "-j", 1, "-o", work / "f.jsonl"], work, "f")
            full = (s["records_per_second"], s["records_this_run"] / s["cpu_seconds"])
    finally:
        for p in procs:
            _stop(p)
    base = statistics.median(rates["local-1"])
    print(
        f"{records:,} certificates (data tiles, {args.copies} logs), semantic-only, "
        f"{args.rounds} rounds, partitions of {args.partition_size}"
    )
    print(
        f"{'configuration':28} {'median cert/s':>14} {'ratio':>7} "
        f"{'cert/CPU-s':>11}   runs (cert/s)"
    )
    names = {
        "local-1": "local scan -j 1",
        "local-2": "local scan -j 2",
        "dask-1": "Dask, 1 worker (1 thread)",
        "dask-2": "Dask, 2 workers (1 thread)",
    }
    for key, label in names.items():
        m = statistics.median(rates[key])
        runs = ", ".join(f"{x:,.0f}" for x in rates[key])
        cpu = statistics.median(per_cpu[key])
        print(f"{label:28} {m:14,.0f} {m / base:7.2f} {cpu:11,.0f}   {runs}")
    if full is not None:
        print(
            f"full pkilint lint, local -j 1: {full[0]:,.1f} cert/s, {full[1]:,.1f} per "
            f"CPU-second ({args.full} certificates)"
        )
    print(
        "cert/CPU-s: certificates per CPU-second of the scan's processes (local: all of "
        "them, start-up included; Dask: the workers' only)"
    )
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
