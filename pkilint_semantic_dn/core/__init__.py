"""The core: rules' registry and engine, subject and DN/DER helpers, data; pure Python.

Nothing in `core/` or `rules/` imports pkilint or pyasn1 (a test checks it in a fresh
interpreter), so `check`, `scan --semantic-only` and other programs reuse the rules without
them. Importing this package imports nothing.
"""
