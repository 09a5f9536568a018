"""`scan --scheduler` on a real Dask cluster: a `dask scheduler` and two `dask worker`
processes on 127.0.0.1 (random ports), the peer corpora plus generated CT and Parquet inputs
of the same certificates (tools/make_ct_inputs.py), in every input format. One worker is
killed (SIGKILL, nanny and all) mid-run; the records must equal a local `scan` of the same
inputs byte for byte (same certificates, same findings, same order), every partition done
once. Then `--resume` after partitions are lost, Parquet output, and a full pkilint lint of
a small part through the Python API. Every process started here is stopped at the end, also
on failure."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import make_ct_inputs as mk
from helpers import ROOT, require_corpora, within
from pkilint_semantic_dn import distributed, parquet_io, scan

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _start(args, log: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen(
            args,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=ENV,
            cwd=log.parent,
            start_new_session=True,  # its own process group: the worker's nanny and child
        )


def _kill(p: subprocess.Popen) -> None:
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    p.wait(10)


class Cluster:
    def __init__(self, folder: Path):
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.processes: dict[str, subprocess.Popen] = {}
        self.address = None

    def start(self) -> None:
        folder = self.folder
        self.processes["scheduler"] = _start(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0"]
            + ["--no-dashboard", "--scheduler-file", str(self.file)],
            folder / "scheduler.log",
        )
        deadline = time.monotonic() + 60
        while not self.file.exists():
            assert time.monotonic() < deadline, (folder / "scheduler.log").read_text()
            assert self.processes["scheduler"].poll() is None
            time.sleep(0.2)
        time.sleep(0.3)  # written whole
        self.address = json.loads(self.file.read_text())["address"]
        for name in ("worker-1", "worker-2"):
            self.add_worker(name)
        self.wait_for_workers(2)

    def add_worker(self, name: str) -> None:
        self.processes[name] = _start(
            [str(BIN / "dask"), "worker", self.address, "--nthreads", "1"]
            + ["--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard"]
            + ["--name", name],
            self.folder / f"{name}.log",
        )

    def wait_for_workers(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(n, timeout=90)

    def ensure_workers(self, n: int) -> None:
        """At least n live workers (a test before this one may have killed one)."""
        alive = [
            k
            for k, p in self.processes.items()
            if k != "scheduler" and p.poll() is None
        ]
        for k in range(n - len(alive)):
            self.add_worker(f"worker-extra-{len(self.processes)}")
        self.wait_for_workers(n)

    def kill(self, name: str) -> None:
        _kill(self.processes[name])

    def stop(self) -> None:
        for p in self.processes.values():
            _kill(p)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        c.start()  # a start that fails part way is stopped too
        yield c
    finally:
        c.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The corpora as files, and 1,200 of their certificates (with precertificates and
    malformed entries) as get-entries, tiles and Parquet."""
    corpora = require_corpora()
    folder = tmp_path_factory.mktemp("inputs")
    made = mk.build_all(folder, mk.corpus_ders([str(corpora)], limit=1200))
    return {
        "files": str(corpora),
        "get-entries": str(folder / "get-entries"),
        "tiles": str(folder / "log"),
        "parquet": str(folder / "parquet"),
        "entries": made["entries"],
    }


# --- Without a cluster: the plan and one partition's task, in process ---------------------------


def _small_inputs(folder: Path) -> list[str]:
    ders = mk.corpus_ders([str(require_corpora() / "pkilint-vectors")], limit=30)
    mk.build_all(folder, ders)
    return [str(folder / k) for k in ("get-entries", "log", "parquet")]


def test_the_plan_is_in_input_order_and_independent_of_the_directory(
    tmp_path, monkeypatch
):
    paths = _small_inputs(tmp_path / "in")
    first = distributed.plan(paths, partition_size=256)
    assert [p.kind for p in first] == ["get-entries"] * 2 + ["tiles"] * 2 + [
        "parquet"
    ] * 2
    assert [p.key[:6] for p in first] == [f"{i:06d}" for i in range(len(first))]
    monkeypatch.chdir(tmp_path / "in")
    relative = ["get-entries", "log", "parquet"]
    assert [p.key for p in distributed.plan(relative, partition_size=256)] == [
        p.key for p in first
    ]
    assert [p.key for p in distributed.plan(paths, partition_size=512)] != [
        p.key for p in first
    ]


def _job(out: Path, fmt: str = "jsonl") -> distributed.Job:
    return distributed.Job(
        (True, frozenset(), scan.REPORT_SEVERITY),
        fmt,
        str(out),
        os.getcwd(),
        "der",
        scan.Linter,
        scan.jsonl_line,
        scan.csv_lines,
        scan.csv_header,
        scan.Summary,
    )


def test_a_partition_done_twice_gives_the_same_files(tmp_path):
    paths = _small_inputs(tmp_path / "in")
    part = distributed.plan(paths, partition_size=256)[2]  # a run of tiles
    out = tmp_path / "out"
    out.mkdir()
    done = distributed.run_partition(part, _job(out))
    data = out / distributed.data_name(part.key, "jsonl")
    first = data.read_bytes()
    again = distributed.run_partition(part, _job(out))  # a retry after a lost worker
    assert data.read_bytes() == first
    assert {**again, "worker": 0} == {**done, "worker": 0}
    assert done["records"] == len(first.splitlines()) == part.size
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [data.name, distributed.done_name(part.key)]
    )


def test_a_special_file_named_to_a_cluster_scan_is_read_as_locally(tmp_path):
    """The planner takes a file named on the command line as it is: its worker reads it as
    the local scan does (`/dev/null`: no certificate), not as a file that changed."""
    (part,) = distributed.plan(["/dev/null"], partition_size=256)
    out = tmp_path / "out"
    out.mkdir()
    distributed.run_partition(part, _job(out))
    (line,) = (out / distributed.data_name(part.key, "jsonl")).read_text().splitlines()
    ((_, local),) = scan.iter_records(["/dev/null"], True, jobs=1)
    assert json.loads(line)["error"] == local["error"] == "no certificate found"


def test_a_fifo_named_to_a_cluster_scan_is_an_error_not_a_wait(tmp_path):
    """Nobody writes to the FIFO: a worker reading it would wait for ever. The plan makes it
    an error entry, and the partition's record says why."""
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    (part,) = distributed.plan([str(fifo)], partition_size=256)
    out = tmp_path / "out"
    out.mkdir()
    within(30, lambda: distributed.run_partition(part, _job(out)))
    (line,) = (out / distributed.data_name(part.key, "jsonl")).read_text().splitlines()
    assert json.loads(line)["error"] == (
        "cannot read on a cluster: it is a FIFO (scan it without --scheduler to read it "
        "as it comes)"
    )


def test_a_write_cut_short_leaves_no_partial_partition(tmp_path, monkeypatch):
    paths = _small_inputs(tmp_path / "in")
    part = distributed.plan(paths, partition_size=256)[0]
    out = tmp_path / "out"
    out.mkdir()
    real_fsync = os.fsync

    def dies(fd):  # the disk fills (or the worker dies) after the data went out
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", dies)
    with pytest.raises(OSError):
        distributed.run_partition(part, _job(out, "parquet"))
    assert list(out.iterdir()) == []  # neither the data nor a temporary file
    monkeypatch.setattr(os, "fsync", real_fsync)
    distributed.run_partition(part, _job(out, "parquet"))
    assert len(list(out.iterdir())) == 2


def test_resume_after_the_log_grew_redoes_the_changed_partition(tmp_path):
    """In-process Dask (threads): a partial tile becomes full between two runs."""
    from distributed import Client

    ders = mk.corpus_ders([str(require_corpora() / "pkilint-vectors")], limit=300)
    entries = (mk.log_entries(ders) * 2)[:512]
    log = tmp_path / "log"
    mk.write_tiles(entries[:300], log)  # tile 0, tile 1.p/44
    out = tmp_path / "out"
    with Client(processes=False, n_workers=1, threads_per_worker=1) as client:
        first = scan.scan_on_cluster(
            [str(log)], out, client, semantic_only=True, partition_size=256
        )
        assert len(first.partitions) == 2 and first.records == 300
        mk.write_tiles(entries[:512], log)  # tile 1 full now, tile 2 missing
        again = scan.scan_on_cluster(
            [str(log)], out, client, semantic_only=True, resume=True
        )
        assert len(again.earlier) == 1  # tile 0 kept, tile 1 done again
        assert again.records == 256
        with pytest.raises(distributed.UsageError, match="do not give"):
            scan.scan_on_cluster(
                [str(log / "tile" / "data" / "000")],  # a part of the log only
                out,
                client,
                semantic_only=True,
                resume=True,
            )
    records = list(distributed.read_output(str(out)))
    assert [r["index"] for r in records] == list(range(512))
    assert len(list(out.glob("part-*"))) == 4


def test_a_partition_that_fails_is_reported_and_resume_does_it(tmp_path, monkeypatch):
    """In-process Dask: the write of one partition fails every time (a full disk)."""
    from distributed import Client

    paths = _small_inputs(tmp_path / "in")
    out = tmp_path / "out"
    real = distributed._write_atomically
    victim = distributed.plan(paths, partition_size=256)[3].key

    def full_disk(path, write):
        if victim in path:
            raise OSError(28, "No space left on device")
        real(path, write)

    monkeypatch.setattr(distributed, "_write_atomically", full_disk)
    with Client(processes=False, n_workers=1, threads_per_worker=1) as client:
        first = scan.scan_on_cluster(
            paths, out, client, semantic_only=True, partition_size=256, retries=1
        )
        assert [f["partition"] for f in first.failures] == [victim]
        assert "No space left on device" in first.failures[0]["error"]
        assert victim not in distributed.finished(str(out))
        assert len(distributed.finished(str(out))) == len(first.partitions) - 1
        monkeypatch.setattr(distributed, "_write_atomically", real)
        again = scan.scan_on_cluster(
            paths, out, client, semantic_only=True, resume=True
        )
    assert again.failures == [] and len(again.earlier) == len(first.partitions) - 1
    assert again.summary.certificates + again.summary.errors == (
        first.records + again.records
    )


def test_a_result_lost_with_its_worker_after_it_finished_is_waited_for(
    tmp_path, monkeypatch
):
    """In-process Dask, two workers: the first partition to finish loses its result (its
    worker closes) before the client reads it, so the future is "lost" when read. The
    scheduler computes it again; that is no failure (CI once reported one: "first: None").
    """
    import distributed as dask_distributed
    from distributed import Client, LocalCluster

    paths = _small_inputs(tmp_path / "in")
    out = tmp_path / "out"
    real = dask_distributed.as_completed
    lost = []

    def losing_first(futures, *args, **kwargs):
        for future in real(futures, *args, **kwargs):
            if not lost and future.status == "finished":
                (holder,) = client.who_has(future)[future.key]
                worker = next(
                    w for w in cluster.workers.values() if w.address == holder
                )
                cluster.sync(worker.close)
                deadline = time.monotonic() + 30
                while future.status == "finished":
                    assert time.monotonic() < deadline
                    time.sleep(0.01)
                lost.append(future.status)
            yield future

    monkeypatch.setattr(dask_distributed, "as_completed", losing_first)
    with (
        LocalCluster(
            n_workers=2, processes=False, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        result = scan.scan_on_cluster(
            paths, out, client, semantic_only=True, partition_size=256
        )
    assert lost and lost[0] in ("lost", "pending")
    assert result.failures == []
    assert sorted(distributed.finished(str(out))) == [p.key for p in result.partitions]
    monkeypatch.setattr(dask_distributed, "as_completed", real)
    with Client(processes=False, n_workers=1, threads_per_worker=1) as client:
        again = scan.scan_on_cluster(
            paths, tmp_path / "again", client, semantic_only=True, partition_size=256
        )
    assert _joined(out) == _joined(tmp_path / "again")
    assert result.summary.certificates == again.summary.certificates


class _LostFuture:
    """A future whose result is lost `losses` times, each time computed again."""

    def __init__(self, losses: int):
        self.status, self.losses, self.waits = "lost", losses, 0

    def wait(self, future):
        self.waits += 1
        self.status = "lost" if self.waits < self.losses else "finished"

    def result(self):
        assert self.status == "finished"
        return {"key": "k"}

    def release(self):
        raise AssertionError("no summary was written to take instead")


def test_a_lost_result_without_its_summary_is_waited_for_a_bounded_number_of_times():
    future = _LostFuture(losses=3)
    assert distributed._outcome(future, future.wait, lambda: None) == (
        {"key": "k"},
        None,
    )
    assert future.waits == 3
    forever = _LostFuture(losses=10**6)
    done, error = distributed._outcome(forever, forever.wait, lambda: None)
    assert done is None and "lost 8 times" in error
    assert forever.waits == distributed._LOSSES_WAITED


def test_a_lost_result_whose_summary_was_written_is_taken_from_it_and_let_go():
    future = _LostFuture(losses=3)
    released = []
    future.release = lambda: released.append(True)
    written = {"key": "k", "records": 5}
    assert distributed._outcome(future, future.wait, lambda: written) == (written, None)
    assert released == [True] and future.waits == 0  # not linted, nor waited for, again


def test_a_written_summary_is_read_only_for_its_own_partition(tmp_path):
    key = "000001-abc"
    assert distributed._written_summary(str(tmp_path), key) is None
    path = tmp_path / distributed.done_name(key)
    path.write_text(json.dumps({"key": "000002-def"}))
    assert distributed._written_summary(str(tmp_path), key) is None
    path.write_text("{not json")
    assert distributed._written_summary(str(tmp_path), key) is None
    path.write_text(json.dumps({"key": key, "records": 1}))
    assert distributed._written_summary(str(tmp_path), key) == {
        "key": key,
        "records": 1,
    }


def _cli(*args, check_status=None, timeout=300) -> subprocess.CompletedProcess:
    p = subprocess.run(
        [sys.executable, "-m", "pkilint_semantic_dn", "scan", *map(str, args)]
        + ["--no-progress"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=timeout,
    )
    if check_status is not None:
        assert p.returncode == check_status, p.stderr
    return p


def _joined(out: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(out.glob("part-*.jsonl")))


def _done(out: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(out.glob("part-*.done.json"))]


@pytest.mark.slow
def test_every_format_on_the_cluster_equals_a_local_scan_with_a_worker_killed(
    cluster, inputs, tmp_path
):
    paths = [inputs[k] for k in ("files", "get-entries", "tiles", "parquet")]
    local = tmp_path / "local.jsonl"
    _cli(*paths, "--semantic-only", "-o", local, "-j", "2", check_status=2)
    out = tmp_path / "cluster"
    from distributed import Client

    watcher = Client(cluster.address, timeout="30s")
    workers = watcher.scheduler_info()["workers"]
    victim = next(a for a, w in workers.items() if w["name"] == "worker-2")
    victim_pid = watcher.run(os.getpid, workers=[victim])[victim]
    started = time.monotonic()
    run = subprocess.Popen(
        [sys.executable, "-m", "pkilint_semantic_dn", "scan", *paths, "--semantic-only"]
        + ["--scheduler", cluster.address, "-o", str(out), "--partition-size", "64"]
        + ["--summary", str(tmp_path / "summary.json"), "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        plan = out / distributed.PLAN
        # Both workers have finished partitions (the files say who wrote them; a
        # partition finished but not yet read by the client when its worker dies may be
        # linted again by the other, which then writes its files).
        while (
            not plan.exists()
            or len(first := _done(out)) < 8
            or len({d["worker"] for d in first}) < 2
        ):
            assert run.poll() is None, run.communicate()
            assert time.monotonic() - started < 120
            time.sleep(0.01)
        total = len(json.loads(plan.read_text())["partitions"])
        held = watcher.processing(workers=[victim])[victim]
        before = len(list(out.glob("part-*.done.json")))
        cluster.kill("worker-2")  # mid-run: most partitions are still to do
        _, err = run.communicate(timeout=240)
    finally:
        watcher.close()
        if run.poll() is None:
            run.kill()
            run.wait()
    assert before < total // 2, (before, total)
    # It held partitions when it died; another worker did them.
    assert held
    lost = {key.split("-")[2] + "-" + key.split("-")[3] for key in held}
    assert run.returncode == 2, err  # unreadable entries among the inputs (malformed)
    assert _joined(out) == local.read_bytes()  # same certificates, findings, order
    done = _done(out)
    assert sorted(d["key"] for d in done) == json.loads(plan.read_text())["partitions"]
    assert len({d["worker"] for d in first}) == 2  # both workers did partitions
    assert lost <= {d["key"] for d in done}
    # The one it was linting when it died, at least, the other worker did (one it
    # finished just before it died keeps its files, which the client then reads).
    assert any(d["worker"] != victim_pid for d in done if d["key"] in lost)
    assert not list(out.glob(".*.tmp"))
    records = [json.loads(line) for line in local.read_text().splitlines()]
    formats = {(r.get("log_entry") or {}).get("format") for r in records}
    assert formats == {None, "get-entries", "tiles"}
    assert len(records) > 2444 + 3 * inputs["entries"]
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["certificates"] == sum(1 for r in records if "error" not in r)
    assert summary["errors"] == sum(1 for r in records if "error" in r)
    assert summary["records_this_run"] == len(records)
    assert summary["distributed"]["partitions"] == total
    by_code = {}
    for r in records:
        for f in r.get("findings", []):
            by_code[f["code"]] = by_code.get(f["code"], 0) + 1
    assert {r["code"]: r["findings"] for r in summary["by_code"]} == by_code

    # --resume: partitions lost (as by a stop) are done again, the others kept.
    cluster.add_worker("worker-3")
    for d in done[3:9]:
        (out / f"part-{d['key']}.done.json").unlink()
        (out / f"part-{d['key']}.jsonl").unlink()
    (out / f"part-{done[9]['key']}.done.json").unlink()  # data kept, not finished
    kept = (out / f"part-{done[0]['key']}.jsonl").stat().st_mtime_ns
    p = _cli(
        *paths, "--semantic-only", "--scheduler", cluster.address, "-o", out, "--resume"
    )
    assert p.returncode == 2, p.stderr
    again = json.loads((out / distributed.SUMMARY).read_text())
    assert again["distributed"]["partitions_from_earlier_run"] == total - 7, p.stderr
    assert again["records_from_earlier_run"] + again["records_this_run"] == len(records)
    assert again["by_code"] == summary["by_code"]
    assert _joined(out) == local.read_bytes()
    assert (out / f"part-{done[0]['key']}.jsonl").stat().st_mtime_ns == kept

    # Without --resume an earlier output is refused; with other options too.
    p = _cli(
        inputs["files"], "--semantic-only", "--scheduler", cluster.address, "-o", out
    )
    assert (
        p.returncode == 2 and "holds an earlier scan: --resume continues it" in p.stderr
    )
    p = _cli(*paths, "--scheduler", cluster.address, "-o", out, "--resume")
    assert p.returncode == 2 and "written with mode semantic-only, not full" in p.stderr


@pytest.mark.slow
def test_parquet_output_and_a_full_lint_through_the_python_api(
    cluster, inputs, tmp_path
):
    cluster.ensure_workers(2)
    small = tmp_path / "small"
    ders = mk.corpus_ders([inputs["files"] + "/pkilint-vectors"], limit=40)
    mk.build_all(small, ders, malformed=False)
    paths = [str(small / "get-entries"), str(small / "log"), str(small / "parquet")]
    local = tmp_path / "local.parquet"
    _cli(*paths, "-o", local, "--format", "parquet", "-j", "2", check_status=1)
    from distributed import Client

    with Client(cluster.address) as client:
        result = scan.scan_on_cluster(
            paths, tmp_path / "out", client, fmt="parquet", partition_size=16
        )
    assert result.failures == []
    assert result.records == len(parquet_io.read_records(str(local)))
    got = list(distributed.read_output(str(tmp_path / "out")))
    assert got == parquet_io.read_records(str(local))
    assert {r["mode"] for r in got} == {"full"}
    assert any(
        not f["code"].startswith("semantic_dn.") for r in got for f in r["findings"]
    )
    assert result.summary.certificates == len(got)


@pytest.mark.slow
def test_a_signal_stops_the_client_and_resume_finishes(cluster, inputs, tmp_path):
    cluster.ensure_workers(2)
    local = tmp_path / "local.jsonl"
    _cli(inputs["files"], "--semantic-only", "-o", local, "-j", "2", check_status=1)
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "pkilint_semantic_dn", "scan", inputs["files"]]
        + ["--semantic-only", "--scheduler", cluster.address, "-o", str(out)]
        + ["--partition-size", "32", "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        started = time.monotonic()
        while len(list(out.glob("part-*.done.json"))) < 5:
            assert run.poll() is None, run.communicate()
            assert time.monotonic() - started < 120
            time.sleep(0.01)
        run.send_signal(signal.SIGTERM)
        _, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 128 + signal.SIGTERM, err
    assert "stopped (SIGTERM): the finished partitions are in" in err
    plan = json.loads((out / distributed.PLAN).read_text())
    assert len(list(out.glob("part-*.done.json"))) < len(plan["partitions"])
    p = _cli(inputs["files"], "--semantic-only", "--scheduler", cluster.address)
    assert p.returncode == 2 and "needs --output DIRECTORY" in p.stderr
    p = _cli(
        inputs["files"],
        "--semantic-only",
        "--scheduler",
        cluster.address,
        "-o",
        out,
        "--resume",
        check_status=1,
    )
    assert _joined(out) == local.read_bytes()
