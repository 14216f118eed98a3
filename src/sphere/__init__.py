"""Sphere: a sourced, time-aware record of who did what to whom, when, where, and who says so."""

__version__ = "0.1.0"
