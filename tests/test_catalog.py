"""The message catalogs stay in step with the code."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from store.i18n import LOCALES_DIR, _, ngettext, set_language
from tui.catalog import extract


def _ids(path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_committed_template_lists_exactly_the_strings_in_the_code():
    in_code = {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}
    committed = _ids(LOCALES_DIR / "messages.pot")
    assert in_code - committed == set(), "new strings: run `python -m tui.catalog`"
    assert committed - in_code == set(), "strings no longer in the code: run `python -m tui.catalog`"


def test_every_language_catalog_has_every_template_string():
    template = _ids(LOCALES_DIR / "messages.pot")
    for po in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"):
        assert template - _ids(po) == set(), f"{po.parent.parent.name} is missing strings"


def test_english_plural_forms_follow_the_count():
    set_language("en_GB")
    assert ngettext("{n} member", "{n} members", 1).format(n=1) == "1 member"
    assert ngettext("{n} member", "{n} members", 3).format(n=3) == "3 members"
    assert _("Present") == "Present"


def test_a_fresh_clone_compiles_its_catalog_once_and_keeps_it(tmp_path, monkeypatch):
    import shutil

    import store.i18n as i18n

    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "LOCALES_DIR", copy)
    mo = copy / "en_GB" / "LC_MESSAGES" / "messages.mo"
    assert not mo.exists()
    assert set_language("en_GB") == "en_GB"
    assert mo.exists(), "the compiled catalog is kept for the next start"
    assert _("Present") == "Present"


# --- Welsh ---------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdr]|%[sdr]|\[/?[a-z$ .#=_-]*\]")


def _welsh():
    with (LOCALES_DIR / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale="cy")


def test_every_message_in_the_template_has_a_welsh_translation():
    catalog = _welsh()
    template = _ids(LOCALES_DIR / "messages.pot")
    untranslated = sorted(
        (m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
        if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple | list) else m.string)))
    assert untranslated == []
    assert template <= {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_welsh_keeps_every_placeholder_and_markup_of_the_english():
    wrong = []
    for m in _welsh():
        if not m.id:
            continue
        if isinstance(m.id, str):
            if sorted(set(PLACEHOLDER.findall(m.id))) != sorted(set(PLACEHOLDER.findall(m.string))):
                wrong.append(m.id)
            continue
        # Plural forms: each uses only what the English plural offers, and the count where English has it.
        offered = set(PLACEHOLDER.findall(m.id[1])) | set(PLACEHOLDER.findall(m.id[0]))
        for form in m.string:
            if not set(PLACEHOLDER.findall(form)) <= offered:
                wrong.append(m.id[0])
    assert wrong == []


def test_welsh_plural_forms_follow_the_welsh_count_rules():
    catalog = _welsh()
    assert catalog.num_plurals == 5
    forms = catalog.get(("{n} member", "{n} members")).string
    set_language("cy")
    try:
        # other (0, 4, 5, 7…), one, two, few (3), many (6), as CLDR has Welsh.
        for n, form in ((0, 0), (1, 1), (2, 2), (3, 3), (4, 0), (6, 4), (7, 0)):
            assert ngettext("{n} member", "{n} members", n) == forms[form]
        assert _("Present") == "Yn bresennol"
    finally:
        set_language("en_GB")


def test_a_fresh_clone_runs_in_welsh_with_no_compile_step(tmp_path, monkeypatch):
    import shutil

    import store.i18n as i18n

    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "LOCALES_DIR", copy)
    try:
        assert set_language("cy") == "cy"
        assert _("Members") == "Aelodau"
        assert (copy / "cy" / "LC_MESSAGES" / "messages.mo").exists()
    finally:
        set_language("en_GB")
