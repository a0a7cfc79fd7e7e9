"""Placeholder: filled in by the import/export work."""


def add_parsers(sub, shared) -> None:
    return None
