"""What the plugin costs: per-certificate lint time with and without it, and start-up time.

    python benchmarks/overhead.py                    # both parts, defaults below
    python benchmarks/overhead.py --rounds 7 --limit 0   # every certificate of the corpora
    python benchmarks/overhead.py --skip-startup --breakdown   # + time in the plugin, per rule

Lint time. The same certificates of the peer corpora (`../shared/corpora` or
`SEMANTIC_DN_CORPORA`; a deterministic sample of `--limit`, 0 = all) are linted in one process
with three linters for the profile pkilint's `--detect` chooses:

- *stock* and *stock2*: built by the very same factory calls (`linting.linter`) while
  pkilint's original, unwrapped factories are in place (the plugin's wrappers keep them as
  `__wrapped__`), so the containers hold no plugin validator; one is built before the plugin
  linter and one after it (see `build_linters`);
- *plugin*: built through the wrapped factories, as every pkilint program builds them.

Each round lints every certificate with each linter, in turns that put a stock linter
before every plugin linter (`_lint_order`), from a freshly decoded document each time,
after two untimed rounds (the steady state of linters that have linted before: a place's
values are met in the first and their answers kept in the second);
only `validate()` and pkilint's finding filters are timed, so the figure is the plugin's
share of the work it can affect. The clock is this
process's CPU time (`--clock wall` for wall time): on a shared machine other processes then
barely disturb the figures. Per certificate the median over rounds is taken (for stock, over
the rounds of both stock linters); the report gives the median of the per-certificate ratios
plugin/stock (the figure held to the target, plugin/stock <= 1.02), the ratio of the medians,
the ratio of the totals, the 90th percentile of the ratios, and the same figures for stock2
against stock: the noise floor, what two linters without the plugin differ by in this run.

Start-up. Many interleaved runs of fresh interpreters, median wall time:
`python -c pass` with the hook (default), with `PKILINT_SEMANTIC_DN=0` (the .pth still runs
and returns at once) and with `python -S` (no site processing at all: a floor, not a fair
baseline); and `python -c "import pkilint.pkix.certificate"` with the hook on and off. The
hook's own cost is also read exactly from `python -X importtime` (cumulative import time of
`pkilint_semantic_dn.adapter.hook`, which is all the .pth line runs). Target: < 2 ms without pkilint.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import gc
import logging
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The package from wherever Python finds it (PYTHONPATH, the installed one; this checkout
# last), so that another tree can be measured with these benchmarks.
sys.path.insert(0, str(ROOT / "tools"))
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

import audit_corpora  # noqa: E402

DEFAULT_CORPORA = audit_corpora.DEFAULT_CORPORA


# --------------------------------------------------------------------------------------------
# Lint time


@contextlib.contextmanager
def original_factories():
    """pkilint's own, unwrapped factories in place for the duration (stock containers)."""
    from pkilint.pkix import certificate

    from pkilint_semantic_dn.adapter import registration

    names = (registration._SUBJECT_FACTORY, registration._DOCUMENT_FACTORY)
    wrapped = {n: getattr(certificate, n) for n in names}
    if not all(hasattr(f, "__wrapped__") for f in wrapped.values()):
        raise SystemExit("pkilint's factories are not wrapped: is the plugin active?")
    try:
        for n, f in wrapped.items():
            setattr(certificate, n, f.__wrapped__)
        yield
    finally:
        for n, f in wrapped.items():
            setattr(certificate, n, f)


def build_linters(profiles):
    """{profile: {"stock": (validator, filters), "plugin": ..., "stock2": ...}}.

    Every linter is a fresh build, in this order per profile: one throw-away build, stock,
    plugin, stock2. pkilint's first build of a profile differs from later ones (its validators
    keep state across builds: `SpkiKeyUsageConsistencyValidator` lists 2 findings on the first
    build and 11 afterwards), and two stock builds made at different times differ by up to
    1 % in this benchmark with no plugin validator in either. So the plugin is compared with
    both stock builds together, one built before it and one after, and stock2 against stock
    is reported as the noise floor.
    """
    from pkilint_semantic_dn.adapter import linting, registration

    build = linting.linter.__wrapped__  # not the cache: a fresh build every time
    out = {}
    for profile in sorted(profiles):
        with original_factories():
            build(profile)  # the throw-away first build
            stock = build(profile)
        plugin = build(profile)
        # Plugin linters to which every subject is new: after each lint each forgets what
        # its engines kept for the subject, from its answer alone to the answers for each
        # of its values (see FORGET). The issuer's answers and the rules' own memos per
        # value stay, as they do when a CA lints certificate after certificate.
        new = {kind: build(profile) for kind in FORGET}
        # Engines of one configuration share their answers within a process; each plugin
        # linter here has its own, so that what one forgets the others still know.
        for linter in (plugin, *new.values()):
            for e in _plugin_engines(linter):
                e._answers = {}
                for kept in ("_rest_answers", "_value_answers", "_values_seen"):
                    if hasattr(e, kept):  # (not in trees before them)
                        setattr(e, kept, type(getattr(e, kept))())
        with original_factories():
            stock2 = build(profile)
        assert registration._plugin_validators(plugin[0].validators), profile
        for v in (stock, stock2):
            assert not registration._plugin_validators(v[0].validators), profile
        out[profile] = {"stock": stock, "plugin": plugin, **new, "stock2": stock2}
    return out


# The linters whose subjects are new to them, and what each forgets after a lint: the answer
# for the subject (a new certificate of an organisation seen before: the answer for the
# subject without its holder's attributes stays); that too and the answers for the values
# of the organisation's own attributes (a new organisation in a place seen before: those
# for the values many organisations share, `SHARED_TYPES`, stay); or every answer for the
# subject and its values (every value new).
FORGET = {
    "plugin_new_holder": "subject",
    "plugin_new_organisation": "organisation",
    "plugin_new_values": "values",
}
NEW_KINDS = {
    "plugin_new_holder": "a new certificate of an organisation seen before (the answer "
    "for the subject forgotten after each lint; that for the rest of it stays)",
    "plugin_new_organisation": "a new organisation in a place seen before (the answers for "
    "the subject, its rest and its own values forgotten; country, state, locality, EV "
    "jurisdiction and business category stay)",
    "plugin_new_values": "every value of the subject new to the linter (every answer for "
    "the subject and its values forgotten after each lint)",
}
# Values that many organisations among a CA's customers share.
SHARED_TYPES = frozenset(
    {
        "2.5.4.6",  # countryName
        "2.5.4.8",  # stateOrProvinceName
        "2.5.4.7",  # localityName
        "1.3.6.1.4.1.311.60.2.1.3",  # jurisdictionCountryName
        "1.3.6.1.4.1.311.60.2.1.2",  # jurisdictionStateOrProvinceName
        "1.3.6.1.4.1.311.60.2.1.1",  # jurisdictionLocalityName
        "2.5.4.15",  # businessCategory
    }
)


def _plugin_engines(linter) -> list:
    """The engines of a linter's plugin validators that keep answers."""
    from pkilint_semantic_dn.adapter import validators

    return [
        v.engine
        for v in _walk(linter[0])
        if isinstance(v, validators.SemanticDnValidator)
        and getattr(v.engine, "_answers", None) is not None
    ]


def load_sample(corpora: Path, limit: int):
    """[(name, der, profile)] of certificates pkilint decodes, an even spread of `limit`."""
    from pkilint_semantic_dn.adapter import linting

    items = [i for i in audit_corpora.discover(corpora) if i.kind == "certificate"]
    sample = []
    for item in items:
        try:
            doc = linting.load_der(item.der)
            profile = linting.detect_profile(doc)
        except Exception:
            continue
        sample.append((f"{item.path}#{item.index}", item.der, profile))
    if limit and len(sample) > limit:
        step = len(sample) / limit
        sample = [sample[int(i * step)] for i in range(limit)]
    return sample


# CPU time of this process by default: other work on a shared machine barely changes it
# (wall time, --clock wall, counts every preemption against whichever linter was running).
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def _lint_seconds(linter, der: bytes, after=None) -> float:
    from pkilint import finding_filter

    from pkilint_semantic_dn.adapter import linting

    validator, filters = linter
    doc = linting.load_der(der)
    start = clock()
    results = validator.validate(doc.root)
    finding_filter.filter_results(filters, results)
    spent = clock() - start
    if after is not None:
        after(doc)
    return spent


def forget_subject(engines, pairs, level: str) -> None:
    """Forgets what the engines kept for a subject's pairs, as `FORGET` says for `level`."""
    from pkilint_semantic_dn.core import engine

    key = engine._answer_key(pairs)
    for e in engines:
        e._answers.pop(key, None)
        if level == "subject":
            continue
        kept = getattr(e, "_rest_answers", None)  # None: a tree without them
        if kept is not None and key is not None:
            kept.pop(engine.rest_key(key), None)
        values = getattr(e, "_value_answers", None)
        seen = getattr(e, "_values_seen", set())
        if values is not None:
            for oid, value in pairs:
                if level == "values" or oid not in SHARED_TYPES:
                    values.pop((oid, value), None)
                    seen.discard((oid, value))  # and that it was met before


def _forgetter(engines, level: str):
    """Forgets what the engines kept for a linted certificate's subject (`forget_subject`).
    The issuer's answers stay: its name is the same on every certificate of a CA."""
    from pkilint_semantic_dn.adapter import validators

    def forget(doc):
        node = doc.root.navigate("tbsCertificate.subject.rdnSequence")
        forget_subject(engines, validators.name_pairs(node)[1], level)

    return forget


def _lint_order(kinds, turn: int) -> list:
    """The linters' order for one certificate. Every plugin linter comes right after a stock
    one, so that none runs just after another plugin linter that has done the same rules'
    work on the same certificate (its caches warm: that flattered whichever linter came
    second); the plugin linters, and the stock ones, take turns at each place."""
    plugins = [k for k in kinds if k.startswith("plugin")]
    stocks = [k for k in kinds if not k.startswith("plugin")]
    if not plugins:
        return stocks[turn % len(stocks) :] + stocks[: turn % len(stocks)]
    shift = turn % len(plugins)
    order = []
    for j, kind in enumerate(plugins[shift:] + plugins[:shift]):
        order += [stocks[(turn + j) % len(stocks)], kind]
    return order


# Rounds before the timed ones: an answer per value is kept from the value's second sight,
# so the first meets each place value once, the second keeps its answer and the timed ones
# are given it (a place seen before), as in a CA's stream.
UNTIMED_ROUNDS = 2


def measure_lint(sample, linters, rounds: int):
    """{kind: per certificate, its lint times over the rounds}; and under "inside <kind>",
    the plugin's own `validate` time within those lints (perf_counter, a few tens of
    nanoseconds per call): the plugin's share measured directly, without stock's noise.
    """
    from pkilint_semantic_dn.adapter import validators

    kinds = sorted(next(iter(linters.values())))
    times = {kind: [[] for _ in sample] for kind in kinds}
    inside = {kind: [[] for _ in sample] for kind in kinds if kind.startswith("plugin")}
    forget = {
        (profile, kind): _forgetter(_plugin_engines(built[kind]), FORGET[kind])
        for profile, built in linters.items()
        for kind in FORGET
        if kind in built
    }
    cls = validators.SemanticDnValidator
    original = cls.__dict__["validate"]
    spent = [0.0]

    def validate(self, node):
        start = time.perf_counter()
        try:
            return original(self, node)
        finally:
            spent[0] += time.perf_counter() - start

    cls.validate = validate
    try:
        # Rounds 0 and 1 are not timed: the steady state of a linter that has linted
        # before (its data loaded; a place's values met in round 0 and their answers kept
        # from their second sight, in round 1, as in a CA's stream), whatever the number
        # of rounds.
        for r in range(rounds + UNTIMED_ROUNDS):
            gc.collect()
            for i, (_, der, profile) in enumerate(sample):
                for kind in _lint_order(kinds, i + r):
                    # The plugin_new_* linters forget after each lint (untimed), so that
                    # the subject is new to them in every round.
                    after = forget.get((profile, kind))
                    spent[0] = 0.0
                    seconds = _lint_seconds(linters[profile][kind], der, after)
                    if r < UNTIMED_ROUNDS:
                        continue
                    times[kind][i].append(seconds)
                    if kind in inside:
                        inside[kind][i].append(spent[0])
            print(f"  round {r}/{rounds + UNTIMED_ROUNDS - 1} done", file=sys.stderr)
    finally:
        cls.validate = original
    times.update((f"inside {kind}", t) for kind, t in inside.items())
    return times


def _compare(stock, other) -> dict:
    ratios = [o / s for o, s in zip(other, stock) if s > 0]
    return {
        "ratio_of_medians": statistics.median(other) / statistics.median(stock),
        "median_of_ratios": statistics.median(ratios),
        "ratio_of_totals": sum(other) / sum(stock),
        "p90_of_ratios": (
            statistics.quantiles(ratios, n=10)[-1] if len(ratios) > 1 else 0
        ),
    }


def report_lint(sample, times) -> dict:
    # Per certificate: the median over rounds; for stock, over the rounds of both builds.
    stock = [statistics.median(a + b) for a, b in zip(times["stock"], times["stock2"])]
    plugin = [statistics.median(t) for t in times["plugin"]]
    figures = {
        "certificates": len(sample),
        "stock_median_ms": statistics.median(stock) * 1e3,
        "plugin_median_ms": statistics.median(plugin) * 1e3,
        **_compare(stock, plugin),
    }
    print(
        "\nPer-certificate lint time (validate + finding filters), median over rounds:"
    )
    print(f"  certificates:              {figures['certificates']}")
    print(f"  stock  median:             {figures['stock_median_ms']:.3f} ms")
    print(f"  plugin median:             {figures['plugin_median_ms']:.3f} ms")
    print(
        f"  median per-cert ratio:     {figures['median_of_ratios']:.4f}  (target <= 1.02;"
        " every timed round lints a subject again)"
    )
    print(f"  ratio of medians:          {figures['ratio_of_medians']:.4f}")
    print(f"  ratio of totals:           {figures['ratio_of_totals']:.4f}")
    print(f"  90th pct per-cert ratio:   {figures['p90_of_ratios']:.4f}")
    floor = _compare(
        [statistics.median(t) for t in times["stock"]],
        [statistics.median(t) for t in times["stock2"]],
    )
    figures["noise_floor"] = floor
    figures["new"] = {}
    for kind, meaning in NEW_KINDS.items():
        if kind not in times:
            continue
        new = _compare(stock, [statistics.median(t) for t in times[kind]])
        figures["new"][kind] = new
        print(
            f"  {meaning}: median per-cert ratio {new['median_of_ratios']:.4f}, "
            f"ratio of medians {new['ratio_of_medians']:.4f}, "
            f"ratio of totals {new['ratio_of_totals']:.4f}"
        )
    if "inside plugin" in times:
        figures["inside_us"] = {}
        shown = []
        for kind in ["plugin", *NEW_KINDS]:
            t = times.get(f"inside {kind}")
            if t:
                us = statistics.median(statistics.median(x) for x in t) * 1e6
                figures["inside_us"][kind] = us
                shown.append(f"{kind} {us:.1f}")
        print(
            "  the plugin's validate inside those lints, median us per certificate: "
            + ", ".join(shown)
            + f" (of a stock lint of {figures['stock_median_ms'] * 1e3:.0f} us)"
        )
    print(
        "  noise floor (stock2/stock, two stock builds): median per-cert ratio "
        f"{floor['median_of_ratios']:.4f}, ratio of medians "
        f"{floor['ratio_of_medians']:.4f}, ratio of totals {floor['ratio_of_totals']:.4f}"
    )
    by_suite = collections.defaultdict(lambda: ([], []))
    for (_, _, profile), s, p in zip(sample, stock, plugin):
        by_suite[profile.split("/")[0]][0].append(s)
        by_suite[profile.split("/")[0]][1].append(p)
    for suite, (s, p) in sorted(by_suite.items()):
        ratios = [b / a for a, b in zip(s, p) if a > 0]
        print(
            f"  {suite:<10} n={len(s):<5} stock {statistics.median(s) * 1e3:.3f} ms, "
            f"plugin {statistics.median(p) * 1e3:.3f} ms, "
            f"median per-cert ratio {statistics.median(ratios):.4f}"
        )
    return figures


def breakdown(sample, linters) -> None:
    """Time in the plugin's validator (match + validate) and in each rule, over one round."""
    from pkilint_semantic_dn.adapter import validators

    spent = collections.Counter()
    calls = collections.Counter()

    def timed(function, key):
        def run(*args, **kwargs):
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                spent[key] += clock() - start
                calls[key] += 1

        return run

    cls = validators.SemanticDnValidator
    originals = {m: cls.__dict__[m] for m in ("match", "validate")}
    composites = [
        v
        for built in linters.values()
        for v in _walk(built["plugin"][0])
        if isinstance(v, cls)
    ]
    plans = [(c.engine, c.engine._plans, c.engine._other_types) for c in composites]

    def timed_plan(plan):
        def each(rules):
            return tuple(
                r._replace(function=timed(r.function, f"  rule {r.name}"))
                for r in rules
            )

        return plan._replace(
            **{
                field: each(rules)
                for field, rules in plan._asdict().items()
                if field != "keys"
            }
        )

    try:
        for m, original in originals.items():
            setattr(cls, m, timed(original, f"{cls.__name__}.{m}"))
        for e, by_type, other in plans:
            e._plans = {oid: timed_plan(plan) for oid, plan in by_type.items()}
            e._other_types = timed_plan(other)
        total = 0.0
        for _, der, profile in sample:
            total += _lint_seconds(linters[profile]["plugin"], der)
    finally:
        for m, original in originals.items():
            setattr(cls, m, original)
        for e, by_type, other in plans:
            e._plans, e._other_types = by_type, other
    print(
        "\nTime in the plugin over one round (share of all plugin-run lint time; the "
        "rules' time is part of validate's):"
    )
    for key, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(
            f"  {key:<46} {seconds * 1e3:9.1f} ms  {100 * seconds / total:5.2f} %"
            f"  ({calls[key]} calls)"
        )
    print(f"  total lint time {total * 1e3:.1f} ms for {len(sample)} certificates")


def _walk(validator):
    from pkilint import validation

    stack = [validator]
    while stack:
        v = stack.pop()
        yield v
        if isinstance(v, validation.ValidatorContainer):
            stack.extend(v.validators)


# --------------------------------------------------------------------------------------------
# Start-up


def _wall(args, env) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


_IMPORTTIME = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s*(\S+)")


def _hook_import_us(python: str, env) -> float:
    """Cumulative import time (microseconds) of the modules the .pth line imports."""
    out = subprocess.run(
        [python, "-X", "importtime", "-c", "pass"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    total = 0
    for m in _IMPORTTIME.finditer(out):
        if m.group(3) == "pkilint_semantic_dn.adapter.hook":
            total += int(m.group(2))
    return float(total)


def measure_startup(runs: int) -> dict:
    python = sys.executable
    on = {k: v for k, v in os.environ.items() if k != "PKILINT_SEMANTIC_DN"}
    off = dict(on, PKILINT_SEMANTIC_DN="0")
    variants = {
        "pass, hook on": ([python, "-c", "pass"], on),
        "pass, PKILINT_SEMANTIC_DN=0": ([python, "-c", "pass"], off),
        "pass, python -S (no site)": ([python, "-S", "-c", "pass"], on),
        "import pkilint.pkix.certificate, hook on": (
            [python, "-c", "import pkilint.pkix.certificate"],
            on,
        ),
        "import pkilint.pkix.certificate, PKILINT_SEMANTIC_DN=0": (
            [python, "-c", "import pkilint.pkix.certificate"],
            off,
        ),
    }
    times = {k: [] for k in variants}
    for name, (args, env) in variants.items():  # warm the file cache
        _wall(args, env)
    for r in range(runs):
        names = list(variants)
        if r % 2:
            names.reverse()
        for name in names:
            times[name].append(_wall(*variants[name]))
    hook_us = [_hook_import_us(python, on) for _ in range(runs)]
    medians = {k: statistics.median(v) * 1e3 for k, v in times.items()}
    print(
        f"\nStart-up, median of {runs} interleaved runs (wall time of a fresh interpreter):"
    )
    for name, ms in medians.items():
        print(f"  {name:<58} {ms:8.2f} ms")
    hook = medians["pass, hook on"] - medians["pass, PKILINT_SEMANTIC_DN=0"]
    site = medians["pass, hook on"] - medians["pass, python -S (no site)"]
    pkilint = (
        medians["import pkilint.pkix.certificate, hook on"]
        - medians["import pkilint.pkix.certificate, PKILINT_SEMANTIC_DN=0"]
    )
    print(
        f"  hook on - PKILINT_SEMANTIC_DN=0 (python -c pass):          {hook:+8.2f} ms"
    )
    print(
        f"  hook on - python -S (all site processing, not only ours):   {site:+8.2f} ms"
    )
    print(
        f"  import pkilint.pkix.certificate, hook on - off:             {pkilint:+8.2f} ms"
    )
    print(
        "  -X importtime, pkilint_semantic_dn.adapter.hook cumulative: "
        f"median {statistics.median(hook_us) / 1e3:.3f} ms (target < 2 ms)"
    )
    return dict(medians, hook_import_ms=statistics.median(hook_us) / 1e3)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=600, help="certificates; 0 = all")
    parser.add_argument("--startup-runs", type=int, default=30)
    parser.add_argument("--skip-lint", action="store_true")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu")
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start"
    )
    if not args.skip_lint:
        import pkilint.pkix.certificate  # noqa: F401  (the hook wraps the factories here)

        sample = load_sample(args.corpora, args.limit)
        linters = build_linters({p for _, _, p in sample})
        print(
            f"{len(sample)} certificates, {len(linters)} profiles, {args.rounds} rounds, "
            f"{args.clock} clock"
        )
        times = measure_lint(sample, linters, args.rounds)
        report_lint(sample, times)
        if args.breakdown:
            breakdown(sample, linters)
    if not args.skip_startup:
        measure_startup(args.startup_runs)
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
