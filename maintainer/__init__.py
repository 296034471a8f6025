"""Maintainer tooling: not part of the installed package."""
