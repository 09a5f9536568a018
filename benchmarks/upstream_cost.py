"""What the upstream patch series costs pkilint: stock against patched, per lint.

    python benchmarks/upstream_cost.py                 # 5 alternating pairs
    python benchmarks/upstream_cost.py --pairs 3 --passes 2

Unpacks the shared pkilint source twice (stock, and with `upstream/series` applied), then, in
fresh processes alternating between the two trees (PYTHONPATH first, this plugin switched off
with PKILINT_SEMANTIC_DN=0 and PKILINT_DISABLE_PLUGINS), loads pkilint's own TLS, S/MIME and
ETSI certificate vectors (the stock ones, the same files for both trees), builds each kind's
validators as pkilint's integration tests do, validates every certificate once to warm up
(the patched tree loads its data files on first use, about 0.1-0.2 s, reported apart), then
times the CPU of `--passes` validation passes. Prints per-pair ratios (patched / stock) and
their median; on a shared machine the ratios are the figure to read.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

_LOOP = r"""
import time
vectors, passes = Path(sys.argv[1]), int(sys.argv[2])
built, work = {}, []
for path in sorted(vectors.rglob("*.crttest")):
    parts = path.relative_to(vectors).parts[:-1]
    if parts[0] not in ("tls_br", "smime_br", "etsi"):
        continue
    text = path.read_text(encoding="utf-8")
    pem = text[: text.index("-----END CERTIFICATE-----") + 25]
    if parts not in built:
        built[parts] = container(list(parts))[0]
    work.append((built[parts], loader.load_pem_certificate(pem, str(path))))
start = time.process_time()
for v, doc in work:
    v.validate(doc.root)
first = time.process_time() - start
start = time.process_time()
for _ in range(passes):
    for v, doc in work:
        v.validate(doc.root)
print(json.dumps({"n": len(work), "first": first,
                  "cpu": (time.process_time() - start) / passes}))
"""


def _run(tree: Path, vectors: Path, passes: int) -> dict:
    import upstream_suite as suite

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PKILINT_SEMANTIC_DN", "PYTHON"))
    }
    env.update(
        PYTHONPATH=str(tree),
        PKILINT_SEMANTIC_DN="0",
        PKILINT_DISABLE_PLUGINS="1",
        PYTHONHASHSEED="0",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            suite.CONTAINER_SOURCE + _LOOP,
            str(vectors),
            str(passes),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)

    import upstream_suite as suite

    with tempfile.TemporaryDirectory(prefix="upstream-cost-") as tmp:
        stock = suite.unpack(Path(tmp) / "stock", suite.source_archive())
        patched = suite.unpack(Path(tmp) / "patched", suite.source_archive())
        suite.apply(patched, suite.series())
        vectors = stock / "tests" / "integration_certificate"
        ratios, firsts = [], []
        for k in range(args.pairs):
            order = [("stock", stock), ("patched", patched)]
            if k % 2:
                order.reverse()
            got = {name: _run(tree, vectors, args.passes) for name, tree in order}
            ratios.append(got["patched"]["cpu"] / got["stock"]["cpu"])
            firsts.append(got["patched"]["first"] - got["stock"]["first"])
            print(
                f"  pair {k + 1}: {got['stock']['n']} certificates, stock "
                f"{got['stock']['cpu']:.3f} s, patched {got['patched']['cpu']:.3f} s per "
                f"pass: {ratios[-1]:.3f}"
            )
        print(
            f"patched / stock, median of {args.pairs} pairs: "
            f"{statistics.median(ratios):.3f} (range {min(ratios):.3f}-{max(ratios):.3f}); "
            f"first pass, patched minus stock (data files loaded): "
            f"{statistics.median(firsts) * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
