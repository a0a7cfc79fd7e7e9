"""`coprod export agenda`, and --easy-read, --large-print and --bilingual on the agenda, minutes and statement."""

from __future__ import annotations

import re
import stat

import pytest
from agenda_world import BUS_TITLE, NOT_NAMED, build_world
from cli_env import run_cli
from html_tree import headings, parse

from store import agenda
from store.i18n import _, in_language

SUMMARY = "Fares are too high. We want the council to help."


@pytest.fixture
def world(store):
    w = build_world(store)
    agenda.edit_item(store, w.items["bus"], {"summary": SUMMARY})
    return w


def run(capsys, db_path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--db", str(db_path), "export", *args)


def _page(path):
    _doctype, root = parse(path.read_text(encoding="utf-8"))
    (html,) = root.elements()
    return html


def test_agenda_as_html_is_written_privately_with_the_running_order(world, db_path, out, capsys) -> None:
    target = out / "agenda.html"
    code, printed, err = run(capsys, db_path, "agenda", "--meeting", world.today[:-6], "-o", str(target))
    assert (code, err) == (0, "")
    assert printed == f"Wrote the agenda to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    html = _page(target)
    assert html.attrs["lang"] == "en-GB"
    assert headings(html) == [(1, "Agenda: Network meeting"), (2, "Agenda items")]
    (ol,) = html.find_all("ol")
    order = agenda.agenda(world.store, world.today)["order"]
    firsts = [li.clean_text().split("\n")[0] for li in ol.elements()]
    assert firsts == [i["display_title"] for i in order]
    assert all(name not in html.text() for name in NOT_NAMED)


def test_agenda_format_comes_from_the_file_name_or_is_added_to_it(world, db_path, out, capsys) -> None:
    assert run(capsys, db_path, "agenda", "--meeting", world.today, "--easy-read", "-o", str(out / "a.md"))[0] == 0
    lines = (out / "a.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Agenda: Network meeting"
    assert "## What we will talk about" in lines
    at = lines.index("4. Fares are too high.  ")
    assert lines[at + 1] == "   We want the council to help."
    assert lines[at + 3] == f"   - **Item:** {BUS_TITLE.replace('<', chr(92) + '<')}"
    code = run(capsys, db_path, "agenda", "--meeting", world.today, "--format", "html", "-o", str(out / "Nov"))[0]
    assert code == 0
    assert (out / "Nov.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_all_three_options_together_on_the_agenda(world, db_path, out, capsys) -> None:
    target = out / "agenda.html"
    code, _printed, err = run(capsys, db_path, "agenda", "--meeting", world.today, "--easy-read", "--large-print",
                              "--bilingual", "-o", str(target))
    assert (code, err) == (0, "")
    html = _page(target)
    assert html.attrs["lang"] == "cy"
    css = html.find_all("style")[0].text()
    assert re.search(r"body \{[^}]*font-size: 18pt", css)
    with in_language("cy"):
        welcome = _("Welcome and introductions")
    first = html.find_all("ol")[0].elements()[0]
    assert first.children[0].strip() == welcome
    assert first.find_all("span")[0].attrs == {"lang": "en-GB"}
    # Easy Read: the summary opens the bus item, before its title.
    bus = html.find_all("ol")[0].elements()[3]
    assert bus.clean_text().split("\n")[:2] == ["Fares are too high.", "We want the council to help."]


@pytest.mark.parametrize(("args", "message"), [
    (("--meeting", "0000dead", "-o", "OUT/a.html"), "There is no meeting with id 0000dead."),
    (("--meeting", "TODAY", "--large-print", "-o", "OUT/a.md"),
     "Large print needs HTML: Markdown and plain text have no type size. Use --format html or a name ending .html."),
    (("--meeting", "TODAY", "--large-print", "--format", "md", "-o", "OUT/a"),
     "Large print needs HTML: Markdown and plain text have no type size. Use --format html or a name ending .html."),
    (("--meeting", "TODAY", "--format", "md", "-o", "OUT/a.html"),
     "The file name ends .html but the format is md. Make them match."),
    (("--meeting", "TODAY", "-o", "OUT/agenda"), "Give --format md or html, or a file name ending .md or .html."),
])
def test_bad_agenda_export_exits_1_with_one_line_and_no_file(world, db_path, out, capsys, args, message) -> None:
    args = [world.today if a == "TODAY" else a.replace("OUT", str(out)) for a in args]
    code, printed, err = run(capsys, db_path, "agenda", *args)
    assert (code, printed) == (1, "")
    assert err == f"coprod: {message}\n"
    assert list(out.iterdir()) == []


def test_agenda_from_a_database_that_is_not_there_is_refused_without_making_one(tmp_path, out, capsys) -> None:
    missing = tmp_path / "missing.db"
    code, _printed, err = run(capsys, missing, "agenda", "--meeting", "0000dead", "-o", str(out / "a.md"))
    assert code == 1 and "There is no database" in err
    assert not missing.exists()


def test_minutes_take_the_same_options(world, db_path, out, capsys) -> None:
    target = out / "minutes.html"
    code, _printed, err = run(capsys, db_path, "minutes", "--meeting", world.today, "--easy-read", "--bilingual",
                              "-o", str(target))
    assert (code, err) == (0, "")
    html = _page(target)
    assert html.attrs["lang"] == "cy"
    with in_language("cy"):
        who = _("Who was there")
    h2 = html.find_all("h2")[0]
    assert h2.children[0] == who and h2.find_all("span")[0].text() == "Who was there"
    # Easy Read's heading for decisions, in Welsh with the English beneath it.
    with in_language("cy"):
        decided = _("What we decided")
    assert f"{decided}\nWhat we decided" in [text for _level, text in headings(html)]
    code, printed, err = run(capsys, db_path, "minutes", "--meeting", world.today, "--large-print",
                             "-o", str(out / "m.md"))
    assert (code, printed) == (1, "") and err.startswith("coprod: Large print needs HTML")
    assert [p.name for p in out.iterdir()] == ["minutes.html"]


def test_statement_takes_the_same_options(db_path, out, capsys, store) -> None:
    from claims_money_world import build_money_world

    w = build_money_world(store, "Priya Shah")
    w.paid(w.march, w.priya, "BACS-1001", "20/03/2026")
    target = out / "statement.html"
    code, printed, err = run(capsys, db_path, "statement", "--member", w.priya, "--tax-year", "2025-26",
                             "--large-print", "--easy-read", "-o", str(target))
    assert (code, err) == (0, "")
    assert printed == f"Wrote the statement to {target}.\n"
    html = _page(target)
    assert re.search(r"body \{[^}]*font-size: 18pt", html.find_all("style")[0].text())
    assert "You can keep it." in html.text()
    # Printed on the terminal there is no type size, so large print is refused there.
    code, printed, err = run(capsys, db_path, "statement", "--member", w.priya, "--tax-year", "2025-26",
                             "--large-print")
    assert (code, printed) == (1, "") and err.startswith("coprod: Large print needs HTML")
    assert [p.name for p in out.iterdir()] == ["statement.html"]
