"""How the validators get into pkilint: the explicit API and the automatic factory wrappers.

Every certificate linter in pkilint (TLS, S/MIME, ETSI, PKIX; CLIs, REST, pkimetal's driver)
builds its subject checks through one factory, `pkilint.pkix.certificate.
create_subject_validator_container`, and its document validator through
`create_pkix_certificate_validator_container`. The automatic path wraps those two functions
right after pkilint defines them (see `hook.py`):

- the subject factory adds one fresh set of this plugin's validators to every subject
  container, unless the caller already passed some (explicit use);
- the document factory looks over the finished tree and switches off automatically added
  validators of any class the caller also added explicitly, so explicit + automatic use never
  reports a finding twice.

If either function is not what this module expects, nothing is wrapped: a warning goes to
stderr once and pkilint stays exactly as it is.

A pkilint with the plugin entry point proposed upstream (`upstream/`) adds the validators
itself through the `pkilint.subject_validators` entry point (`create_entry_point_validators`);
then only the document factory is wrapped, so nothing is registered twice.
"""

from __future__ import annotations

import functools
import inspect
import sys
import threading

from pkilint import validation

from pkilint_semantic_dn.adapter.validators import SemanticDnValidator
from pkilint_semantic_dn.core import config, registry

SUBJECT_PATH = "certificate.tbsCertificate.subject"

_SUBJECT_FACTORY = "create_subject_validator_container"
_DOCUMENT_FACTORY = "create_pkix_certificate_validator_container"
# Set on our wrappers so a second install (reload, explicit + hook) never wraps twice.
_WRAPPER_MARK = "__pkilint_semantic_dn_wrapper__"
# Set on validator instances that the automatic path added.
_AUTOMATIC_MARK = "_pkilint_semantic_dn_automatic"

# pkilint's plugin entry point group, proposed upstream (upstream/README.md) and declared in
# pyproject.toml. A pkilint that reads it adds this plugin's validators to every subject
# container itself; the automatic path then leaves the subject factory alone.
ENTRY_POINT_GROUP = "pkilint.subject_validators"
DISTRIBUTION = "pkilint-semantic-dn"

_lock = threading.Lock()


def create_name_validators() -> list[validation.Validator]:
    """A fresh list of this plugin's subject attribute validators.

    For `additional_name_validators=` of `serverauth.create_validators` and
    `etsi.create_validators`, or `additional_validators` of
    `pkilint.pkix.certificate.create_subject_validator_container`. A new list of new
    instances on every call: pkilint's factories mutate the lists they are given.
    """
    return [SemanticDnValidator()]


def create_rule_validators() -> list[validation.Validator]:
    """A fresh list with one validator per rule, for callers who want single rules.

    `create_name_validators()` runs the same rules in one validator; the findings are the
    same (each is reported under its rule's validator either way).
    """
    return [SemanticDnValidator([r]) for r in registry.rules()]


def create_subject_validator_container(**kwargs) -> validation.ValidatorContainer:
    """A container of this plugin's validators for the certificate subject only.

    For linters that take no `additional_*` argument (S/MIME): append it to the list that
    `smime.create_subscriber_validators(...)` returns. Keyword arguments go to
    `ValidatorContainer` (default `path="certificate.tbsCertificate.subject"`).
    """
    if not kwargs:
        kwargs["path"] = SUBJECT_PATH
    return validation.ValidatorContainer(validators=create_name_validators(), **kwargs)


def _automatic_validators() -> list[validation.Validator]:
    validators = create_name_validators()
    for v in _plugin_validators(validators):
        setattr(v, _AUTOMATIC_MARK, True)
    return validators


def create_entry_point_validators() -> list[validation.Validator]:
    """Called by pkilint through the `pkilint.subject_validators` entry point.

    New instances on every call, marked like those of the automatic path, so that instances of
    the same classes added explicitly elsewhere in the tree switch them off.
    """
    return _automatic_validators()


def pkilint_loads_entry_points(module) -> bool:
    """True when pkilint adds this plugin's validators itself, through the entry point.

    That is a `pkilint.pkix.certificate` that consults the `pkilint.subject_validators` group
    (the plugin mechanism of upstream/pkilint-0.13.3-entry-points.patch), and this distribution
    declaring its entry point there. Checked once, when pkilint is imported, never in processes
    that do not import pkilint.
    """
    plugin = getattr(module, "plugin", None)
    if getattr(plugin, "SUBJECT_VALIDATORS_GROUP", None) != ENTRY_POINT_GROUP:
        return False
    try:
        import importlib.metadata

        entry_points = importlib.metadata.distribution(DISTRIBUTION).entry_points
    except Exception:  # not installed as a distribution: pkilint cannot find the plugin
        return False
    return any(e.group == ENTRY_POINT_GROUP for e in entry_points)


def _plugin_validators(validators) -> list[SemanticDnValidator]:
    """Every SemanticDnValidator in a validator tree (containers are walked recursively)."""
    found = []
    stack = list(validators or ())
    while stack:
        v = stack.pop()
        if isinstance(v, SemanticDnValidator):
            found.append(v)
        elif isinstance(v, validation.ValidatorContainer):
            stack.extend(v.validators)
    return found


def _switch_off_automatic_duplicates(validators) -> None:
    """Automatically added validators stop running the rules that an explicitly added one
    runs, so explicit + automatic use never reports a finding twice."""
    found = _plugin_validators(validators)
    explicit = set()
    for v in found:
        if not getattr(v, _AUTOMATIC_MARK, False):
            explicit |= v.rule_names
    if not explicit:
        return
    for v in found:
        if getattr(v, _AUTOMATIC_MARK, False):
            v.without(explicit)


def _wrap_subject_factory(original):
    @functools.wraps(original)
    def create_subject_validator_container(additional_validators=None, **kwargs):
        if not _plugin_validators(additional_validators):
            try:
                ours = _automatic_validators()
            except Exception as e:  # e.g. a damaged data file: pkilint must still work
                config.warn_once(
                    f"building the validators failed ({type(e).__name__}: {e})"
                )
                ours = []
            additional_validators = list(additional_validators or ()) + ours
        return original(additional_validators, **kwargs)

    setattr(create_subject_validator_container, _WRAPPER_MARK, True)
    return create_subject_validator_container


def _wrap_document_factory(original):
    @functools.wraps(original)
    def create_pkix_certificate_validator_container(decoding_validators, validators):
        container = original(decoding_validators, validators)
        _switch_off_automatic_duplicates(container.validators)
        from pkilint_semantic_dn.adapter import upstream_detect

        upstream_detect.step_aside(container.validators)
        return container

    setattr(create_pkix_certificate_validator_container, _WRAPPER_MARK, True)
    return create_pkix_certificate_validator_container


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def _unexpected(module) -> str | None:
    """Why the module's factories cannot be wrapped safely, or None when they can."""
    subject = getattr(module, _SUBJECT_FACTORY, None)
    document = getattr(module, _DOCUMENT_FACTORY, None)
    if not callable(subject) or not callable(document):
        return f"{module.__name__} lacks {_SUBJECT_FACTORY} or {_DOCUMENT_FACTORY}"
    try:
        subject_parameters = inspect.signature(subject).parameters
        document_parameters = _parameters(document)
        container_parameters = _parameters(validation.ValidatorContainer.__init__)
    except (TypeError, ValueError) as e:
        return f"cannot read factory signatures ({e})"
    names = list(subject_parameters)
    if not names or names[0] != "additional_validators":
        return f"{_SUBJECT_FACTORY}{inspect.signature(subject)} has changed"
    if not any(p.kind is p.VAR_KEYWORD for p in subject_parameters.values()):
        return f"{_SUBJECT_FACTORY}{inspect.signature(subject)} has changed"
    if document_parameters != ["decoding_validators", "validators"]:
        return f"{_DOCUMENT_FACTORY}{inspect.signature(document)} has changed"
    if "validators" not in container_parameters:
        return "ValidatorContainer no longer takes validators="
    return None


def install_into(module) -> bool:
    """Wrap the factories of `pkilint.pkix.certificate` (the module object). Idempotent.

    Returns True when the factories are (now or already) wrapped, False when they were left
    alone because they are not what this plugin expects. When pkilint loads the plugin through
    its entry point (`pkilint_loads_entry_points`), only the document factory is wrapped (it
    registers nothing; it keeps explicit + entry point use from reporting a finding twice).
    """
    with _lock:
        if getattr(getattr(module, _DOCUMENT_FACTORY, None), _WRAPPER_MARK, False):
            return True
        reason = _unexpected(module)
        if reason is not None:
            config.warn_once(reason)
            return False
        if not pkilint_loads_entry_points(module):
            subject = _wrap_subject_factory(getattr(module, _SUBJECT_FACTORY))
            setattr(module, _SUBJECT_FACTORY, subject)
        document = _wrap_document_factory(getattr(module, _DOCUMENT_FACTORY))
        setattr(module, _DOCUMENT_FACTORY, document)
        return True


def ensure_installed() -> bool:
    """Import pkilint and wrap its factories now unless the plugin is already in them (the
    start-up hook did not run: a source checkout on PYTHONPATH, `python -S`)."""
    import pkilint.pkix.certificate as module

    return is_installed() or install_into(module)


def is_installed() -> bool:
    """True when pkilint's subject containers get this plugin's validators automatically.

    Whether through our factory wrapper or through pkilint's own entry point loading: asks
    the subject factory itself (False when pkilint has not been imported).
    """
    module = sys.modules.get("pkilint.pkix.certificate")
    factory = getattr(module, _SUBJECT_FACTORY, None)
    if factory is None:
        return False
    if getattr(factory, _WRAPPER_MARK, False):
        return True
    try:
        return bool(_plugin_validators(factory().validators))
    except Exception:
        return False
