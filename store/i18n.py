"""Words in the person's language: gettext, with the language chosen at run time.

Every user-facing string goes through `_()` (or `ngettext`). Text defined at
class level, such as key binding descriptions, is marked with `N_()`, which
keeps the English message id; the interface translates it when it is shown,
so switching language needs no restart.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "messages"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LANGUAGE = "en_GB"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """Mark `message` for translation without translating it yet."""
    return message


def _(message: str) -> str:
    """Return `message` in the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the singular or plural form for `n`, in the current language."""
    return _translations.ngettext(singular, plural, n)


def available_languages() -> list[str]:
    """Return the language codes that have a catalog, English first."""
    found = sorted(p.parent.parent.name for p in LOCALES_DIR.glob("*/LC_MESSAGES/*.po"))
    return sorted(found, key=lambda code: code != DEFAULT_LANGUAGE)


def normalise(code: str | None) -> str:
    """Turn 'cy_GB.UTF-8', 'cy', 'en' or 'C' into a catalog code we have."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.split(".")[0].split("@")[0].replace("-", "_")
    have = available_languages()
    if base in have:
        return base
    short = base.split("_")[0].lower()
    for candidate in have:
        if candidate.split("_")[0].lower() == short:
            return candidate
    return DEFAULT_LANGUAGE


def language_from_environment() -> str:
    """Return the language named by COPROD_LANG, LANGUAGE, LC_ALL, LC_MESSAGES or LANG."""
    for var in ("COPROD_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return normalise(value.split(":")[0])
    return DEFAULT_LANGUAGE


def _load(code: str) -> gettext.NullTranslations:
    folder = LOCALES_DIR / code / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if po.exists():
        return _compile(po, mo)
    return gettext.NullTranslations()


def _compile(po: Path, mo: Path) -> gettext.GNUTranslations:
    # A fresh clone has only the .po files; compile them on first use rather
    # than asking anyone to run a build step, and keep the result for next time.
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    try:
        partial = mo.with_suffix(".mo.part")
        partial.write_bytes(buffer.getvalue())
        partial.replace(mo)
    except OSError:
        pass  # a read-only install still works, compiling each time
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(code: str | None) -> str:
    """Switch every later `_()` call to `code`; return the code used."""
    global _translations, _language
    chosen = normalise(code)
    _translations = _load(chosen)
    _language = chosen
    return chosen


@contextmanager
def in_language(code: str) -> Iterator[str]:
    """Run the block in language `code` (for a paper in both languages), then switch back."""
    global _translations, _language
    before = (_translations, _language)
    try:
        yield set_language(code)
    finally:
        _translations, _language = before


def current_language() -> str:
    """Return the code of the language in use."""
    return _language


def babel_locale() -> str:
    """Return the locale name babel formats dates and money with."""
    return {"cy": "cy_GB"}.get(_language, _language)
