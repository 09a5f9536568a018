"""Where the plugin's time goes inside real lints, against the same work in a tight loop.

    taskset -c 1 python benchmarks/lint_breakdown.py          # pinned: see docs/evidence.md
    python benchmarks/lint_breakdown.py --kinds organisation --rounds 5

For each kind of lint of `speed.py` (a) (what the engine forgets after each lint, as
`overhead.FORGET` says), the 104 typical certificates are linted by a stock linter and a
plugin linter in turns, and inside the plugin's lints the clock runs around the validator's
`validate`, around `name_pairs` (reading pkilint's nodes) and `Engine.check`, and around
each rule call. Three configurations, each in a fresh process:

- rules: the built-in rules as they are;
- no-op rules: every rule replaced by one that returns at once (the engine's bookkeeping,
  its plans and a call per rule);
- no rules: empty plans (the engine's bookkeeping alone).

Then `Engine.check` on the same subjects in a tight loop, forgetting the same answers. The
clocks and wrappers add their own cost (a Python call and two clock reads per timed call),
so compare within a column; `speed.py` (a) is the figure without them. gc is disabled while
timing: its pauses land in whatever allocates when one is due.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tools")]
if str(HERE.parent) not in sys.path:
    sys.path.append(str(HERE.parent))

from overhead import FORGET  # noqa: E402

KINDS = {level: linter for linter, level in FORGET.items()}  # level -> linter's name
MODES = ("rules", "no-op rules", "no rules")
clock = time.perf_counter_ns


def _configure(mode: str) -> None:
    from pkilint_semantic_dn.core import engine, registry

    registry.rules()  # the built-in rules declared, before they are replaced

    def noop(attribute_oid, value, subject=()):
        return []

    if mode != "rules":
        registry._declared = {
            n: r._replace(function=noop) for n, r in registry._declared.items()
        }
    if mode == "no rules":
        engine.Engine._plan = lambda self, oid: engine.Plan((), (), None, (), ())


def _certificates():
    import typical

    return typical.certificates()


def measure_in_lint(kind: str, rounds: int, rule_times: collections.Counter) -> dict:
    """Microseconds per certificate inside the plugin's lints of one kind."""
    import overhead

    from pkilint_semantic_dn.adapter import linting, validators
    from pkilint_semantic_dn.core import engine, registry

    def timed(name, function):
        def run(attribute_oid, value, subject=()):
            start = clock()
            try:
                return function(attribute_oid, value, subject)
            finally:
                rule_times[name] += clock() - start

        return run

    registry._declared = {
        n: r._replace(function=timed(n, r.function))
        for n, r in registry._declared.items()
    }
    linting.linter.cache_clear()
    spent = collections.Counter()
    inside = [False]

    def around(name, function, opens=False):
        """`function` timed: only within the validator's call (`opens`: that call),
        not where the benchmark's forgetter reads a name after the lint."""

        def run(*args):
            if not (opens or inside[0]):
                return function(*args)
            start = clock()
            inside[0] = True
            try:
                return function(*args)
            finally:
                spent[name] += clock() - start
                if opens:
                    inside[0] = False

        return run

    validate = validators.SemanticDnValidator.validate
    validators.SemanticDnValidator.validate = around("validate", validate, opens=True)
    validators.name_pairs = around("name_pairs", validators.name_pairs)
    engine.Engine.check = around("engine.check", engine.Engine.check)

    certificates = _certificates()
    linters = overhead.build_linters({p for _, _, p in certificates})
    linter_name = KINDS[kind]
    forget = {
        p: overhead._forgetter(overhead._plugin_engines(l[linter_name]), kind)
        for p, l in linters.items()
    }
    gc.collect()
    gc.disable()
    try:
        # The first ones untimed, as in `speed.py` (a): places seen before.
        for round_ in range(rounds + overhead.UNTIMED_ROUNDS):
            if round_ == overhead.UNTIMED_ROUNDS:
                spent.clear()
                rule_times.clear()
            for _, der, p in certificates:
                overhead._lint_seconds(linters[p]["stock"], der)
                overhead._lint_seconds(linters[p][linter_name], der, forget[p])
    finally:
        gc.enable()
    n = rounds * len(certificates)
    out = {name: ns / n / 1000 for name, ns in spent.items()}
    out["rules"] = sum(rule_times.values()) / n / 1000
    return out


def measure_tight(kind: str, rounds: int) -> float:
    """Microseconds per `Engine.check` of a typical subject, forgetting as in the lint (the
    best round of `cold_cache.py`'s warm loop)."""
    from cold_cache import measure

    return measure(kind, lambda: None, rounds, pick=min)


def _child(mode: str, kind: str, rounds: int) -> None:
    _configure(mode)
    rule_times: collections.Counter = collections.Counter()
    tight = measure_tight(kind, max(rounds, 5))
    in_lint = measure_in_lint(kind, rounds, rule_times)
    n = rounds * len(_certificates())
    per_rule = {name: ns / n / 1000 for name, ns in rule_times.most_common()}
    print(json.dumps({"in_lint": in_lint, "tight": tight, "per_rule": per_rule}))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma list")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    if args.child:
        _child(args.child, kinds[0], args.rounds)
        return 0

    import pkilint_semantic_dn

    print(f"package from {Path(pkilint_semantic_dn.__file__).parent.parent}")
    print(f"us per certificate, {args.rounds} rounds, 104 typical certificates")
    for kind in kinds:
        print(f"\n{kind}:")
        print(
            f"  {'':<13} {'validate':>9} {'name_pairs':>11} {'engine.check':>13} "
            f"{'rules':>7} {'tight check':>12}"
        )
        per_rule = {}
        for mode in MODES:
            command = [sys.executable, __file__, "--child", mode, "--kinds", kind]
            command += ["--rounds", str(args.rounds)]
            done = subprocess.run(
                command, capture_output=True, text=True, env=dict(os.environ)
            )
            if done.returncode != 0:
                print(f"  {mode}: failed\n{done.stderr[-2000:]}")
                return 1
            result = json.loads(done.stdout.strip().splitlines()[-1])
            lint = result["in_lint"]
            print(
                f"  {mode:<13} {lint.get('validate', 0):9.1f} "
                f"{lint.get('name_pairs', 0):11.1f} {lint.get('engine.check', 0):13.1f} "
                f"{lint['rules']:7.1f} {result['tight']:12.1f}"
            )
            if mode == "rules":
                per_rule = result["per_rule"]
        print("  the rules inside the lints (rules configuration):")
        for name, us in per_rule.items():
            print(f"    {name:<36} {us:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
