"""The message catalogs stay in step with the code."""

from __future__ import annotations

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
