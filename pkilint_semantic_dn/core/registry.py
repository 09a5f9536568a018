"""The rule registry: every rule declares itself once, with `rule(...)`, beside its logic.

A rule is a function `f(attribute_oid, value, subject)` that returns or yields message strings
(or `Hit(code, message)` for a rule that declares several codes). The decorator records what
everything else is generated from: the finding code(s), severity and why that severity, the
requirement cited, a one-line description, an example, the attribute types it applies to.
pkilint's validators, `check`, `scan`, `finding_metadata.csv`, the README table and the
`rules` listing all read this registry, so a rule lives in one module.

Built-in rules are the modules listed in `pkilint_semantic_dn.rules.BUILTIN`, in that order.
A CA's own rules ("house rules") use the same decorator in their own module and are found
through the entry-point group `pkilint_semantic_dn.rules`, or are declared in the running
process before validators are built. No pkilint, no pyasn1 here.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import re
import sys
import threading
from typing import Callable, Collection, Iterable, NamedTuple

ENTRY_POINT_GROUP = "pkilint_semantic_dn.rules"
SEVERITIES = ("FATAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG")
BUILTIN_PREFIX = "semantic_dn."
_CODE = re.compile(r"^[a-z0-9_\-]+(\.[a-z0-9_\-]+)+$")
_RULE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class Hit(NamedTuple):
    """One thing a rule found on one value: a declared code and a message."""

    code: str
    message: str


class Finding(NamedTuple):
    """One code a rule can report, with everything said about it."""

    code: str
    severity: str  # a pkilint severity name: ERROR, WARNING, NOTICE, ...
    description: str  # one sentence: what the finding means
    citation: str  # the requirement it rests on
    why: str = ""  # why this severity
    example: str = ""  # a subject attribute that triggers it, `ST=Tokyo, C=JP`
    # "pkilint": a validator reports it; "check": only `check` does (before issuance).
    scope: str = "pkilint"


def finding(
    code: str,
    *,
    severity: str,
    description: str,
    citation: str,
    why: str = "",
    example: str = "",
    scope: str = "pkilint",
) -> Finding:
    """A checked `Finding` (for a rule's further codes and the engine's own)."""
    if not isinstance(code, str) or not _CODE.match(code):
        raise ValueError(
            f"finding code {code!r} must be dotted lower-case words, e.g. 'acme.bad_state'"
        )
    if severity not in SEVERITIES:
        raise ValueError(
            f"severity {severity!r} of {code} is not one of {', '.join(SEVERITIES)}"
        )
    for label, text in (("description", description), ("citation", citation)):
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{code} needs a {label}")
    return Finding(code, severity, description, citation, why, example, scope)


RULE_FAILED = finding(
    "semantic_dn.rule_failed",
    severity="NOTICE",
    why="A defect of this plugin, not of the certificate: it must never block issuance "
    "(pkilint would turn an exception into FATAL), but it must be seen.",
    description="A rule of this plugin (named in the message) failed on this value; the "
    "value was not fully checked. Please report it to pkilint-semantic-dn",
    citation="pkilint-semantic-dn failure policy (no rule defect becomes a FATAL finding)",
)


class Rule(NamedTuple):
    """A registered rule. `attributes` None means every attribute type."""

    name: str
    function: Callable
    findings: tuple[Finding, ...]  # the first is the rule's main code
    attributes: frozenset | None
    never: frozenset  # attribute types it never reports on
    plain: bool  # False: never reports a value for which `text.is_plain` holds
    defer_to: tuple[str, ...]  # rule names: quiet on a value one of them reported
    examples: tuple[str, ...]  # violations, `ST=Some-State`
    near_misses: tuple[str, ...]  # legitimate values it must leave alone
    validator: str  # the pkilint validator name its findings are reported under
    doc: str  # the rule module's docstring: the long explanation
    origin: str  # "built-in" or the house rule's module
    # None, or the only `words.key` of a value it may report on: the engine runs it on a
    # value only when the value's key is one of these.
    keys: frozenset | None = None

    @property
    def code(self) -> str:
        return self.findings[0].code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)

    def may_report(self, attribute_oid: str | None) -> bool:
        """False only where the declared attribute types rule `attribute_oid` out (None: a
        type no declaration names, which only rules for every attribute can report on).
        """
        if self.attributes is not None and attribute_oid not in self.attributes:
            return False
        return attribute_oid not in self.never


_lock = threading.RLock()
_declared: dict[str, Rule] = {}  # name -> rule, in declaration order
_loaded = False
_load_errors: list[str] = []


def rule(
    code: str,
    *,
    severity: str,
    description: str,
    citation: str,
    attributes: Collection[str] | None = None,
    why: str = "",
    example: str = "",
    also: Iterable[Finding] = (),
    never: Collection[str] = (),
    plain: bool = True,
    defer_to: Iterable[str] = (),
    examples: Iterable[str] = (),
    near_misses: Iterable[str] = (),
    keys: Collection[str] | None = None,
    name: str | None = None,
    validator: str | None = None,
) -> Callable:
    """Declare `f(attribute_oid, value, subject)` a rule reporting `code`.

    `severity` is a pkilint severity name; `attributes` takes short names (`ST`), long names
    (`stateOrProvinceName`) or dotted OIDs, None for every attribute; `subject` is the name's
    `(OID, value)` pairs (a `Subject`: also `subject.values_of(oid)` and `subject.fact`; built-in
    rules read it only through those two, see `Engine`). The function returns or
    yields message strings (reported under `code`), or `Hit(code, message)` for the codes
    declared with `also=`. Further keywords are for the built-in rules: `never` (types it
    never reports on), `plain=False` (never reports a plain value), `defer_to` (rule names
    whose finding on the same value silences this one), `keys` (it reports only on a value
    whose `words.key` is one of these), `examples`, `near_misses`, `name`
    (default: the module's name for built-in rules, else derived from the code) and
    `validator` (the pkilint validator name, default derived from the name).
    Declaring the same function again (a module reloaded) replaces its earlier declaration;
    another rule with a name or code already taken is an error.
    """
    primary = finding(
        code,
        severity=severity,
        description=description,
        citation=citation,
        why=why,
        example=example,
    )
    extra = tuple(also)
    for f in extra:
        if not isinstance(f, Finding):
            raise TypeError(f"also= of {code} takes finding(...) objects")
    only = None if attributes is None else _attribute_oids(attributes, code)
    never_oids = _attribute_oids(never, code)
    deferred = tuple(defer_to)
    shown = tuple(examples) or ((example,) if example else ())
    near = tuple(near_misses)
    only_keys = None if keys is None else frozenset(keys)

    def declare(function: Callable) -> Callable:
        if not callable(function):
            raise TypeError(f"@rule({code!r}) decorates a function")
        module = getattr(function, "__module__", "") or ""
        rule_name = name or _default_name(module, code)
        if not _RULE_NAME.match(rule_name):
            raise ValueError(f"rule name {rule_name!r} must be a lower-case identifier")
        builtin = module.startswith("pkilint_semantic_dn.rules.")
        findings = (primary,) + extra
        if not builtin:
            for f in findings:
                if f.code.startswith(BUILTIN_PREFIX):
                    raise ValueError(
                        f"{f.code}: the {BUILTIN_PREFIX} prefix is for built-in rules; "
                        "give house rules your own prefix (e.g. 'acme.')"
                    )
        declared = Rule(
            name=rule_name,
            function=function,
            findings=findings,
            attributes=only,
            never=never_oids,
            plain=plain,
            defer_to=deferred,
            examples=shown,
            near_misses=near,
            validator=validator or _validator_name(rule_name),
            doc=_doc(module, function),
            origin="built-in" if builtin else module,
            keys=only_keys,
        )
        register(declared)
        function.rule = declared
        return function

    return declare


def _same_declaration(a: Rule, b: Rule) -> bool:
    """The same function declared again (its module reloaded, or run twice)."""
    fa, fb = a.function, b.function
    return (fa.__module__, fa.__qualname__) == (fb.__module__, fb.__qualname__)


def register(new: Rule) -> None:
    """Add a rule; names and codes are unique across rules. Declaring the same function again
    (a module reloaded) replaces its earlier declaration."""
    with _lock:
        old = _declared.get(new.name)
        if old is not None and not _same_declaration(old, new):
            raise ValueError(
                f"a rule named {new.name!r} is already declared by "
                f"{old.function.__module__}.{old.function.__qualname__}; give this one "
                "another code or name="
            )
        for other in _declared.values():
            if other.name == new.name:
                continue
            clash = set(other.codes) & set(new.codes)
            if clash:
                raise ValueError(
                    f"rule {new.name!r} declares {sorted(clash)[0]}, which rule "
                    f"{other.name!r} already reports"
                )
        if len(set(new.codes)) != len(new.codes):
            raise ValueError(f"rule {new.name!r} declares a code twice")
        _declared[new.name] = new


def rules() -> tuple[Rule, ...]:
    """Every rule, built-in ones first in `BUILTIN` order, then house rules as declared,
    loading the built-in modules and the entry-point group on first use."""
    load()
    with _lock:
        return order(tuple(_declared.values()))


def snapshot() -> tuple[int, ...]:
    """Changes whenever the declared rules change: for caches of what is built from them
    (the ids stay valid while a cache holds the rules it was built from)."""
    load()
    return tuple(map(id, _declared.values()))


def by_code() -> dict[str, tuple[Rule, Finding]]:
    return {f.code: (r, f) for r in rules() for f in r.findings}


def load_errors() -> tuple[str, ...]:
    """Why a house rule entry point could not be loaded (each also said once on stderr)."""
    load()
    return tuple(_load_errors)


def load() -> None:
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        from pkilint_semantic_dn import rules as builtin

        for module in builtin.BUILTIN:
            importlib.import_module(f"pkilint_semantic_dn.rules.{module}")
        _load_entry_points()
        _loaded = True


def _load_entry_points() -> None:
    try:
        if not may_declare_house_rules():
            return  # no installed distribution declares the group
        from importlib.metadata import entry_points

        found = entry_points(group=ENTRY_POINT_GROUP)
    except Exception as e:  # a broken installation must not stop pkilint
        _load_error(f"cannot read the {ENTRY_POINT_GROUP} entry points ({e})")
        return
    for ep in found:
        try:
            ep.load()  # importing the module runs its @rule declarations
        except Exception as e:
            _load_error(
                f"house rules {ep.name} = {ep.value} not loaded "
                f"({type(e).__name__}: {e})"
            )


def may_declare_house_rules(paths=None, finders=None) -> bool:
    """Whether an installed distribution may declare the entry-point group: False only when
    `importlib.metadata` would find none. Then `check` and `scan`, where nothing else
    imports it, do not pay its import (email, zipfile, csv...: about 15 ms of a `check`
    call's 80), and no process pays its reading of every distribution's metadata (3-5 ms
    in a stock pkilint CLI call, against about 1 ms for this). It would look in the
    `*.dist-info` and `*.egg-info` folders of the `sys.path` folders, and ask any other
    finder that can find distributions; a folder whose entry_points.txt names the group, a
    zip or egg on the path, such a finder, or anything unexpected answer True, and then
    importlib.metadata itself decides.
    """
    try:
        for finder in sys.meta_path if finders is None else finders:
            if finder is not importlib.machinery.PathFinder and hasattr(
                finder, "find_distributions"
            ):
                return True  # not the standard finder, which reads only the folders
        group = ENTRY_POINT_GROUP.encode()
        for entry in sys.path if paths is None else paths:
            folder = entry or "."
            if not os.path.isdir(folder):
                if os.path.exists(folder):
                    return True  # a zip file
                continue
            if folder.lower().endswith(".egg"):
                return True  # an egg: its EGG-INFO is read too
            for child in os.listdir(folder):
                if not child.lower().endswith((".dist-info", ".egg-info")):
                    continue
                try:
                    with open(
                        os.path.join(folder, child, "entry_points.txt"), "rb"
                    ) as f:
                        if group in f.read():
                            return True
                except OSError:
                    continue  # none (or an egg-info file): no entry points there
        return False
    except Exception:
        return True


def _load_error(message: str) -> None:
    _load_errors.append(message)
    print(f"pkilint-semantic-dn: {message}", file=sys.stderr)


def order(found: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """Built-in rules in `BUILTIN` order, then the others; a rule after those it defers to."""
    from pkilint_semantic_dn import rules as builtin

    rank = {name: i for i, name in enumerate(builtin.BUILTIN)}
    ranked = sorted(found, key=lambda r: rank.get(r.name, len(rank)))
    placed: dict[str, Rule] = {}
    names = {r.name for r in ranked}
    pending = list(ranked)
    while pending:
        progress = False
        for r in list(pending):
            if all(d in placed or d not in names for d in r.defer_to):
                placed[r.name] = r
                pending.remove(r)
                progress = True
        if not progress:  # a deferral cycle: keep declaration order for the rest
            for r in pending:
                placed[r.name] = r
            break
    return tuple(placed.values())


def _attribute_oids(names: Collection[str], code: str) -> frozenset:
    from pkilint_semantic_dn.core import attributes

    if isinstance(names, str):
        names = (names,)
    oids = set()
    for n in names:
        oid = attributes.resolve(n)
        if oid is None:
            raise ValueError(f"{code}: unknown attribute type {n!r}")
        oids.add(oid)
    return frozenset(oids)


def _default_name(module: str, code: str) -> str:
    if module.startswith("pkilint_semantic_dn.rules."):
        return module.rsplit(".", 1)[1]
    return re.sub(r"[^a-z0-9]+", "_", code.lower()).strip("_")


def _validator_name(rule_name: str) -> str:
    return "".join(p.capitalize() for p in rule_name.split("_") if p) + "Validator"


def _doc(module: str, function: Callable) -> str:
    text = getattr(sys.modules.get(module), "__doc__", None) or function.__doc__ or ""
    return text.strip()
