"""pkilint-semantic-dn: semantic checks of X.509 Subject attribute values for pkilint.

Kept import-light on purpose: the start-up hook (`adapter/hook.py`) imports this package in every
Python process, so nothing heavy is imported here. The public API below imports pkilint only
when it is called.
"""

__version__ = "0.1.0"

__all__ = [
    "Hit",
    "Subject",
    "activate",
    "create_name_validators",
    "create_subject_validator_container",
    "finding",
    "rule",
]

# The rule declaration API (`core/registry.py`), imported on first use: the start-up hook
# imports this package in every Python process.
_LAZY = {
    "rule": ("pkilint_semantic_dn.core.registry", "rule"),
    "finding": ("pkilint_semantic_dn.core.registry", "finding"),
    "Hit": ("pkilint_semantic_dn.core.registry", "Hit"),
    "Subject": ("pkilint_semantic_dn.core.subject", "Subject"),
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def create_name_validators():
    """A fresh list of this plugin's name validators (see `registration`)."""
    from pkilint_semantic_dn.adapter import registration

    return registration.create_name_validators()


def create_subject_validator_container(**kwargs):
    """A container of this plugin's validators for the subject (see `registration`)."""
    from pkilint_semantic_dn.adapter import registration

    return registration.create_subject_validator_container(**kwargs)


def activate() -> bool:
    """Add this plugin's validators to pkilint's factories in a process the start-up hook missed.

    The hook (`pkilint_semantic_dn.pth`) runs only when site-packages is processed at start-up.
    A program that runs pkilint from a directory that is merely on `sys.path` (pkimetal starts
    `python3 -c <driver>` with site-packages as its working directory) calls this before it
    builds validators; the factories it calls afterwards include the plugin, exactly as with the
    hook. Works before or after pkilint is imported, is idempotent and safe to combine with the
    hook and the explicit API (no finding is ever reported twice). Honours
    `PKILINT_SEMANTIC_DN=0` (then it does nothing).

    Returns False when opted out or when pkilint's factories are not what this plugin expects
    (a warning is printed once on stderr and pkilint stays unchanged), True otherwise.
    See docs/pkimetal.md.
    """
    from pkilint_semantic_dn.adapter import hook as _hook

    return _hook.install()
