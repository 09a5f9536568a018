"""The one execution path: every rule on every attribute of one subject.

pkilint's validator, `check` and `scan` all hand a subject's `(OID, value)` pairs to
`Engine.check` and turn the hits into their own output, so they cannot disagree. The engine
owns the failure policy: a rule that raises (or yields something it did not declare) gives
`semantic_dn.rule_failed` (NOTICE) on that attribute naming the rule, and every other rule
still runs; nothing escapes to the caller. No pkilint, no pyasn1 here.
"""

from __future__ import annotations

import threading
from typing import Iterable, NamedTuple, Sequence

from pkilint_semantic_dn.core import attributes, registry, selection, words
from pkilint_semantic_dn.core.registry import Finding, Hit, Rule
from pkilint_semantic_dn.core.subject import Pairs, Subject
from pkilint_semantic_dn.core.text import NOT_PLAIN_CHARACTER

# Reported on an attribute when a rule fails on it (declared with the registry, which every
# front end reads; the engine is what reports it).
RULE_FAILED = registry.RULE_FAILED


class SubjectHit(NamedTuple):
    index: int  # position of the attribute in the subject's pairs
    attribute_oid: str
    value: str
    severity: str
    code: str
    message: str
    rule: str  # the rule's name


class Plan(NamedTuple):
    """The rules to run on an attribute of one type (`Engine._plan`)."""

    any_value: tuple[Rule, ...]  # those that may report on its value
    plain_value: tuple[Rule, ...]  # those that may report on a plain value (`is_plain`)
    # Every key some rule of `any_value` declares (`Rule.keys`), or None when none does.
    keys: frozenset | None
    # `any_value` and `plain_value` without those rules: for a value whose `words.key` is
    # none of `keys` (most values: those rules look for a few words).
    any_unkeyed: tuple[Rule, ...]
    plain_unkeyed: tuple[Rule, ...]


class Engine:
    """The rules to run, with per-attribute-type plans worked out once.

    Built once per linter (validators, a `check` call, a scan worker); holds no state of a
    document, so one engine serves every document, from any thread. What it keeps are
    answers (`check`): for a subject's pairs; for its pairs without the holder's
    attributes where the rules did not read those; and for a value of a shared attribute
    with the subject's values of the types its rules read (recorded as for
    `Subject.record_reads`). The same input gives the same hits, whoever asks.
    """

    def __init__(
        self,
        rules: Sequence[Rule] | None = None,
        disabled: Iterable[str] | None = None,
        keep_answers: bool = True,
    ):
        given = registry.rules() if rules is None else tuple(rules)
        self.disabled = (
            selection.environment_disabled()
            if disabled is None
            else frozenset(disabled)
        )
        # The rules that report: those with a code switched on.
        self.rules = registry.order(
            tuple(r for r in given if set(r.codes) - self.disabled)
        )
        # A rule that defers to others needs their verdict even where they do not report
        # (switched off, or run by another validator): those run silently.
        declared = {r.name: r for r in registry.rules()}
        known = dict(declared)
        known.update((r.name, r) for r in given)
        running = {r.name: r for r in self.rules}
        pending = [d for r in self.rules for d in r.defer_to]
        while pending:
            name = pending.pop()
            if name not in running and name in known:
                running[name] = known[name]
                pending.extend(known[name].defer_to)
        self._silent = frozenset(running) - {r.name for r in self.rules}
        self._findings = {
            f.code: f
            for r in self.rules
            for f in r.findings
            if f.code not in self.disabled
        }
        self._report_failures = RULE_FAILED.code not in self.disabled
        self._run = registry.order(tuple(running.values()))
        types = set(attributes.BY_OID)
        for r in self._run:
            types |= r.attributes or set()
        self._plans = {oid: self._plan(oid) for oid in types}
        self._other_types = self._plan(None)
        # The shared attributes some rule may report on (no rule reports on countryName:
        # nothing to keep for it).
        self._value_types = frozenset(
            oid
            for oid in SHARED_TYPES
            if self._plans.get(oid, self._other_types).any_value
        )
        # Answers per whole subject, only where every rule running is a built-in one as
        # declared: those are pure functions of the pairs (no I/O, no state, nothing read
        # from the environment at lint time), so the same pairs give the same hits. House
        # rules and rules replaced after declaration (tests, profilers) are not assumed pure;
        # nor are rules whose declared keys were replaced (their answers could differ from
        # those of the declared rules, with which they would share them).
        # keep_answers=False: the rules run every time (benchmarks of the rules themselves).
        pure = keep_answers and all(
            r.origin == "built-in"
            and r.name in declared
            and declared[r.name].function is r.function
            and declared[r.name].keys == r.keys
            for r in self._run
        )
        self._answers: dict | None = None
        # The hits on a value of a shared attribute (`SHARED_TYPES`), with the subject's
        # values of the types the rules read to find them: a new subject with that value
        # and those values gets the hits again without the rules (a few such answers per
        # value, for different values read: `_VALUE_ALTERNATIVES`).
        self._value_answers: dict | None = None
        self._values_seen: set = set()  # values met once, without an answer kept
        # The same, for a subject without its holder's attributes (`HOLDER_TYPES`): a new
        # certificate of an organisation checked before runs the rules on those alone.
        self._rest_answers: dict = {}
        if pure:
            (
                self._answers,
                self._rest_answers,
                self._value_answers,
                self._values_seen,
            ) = _memos(
                (
                    tuple(r.function for r in self.rules),
                    tuple(r.function for r in self._run),
                    self.disabled,
                )
            )

    @property
    def findings(self) -> list[Finding]:
        """Every finding this engine can report, `rule_failed` last."""
        return list(self._findings.values()) + (
            [RULE_FAILED] if self._report_failures else []
        )

    def _plan(self, oid: str | None) -> Plan:
        """The rules that can report on an attribute of type `oid`, for any value and for a
        plain value (`text.is_plain`), and without the rules declared for some keys only: a
        typical attribute concerns a few of the rules, and a call that returns at once costs
        about as much as a cheap rule's work."""
        candidates = tuple(r for r in self._run if r.may_report(oid))
        plain = tuple(r for r in candidates if r.plain)
        keyed = [r.keys for r in candidates if r.keys is not None]
        if not keyed:
            return Plan(candidates, plain, None, candidates, plain)
        return Plan(
            candidates,
            plain,
            frozenset().union(*keyed),
            tuple(r for r in candidates if r.keys is None),
            tuple(r for r in plain if r.keys is None),
        )

    def check(self, pairs: Pairs, only: int | None = None) -> list[SubjectHit]:
        """Every hit on every attribute of a subject given as (OID, value) pairs (`only`:
        on the attribute at that index alone, the others being its context)."""
        answers = self._answers
        if answers is None or only is not None:
            return self._check(pairs, only)
        # A subject linted again (the precertificate and then the certificate, one subject
        # under several profiles or linters, a customer's renewals) costs one lookup instead
        # of every rule run again, cold, among pkilint's own work.
        key = _answer_key(pairs)
        if key is None:
            return self._check(pairs, None)
        try:
            found = answers.get(key)
        except TypeError:  # pairs given as lists: their hashable copies are the key
            key = tuple(map(tuple, key))
            found = answers.get(key)
        if found is None:
            found, failed = self._check_new(key)
            if failed or (found and not _keepable(found)):
                return found
            if len(answers) >= _ANSWERS_KEPT:
                _make_room(answers)
            answers[key] = found = tuple(found)
        return list(found)

    def _check_new(self, pairs: tuple) -> tuple[list[SubjectHit], bool]:
        """A subject not seen before: its hits, and whether a rule failed on it (reported
        or not: then no answer is kept). Its attributes other than the holder's may have
        been checked before, on another certificate of the same organisation. Their answer
        is kept when the rules read no holder's attribute (`Subject.record_reads`, facts
        included), since then the holder's values cannot change it."""
        # Calls kept few on this path (a new subject's every step runs cold inside a lint,
        # where each call costs more than its work): the helpers' steps are written out.
        rest, holder = [], []
        for i, pair in enumerate(pairs):
            (holder if pair[0] in HOLDER_TYPES else rest).append(i)
        subject = Subject(pairs)
        state = subject.__dict__
        found: list[SubjectHit] = []
        if not rest or not holder:  # nothing to share beyond the subject
            self._run_rules(subject, range(len(subject)), found, True)
            # `_run_rules` notes a failure there, reported or not.
            return found, "_failed" in state
        key = tuple(map(pairs.__getitem__, rest))  # `rest_key(pairs)`
        rest_answers = self._rest_answers
        known = rest_answers.get(key)
        if known is None:
            # One pass over the whole subject, as for any subject: what it read is then
            # what every rule read, the holder's attributes' rules included.
            reads = subject.record_reads()
            self._run_rules(subject, range(len(subject)), found, True)
            failed = "_failed" in state
            if (
                not failed
                and HOLDER_TYPES.isdisjoint(reads)
                and (not found or _keepable(found))
            ):
                answer = ()
                if found:
                    position = {index: p for p, index in enumerate(rest)}
                    answer = tuple(
                        h._replace(index=position[h.index])
                        for h in found
                        if h.index in position
                    )
                if len(rest_answers) >= _ANSWERS_KEPT:
                    _make_room(rest_answers)
                rest_answers[key] = answer
            return found, failed
        for h in known:
            found.append(h._replace(index=rest[h.index]))
        if self._run_rules(subject, holder, found):
            # In attribute order, as one pass gives them (stable: plan order within one).
            found.sort(key=_by_index)
        return found, "_failed" in state

    def _check(
        self, pairs: Pairs, only: int | None, bounded: bool = False
    ) -> list[SubjectHit]:
        """`bounded`: the subject is of a size whose answers are kept (`_answer_key`)."""
        subject = pairs if isinstance(pairs, Subject) else Subject(pairs)
        out: list[SubjectHit] = []
        indices = range(len(subject)) if only is None else (only,)
        self._run_rules(subject, indices, out, bounded)
        return out

    def _run_rules(
        self, subject: Subject, indices: Iterable[int], out: list, bounded: bool = False
    ) -> bool:
        """Every rule on the attributes at `indices`, their hits added to `out`; whether
        there were any. `bounded`: the subject is of a size whose answers may be kept.
        """
        start = len(out)
        plans, other_types = self._plans, self._other_types
        odd_character = NOT_PLAIN_CHARACTER.search
        short_key, key_length = words.short_key, words.MAX_LENGTH
        # The answers per value of the shared attributes, for a subject of a size that is
        # kept. Inlined, with the reads recorded by hand, no calls: on a new value this is
        # all the memo costs, and inside a lint every call costs more than its work.
        values = self._value_answers if bounded else None
        value_types, seen = self._value_types, self._values_seen
        by_type = None  # the subject's values by type, on its first shared attribute
        for index in indices:
            oid, value = subject[index]
            if value is None:
                continue
            key = None
            if (
                values is not None
                and oid in value_types
                and len(value) <= _VALUE_CHARACTERS
            ):
                key = (oid, value)
                known = values.get(key)
                if known is None and key not in seen:
                    # Kept from its second sight on: a value met once (a small town, a
                    # typing error, hostile input) costs one entry here, not a recording.
                    if len(seen) >= _VALUES_SEEN_KEPT:
                        seen.clear()
                    seen.add(key)
                    key = None
                else:
                    if by_type is None:
                        by_type = subject.by_type()
                        state = subject.__dict__
                        outer = state.get("_reads")  # recording the subject, or None
                    if known is not None:
                        # One answer per set of values read (an OV and an EV subject in
                        # one city read different fields), the newest first.
                        for dependencies, kept in known:
                            for read, those in dependencies:
                                if by_type.get(read, _NO_VALUES) != those:
                                    break
                            else:  # the same value, the same values read: the same hits
                                break
                        else:
                            kept = None
                        if kept is not None:
                            if outer is not None:
                                for read, _ in dependencies:
                                    outer.add(read)
                            for h in kept:
                                out.append(
                                    h if h.index == index else h._replace(index=index)
                                )
                            continue
                    # What its rules read, facts included: those asked already are
                    # worked out again for this attribute, so their reads count.
                    state["_reads"] = reads = set()
                    failed = False
                    facts = state.get("_memo")
                    state["_memo"] = {}
                    first = len(out)
            any_value, plain_value, keys, any_unkeyed, plain_unkeyed = plans.get(
                oid, other_types
            )
            if (  # not `is_plain(value)`, inlined
                odd_character(value) is not None
                or value[:1] == " "
                or value[-1:] == " "
                or "  " in value
            ):
                plan, unkeyed = any_value, any_unkeyed
            else:
                plan, unkeyed = plain_value, plain_unkeyed
            if keys is not None:
                # `words.key(value)`, inlined; the rules declared for a few keys run only
                # on a value of one of them.
                try:
                    if (
                        short_key(value) if len(value) <= key_length else ""
                    ) not in keys:
                        plan = unkeyed
                except Exception:  # then they run, and find out for themselves
                    pass
            reported: set[str] | None = None  # rules that reported on this value
            for rule in plan:
                if (
                    reported is not None  # the common case: nothing reported yet
                    and rule.defer_to
                    and not reported.isdisjoint(rule.defer_to)
                ):
                    continue
                # Inlined (one call per rule and attribute): this is the hot loop.
                try:
                    found = rule.function(oid, value, subject)
                    if not found:
                        continue
                    hits = self._hits(rule, found)
                except Exception as e:  # a rule's defect must not stop the others
                    hits = self._failure(rule, e)
                    # Reported or not (switched off, a silent rule): no answer is kept.
                    failed = True
                    subject.__dict__["_failed"] = True
                if hits:
                    if reported is None:
                        reported = set()
                    reported.add(rule.name)
                    out.extend(
                        SubjectHit(
                            index, oid, value, f.severity, f.code, message, rule.name
                        )
                        for f, message in hits
                        if f is not None
                    )
            if key is not None:
                state["_reads"] = outer
                if facts:
                    facts.update(state["_memo"])
                    state["_memo"] = facts
                if reads and outer is not None:
                    outer |= reads
                if failed:
                    continue
                dependencies = ()
                if reads:
                    dependencies = []
                    for read in reads:
                        dependencies.append((read, by_type.get(read, _NO_VALUES)[:]))
                    dependencies = tuple(dependencies)
                if len(out) == first:
                    answer = (dependencies, ()) if dependencies else _NOTHING
                else:
                    found = tuple(out[first:])
                    answer = (dependencies, found) if _keepable(found) else None
                if answer is not None:
                    if known is None:
                        answers = (answer,)
                    elif _small(answer):  # another set of values read: kept beside
                        answers = (answer,) + known[: _VALUE_ALTERNATIVES - 1]
                    else:
                        answers = None
                    if answers is not None:
                        # Room made for a value not kept now, even one that had answers
                        # when its rules started (another thread may have dropped it).
                        if key not in values and len(values) >= _VALUE_ANSWERS_KEPT:
                            _make_room(values, _VALUE_ANSWERS_KEPT)
                        values[key] = answers
                        seen.discard(key)
        return len(out) > start

    def _hits(self, rule: Rule, found) -> list:
        """The (finding, message) pairs of what a rule returned or yielded; the finding is
        None where it is switched off (the hit still counts for deferral)."""
        silent = rule.name in self._silent
        hits = []
        for item in found:
            code, message = _code_and_message(rule, item)
            if code not in rule.codes:
                raise TypeError(f"reported {code!r}, which it does not declare")
            hits.append((None if silent else self._findings.get(code), message))
        return hits

    def _failure(self, rule: Rule, error: Exception) -> list:
        if not self._report_failures or rule.name in self._silent:
            return []
        return [(RULE_FAILED, failure_message(rule, error))]


# At most this many subjects' answers per engine, each of at most this many attributes and
# characters of values and of messages (hostile names are checked every time, never kept):
# about 0.4 KB per typical subject; 14 MB for 1,024 subjects of 1,000 emoji each (measured),
# at most about 25 MB per engine with the longest messages kept.
_ANSWERS_KEPT = 1024
_KEY_ATTRIBUTES = 64
_KEY_CHARACTERS = 1024
_MESSAGE_CHARACTERS = 2048  # of all the hits' messages together
# Answers per value of a shared attribute (`SHARED_TYPES`): at most this many, kept only for
# subjects of the size bounded above (so the values an answer depends on are bounded too):
# 15 MB measured for 4,096 answers of subjects at that bound, long values with hits.
_VALUE_ANSWERS_KEPT = 4096
# Values met once, then forgotten together; of at most this many characters (place names
# are short): 5.8 MB measured for 8,192 of 128 characters outside the BMP.
_VALUES_SEEN_KEPT = 8192
_VALUE_CHARACTERS = 128
# Answers per value for different values read (`_run_rules`: an OV and an EV subject in one
# city), newest first: at most this many, those beside the first of at most this many
# characters of values read and messages (a place's: a few tens). 4,096 towns with three
# answers each: 15.5 MB measured with the rules' own memos, against 7.9 MB with one.
_VALUE_ALTERNATIVES = 3
_ALTERNATIVE_CHARACTERS = 256


# The attributes of a certificate's holder, new with almost every certificate: the host name
# or person, the mailbox. The other attributes (the organisation, its address, its
# registration) repeat across a CA's certificates for one customer.
HOLDER_TYPES = frozenset(
    {
        attributes.COMMON_NAME,
        attributes.EMAIL_ADDRESS,
        attributes.GIVEN_NAME,
        attributes.SURNAME,
        attributes.PSEUDONYM,
    }
)


# The attributes whose values many organisations share: the place (country, state, locality)
# and, in EV certificates, the jurisdiction and business category. Their answers are kept
# per value (`_value_answers`): a new organisation in a place seen before has them checked.
SHARED_TYPES = frozenset(
    {
        attributes.COUNTRY_NAME,
        attributes.STATE_OR_PROVINCE_NAME,
        attributes.LOCALITY_NAME,
        attributes.JURISDICTION_COUNTRY_NAME,
        attributes.JURISDICTION_STATE_OR_PROVINCE_NAME,
        attributes.JURISDICTION_LOCALITY_NAME,
        attributes.BUSINESS_CATEGORY,
    }
)


# Engines that run the same rules with the same codes switched off give the same answers,
# so they share them: one pkilint linter per profile (a scan's 26, a long-lived driver's),
# `check` calls, the default engine. Memory is then bounded per process, not per engine,
# and a subject linted under one profile is known under the others. At most this many
# sets of answers (other engines keep their own, which go with them).
_SHARED_CONFIGURATIONS = 16
_shared: dict = {}
_shared_lock = threading.Lock()


def _memos(configuration: tuple) -> tuple[dict, dict, dict, set]:
    """The answers (per subject, per rest of a subject, per value) of engines of this
    configuration."""
    with _shared_lock:
        memos = _shared.get(configuration)
        if memos is None:
            memos = ({}, {}, {}, set())
            if len(_shared) < _SHARED_CONFIGURATIONS:
                _shared[configuration] = memos
        return memos


def forget_answers() -> None:
    """Forget every answer the engines of this process share (tests, benchmarks)."""
    with _shared_lock:
        for memos in _shared.values():
            for kept in memos:
                kept.clear()


def _by_index(hit: SubjectHit) -> int:
    return hit.index


def _make_room(kept: dict, most: int | None = None) -> None:
    """Drop the oldest answer of a full memo (another thread may have taken it); `most`:
    its size (`_ANSWERS_KEPT` by default)."""
    if len(kept) >= (_ANSWERS_KEPT if most is None else most):
        try:
            del kept[next(iter(kept))]
        except (KeyError, RuntimeError, StopIteration):
            pass


def rest_key(pairs: Pairs) -> tuple:
    """The key of the answer for a subject without its holder's attributes: those pairs,
    in order (`_check_new` builds the same key inline)."""
    return tuple(pair for pair in pairs if pair[0] not in HOLDER_TYPES)


def _keepable(hits: list[SubjectHit]) -> bool:
    """Whether an answer may be kept: not a failure, which may be passing (memory,
    recursion), and not so long that a thousand such answers would weigh much."""
    size = 0
    for h in hits:
        if h.code == RULE_FAILED.code:
            return False
        size += len(h.message)
    return size <= _MESSAGE_CHARACTERS


_NO_VALUES: list = []
_NOTHING = ((), ())  # the answer for a value whose rules read nothing and found nothing


def _small(answer: tuple) -> bool:
    """Whether a value's answer is small enough to be kept beside another one."""
    dependencies, hits = answer
    size = 0
    for _, those in dependencies:
        for value in those:
            size += len(value)
    for h in hits:
        size += len(h.message)
    return size <= _ALTERNATIVE_CHARACTERS


def _answer_key(pairs: Pairs) -> tuple | None:
    """The subject's pairs as a plain tuple (no Subject facts kept alive), or None when the
    subject is too big to keep."""
    if len(pairs) > _KEY_ATTRIBUTES:
        return None
    size = 0
    for _, value in pairs:
        if value is not None:
            size += len(value)
    if size > _KEY_CHARACTERS:
        return None
    return tuple(pairs)


def _code_and_message(rule: Rule, item) -> tuple[str, str]:
    if isinstance(item, str):
        return rule.code, item
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
        return item[0], item[1]
    raise TypeError(f"returned {type(item).__name__}, not a message string or Hit")


def failure_message(rule: Rule, error: Exception) -> str:
    detail = str(error)
    if len(detail) > 200:
        detail = detail[:200] + "..."
    return (
        f"rule {rule.name} ({rule.validator}) could not check this value "
        f"({type(error).__name__}: {detail}); the value was not fully checked. "
        + (
            "Please report it to pkilint-semantic-dn"
            if rule.origin == "built-in"
            else f"The rule comes from {rule.origin}"
        )
    )


# Default engines by (rules, codes switched off): a few, since building one costs about
# 200 us, far more than checking a typical subject. One dict lookup picks one, so threads
# asking with other selections cannot hand each other the wrong engine.
_defaults: dict = {}
_DEFAULTS_KEPT = 8


def default_engine(disabled: Iterable[str] | None = None) -> Engine:
    """An engine of every registered rule, built once per set of rules and `disabled`."""
    disabled = (
        selection.environment_disabled() if disabled is None else frozenset(disabled)
    )
    key = (registry.snapshot(), disabled)
    found = _defaults.get(key)
    if found is None:
        found = Engine(registry.rules(), disabled)
        if len(_defaults) >= _DEFAULTS_KEPT:
            _defaults.clear()  # the rules changed, or many selections: start again
        _defaults[key] = found
    return found


def check_subject(
    pairs: Pairs, disabled: Iterable[str] | None = None
) -> list[SubjectHit]:
    """Every hit on a subject, with every registered rule."""
    return default_engine(disabled).check(pairs)


def check_attribute(
    attribute_oid: str,
    value: str,
    subject: Pairs = (),
    disabled: Iterable[str] | None = None,
) -> list[Hit]:
    """Every hit on one value; `subject` gives the name it belongs to (it is added as the
    last attribute when it is not in `subject`)."""
    pairs = list(subject)
    if (attribute_oid, value) in pairs:
        index = pairs.index((attribute_oid, value))
    else:
        index = len(pairs)
        pairs.append((attribute_oid, value))
    return [
        Hit(h.code, h.message)
        for h in default_engine(disabled).check(pairs, only=index)
    ]
