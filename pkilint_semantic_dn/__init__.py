"""pkilint-semantic-dn: semantic checks of X.509 Subject attribute values for pkilint.

Kept import-light on purpose: the start-up hook (`_hook.py`) imports this package in every
Python process, so nothing heavy is imported here. The public API below imports pkilint only
when it is called.
"""

__version__ = "0.1.0"

__all__ = ["create_name_validators", "create_subject_validator_container"]


def create_name_validators():
    """A fresh list of this plugin's name validators (see `registration`)."""
    from pkilint_semantic_dn import registration

    return registration.create_name_validators()


def create_subject_validator_container(**kwargs):
    """A container of this plugin's validators for the subject (see `registration`)."""
    from pkilint_semantic_dn import registration

    return registration.create_subject_validator_container(**kwargs)
