"""Sphere's errors: one root, so callers can catch everything Sphere raises on purpose.

    SphereError
    ├── InputError          a document that cannot be read, decoded or extracted
    │   ├── TooLargeError   over the stated size cap
    │   └── FetchError      a URL or feed that cannot be fetched
    ├── StoreError          the database cannot be opened or written
    └── ConfigError         a bad setting (database URL, token, path)

Messages name the bad value and, where there is one, the way out.
"""


class SphereError(Exception):
    """Root of every error Sphere raises on purpose."""


class InputError(SphereError):
    """A document could not be read, decoded or extracted; `origin` names it."""

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class TooLargeError(InputError):
    """A document is over the size cap."""


class FetchError(InputError):
    """A URL or feed could not be fetched."""


class StoreError(SphereError):
    """The database could not be opened, migrated or written."""


class ConfigError(SphereError):
    """A setting is invalid."""
