"""Stable ids made by hashing their parts (followthemoney style): a re-run yields the same ids."""

import hashlib


def make_id(*parts: object, prefix: str = "", length: int = 16) -> str:
    """A short hex id from the parts; None and "" hash alike so optional parts are stable."""
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode())
    return f"{prefix}{digest.hexdigest()[:length]}"


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
