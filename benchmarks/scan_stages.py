"""Where `scan --semantic-only` spends its time, stage by stage, per certificate.

    python benchmarks/scan_stages.py               # the set of speed.py (b), 4 copies
    python benchmarks/scan_stages.py --copies 1 --rounds 5

The set is speed.py (b)'s: the peer corpora and the typical certificates as PEM bundles.
Each stage is timed on its own in this process (CPU time, best of `--rounds`), on the
output of the stage before it:

- reading: `corpus.iter_items` over the bundles (open, read, PEM lines, base64);
- parsing floor: cryptography's parse and a walk of the subject's attributes (DER in memory);
- identity: `corpus.identify_quietly` (the parse, SHA-256, serial, issuer string memoised by
  its DER, subject RFC 4514 string), with two of its parts also alone: SHA-256 and the
  subject's RFC 4514 string;
- rules engine: `Engine.check` on the parsed subjects;
- records: `scan.Linter.records` (identity, rules and the record dict together);
- JSON Lines: `scan.encode_record` (the line, UTF-8 encoded, and the summary's tally: what a
  worker sends back, or what `-j 1` writes); summary: `scan.Summary.add_tally`;
- transfer (-j 2 only): pickling a chunk of items to a worker and its encoded records back,
  as the pipes between the processes carry them, and the same for handed-over files (only
  the file names go out; the encoded records come back, without their items).

The sum of reading, records, JSON Lines and summary is what `-j 1` costs per certificate
(less start-up); speed.py (b) measures that whole.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tools")]


def _best(rounds: int, n: int, work) -> float:
    """Microseconds per certificate, best of `rounds`."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return 1e6 * best / n


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=None)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    import speed
    from pkilint_semantic_dn import corpus, scan
    from pkilint_semantic_dn.core import engine

    args.corpora = args.corpora or speed.DEFAULT_CORPORA
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory(prefix="scan-stages-") as tmp:
        directory = Path(tmp)
        speed._semantic_set(args, directory)
        items = [i for i in corpus.iter_items([str(directory)]) if i.der is not None]
        n = len(items)
        ders = [i.der for i in items]
        identities = []
        for der in ders:
            try:
                identities.append(corpus.identify_quietly(der))
            except Exception:
                pass
        subjects = [[p for rdn in w.subject_rdns for p in rdn] for w in identities]
        rules = engine.Engine(keep_answers=False)  # the rules, not the answers kept
        linter = scan.Linter(True)
        records = linter.records(items)
        chunks = [items[k : k + 256] for k in range(0, n, 256)]
        encoded = [scan.encode_record(i, r, "jsonl") for i, r in zip(items, records)]
        encoded_chunks = [encoded[k : k + 256] for k in range(0, n, 256)]
        handed = [
            h
            for h in corpus.iter_sources([str(directory)], hand_over=lambda size: True)
            if h.__class__ is corpus.HandedOver
        ]
        back = []
        for h in handed:
            found = corpus.read_file(h.file, corpus.InputCounts())
            outcomes = scan._outcomes(linter, found, "jsonl")
            back.append(list(zip([None] * len(found), outcomes)))

        def reading():
            for _ in corpus.iter_items([str(directory)]):
                pass

        def floor():
            speed._floor(ders)  # the same floor as speed.py (b)

        def identity():
            for der in ders:
                try:
                    corpus.identify_quietly(der)
                except Exception:
                    pass

        def sha256():
            import hashlib

            for der in ders:
                hashlib.sha256(der).hexdigest()

        def subject_string():
            for w in identities:
                corpus.format_rfc4514(w.subject_rdns)

        def engine_alone():
            for s in subjects:
                rules.check(s)

        def lint_records():
            linter.records(items)

        def lines():
            for i, r in zip(items, records):
                scan.encode_record(i, r, "jsonl")

        def summary():
            s = scan.Summary()
            for e in encoded:
                s.add_tally(e.tally)

        def transfer_items():
            for c, r in zip(chunks, encoded_chunks):
                pickle.loads(pickle.dumps((scan._ITEMS, c), pickle.HIGHEST_PROTOCOL))
                pickle.loads(pickle.dumps(r, pickle.HIGHEST_PROTOCOL))

        def transfer_files():
            for h, b in zip(handed, back):
                pickle.loads(pickle.dumps((scan._FILES, [h]), pickle.HIGHEST_PROTOCOL))
                pickle.loads(pickle.dumps(b, pickle.HIGHEST_PROTOCOL))

        stages = [
            ("reading (files -> DER)", reading),
            ("parsing floor (parse + subject walk)", floor),
            ("identity (parse, hash, serial, names)", identity),
            ("  of which SHA-256", sha256),
            ("  of which the subject's RFC 4514 string", subject_string),
            ("rules engine", engine_alone),
            ("records (identity + rules + dict)", lint_records),
            ("JSON Lines", lines),
            ("summary", summary),
            ("transfer, chunks of items (-j 2)", transfer_items),
            ("transfer, handed-over files (-j 2)", transfer_files),
        ]
        print(f"{n:,} certificates in {len(handed)} PEM bundles, best of {args.rounds}")
        costs = {}
        for name, work in stages:
            costs[name] = _best(args.rounds, n, work)
            print(f"  {name:44}{costs[name]:8.1f} us")
        whole = sum(
            costs[k]
            for k in (
                "reading (files -> DER)",
                "records (identity + rules + dict)",
                "JSON Lines",
                "summary",
            )
        )
        floor_cost = costs["parsing floor (parse + subject walk)"]
        print(
            f"  -j 1 per certificate, the sum: {whole:.1f} us; parsing floor / sum: "
            f"{floor_cost / whole:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
