"""`coprod claims conflicts` and `coprod claims resolve`: conflicts between laptops in plain text, and dealing with one.

The conflict is made as sync makes it: Priya's March claim approved on this
laptop and rejected on a second one (its own file), whose change rows are
then applied here (tests/conflict_world.py).
"""

from __future__ import annotations

import io
import json
import sys

import pytest
from claims_money_world import build_money_world
from conflict_world import REASON, approve_here_reject_there, event_of, second_laptop

from tui.cli import main

NOTE = "Kept the approval. Fiona's rejection was for another claim."


@pytest.fixture
def clash(store, tmp_path, monkeypatch):
    """Priya's March claim (half day, £75.00): approved by Ben here, rejected by Fiona on laptop B."""
    monkeypatch.delenv("COPROD_AS", raising=False)
    w = build_money_world(store, "Priya Shah")
    w.claim_id = w.claim(w.march, w.priya)
    from store.claims import workflow

    workflow.submit(store, w.claim_id, w.grace)
    laptop_b = second_laptop(store, tmp_path / "laptop-b.db")
    try:
        approve_here_reject_there(store, laptop_b, w.claim_id, w.ben, w.fiona, monkeypatch)
    finally:
        laptop_b.close()
    w.approved_event = event_of(store, w.claim_id, "approved")
    w.rejected_event = event_of(store, w.claim_id, "rejected")
    return w


def run(capsys, monkeypatch, db_path, *args: str, answers: str = "") -> tuple[int, str, str]:
    """Run `coprod --db DB claims ARGS` here, with `answers` as what is typed; return (code, out, err)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    capsys.readouterr()
    code = main(["--db", str(db_path), "claims", *args])
    out, err = capsys.readouterr()
    return code, out, err


def written(store) -> tuple[int, int]:
    """How many change rows and claim events the file holds: any write adds to both."""
    return store.one("SELECT COUNT(*) FROM changes")[0], store.one("SELECT COUNT(*) FROM claim_events")[0]


def test_conflicts_are_listed_as_one_block_of_plain_lines_each(clash, db_path, capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, db_path, "conflicts")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "1 conflict to sort out, newest first.",
        "",
        "Conflict on Priya Shah's claim: March meeting, in Cardiff, 14 Mar 2026",
        "What happened: Not applied: the claim had already changed on another laptop.",
        "- Ben Carter on 22 Nov 2026 at 10:40: Approved.",
        f"- Fiona Hughes on 22 Nov 2026 at 10:41: Rejected: {REASON} (not applied)",
        "The claim now: Approved, £75.00.",
        f"To mark it as dealt with: coprod claims resolve {clash.claim_id} --event {clash.rejected_event} "
        "--note \"what you decided\"",
    ]


def test_conflicts_as_json_give_both_steps_for_scripts(clash, db_path, capsys, monkeypatch) -> None:
    code, out, _err = run(capsys, monkeypatch, db_path, "conflicts", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["claim_id"], r["kind"], r["status"], r["member_name"], r["meeting_date"]) for r in rows] == [
        (clash.claim_id, "refused", "approved", "Priya Shah", "2026-03-14")]
    assert [(s["event_id"], s["kind"], s["actor"], s["at"], s["applied"]) for s in rows[0]["steps"]] == [
        (clash.approved_event, "approved", "Ben Carter", "2026-11-22T10:40:00+00:00", True),
        (clash.rejected_event, "rejected", "Fiona Hughes", "2026-11-22T10:41:00+00:00", False)]


def test_no_conflicts_says_so(store, db_path, capsys, monkeypatch) -> None:
    build_money_world(store, "Priya Shah")
    assert run(capsys, monkeypatch, db_path, "conflicts") == (0, "No conflicts to sort out.\n", "")
    assert run(capsys, monkeypatch, db_path, "conflicts", "--format", "json") == (0, "[]\n", "")


def test_resolve_records_the_note_and_the_conflict_leaves_the_list(clash, db_path, capsys, monkeypatch) -> None:
    changes_before, events_before = written(clash.store)
    code, out, err = run(capsys, monkeypatch, db_path, "resolve", clash.claim_id[:13], "--event", clash.rejected_event,
                         "--note", NOTE, "--as", clash.grace)
    assert (code, err) == (0, "")
    assert out == "Marked the conflict on Priya Shah's claim as dealt with. Its history keeps it, with your note.\n"
    assert written(clash.store) == (changes_before + 1, events_before + 1)
    event = clash.store.one("SELECT actor_id, data FROM claim_events WHERE claim_id = ? AND kind = 'resolved'",
                            (clash.claim_id,))
    assert event["actor_id"] == clash.grace
    assert json.loads(event["data"]) == {"event_id": clash.rejected_event, "note": NOTE}
    assert clash.store.one("SELECT conflict FROM claim_state WHERE claim_id = ?", (clash.claim_id,))[0] == 0
    assert run(capsys, monkeypatch, db_path, "conflicts") == (0, "No conflicts to sort out.\n", "")
    code, out, _err = run(capsys, monkeypatch, db_path, "show", clash.claim_id)
    shown = out.splitlines()
    assert shown[shown.index("Conflicts dealt with:") + 1] == (
        f"- Not applied: the claim had already changed on another laptop. What was decided: {NOTE}")
    assert any(line.endswith(f"Grace Okafor  Marked a conflict as dealt with: {NOTE}") for line in shown)


def test_resolve_asks_for_the_note_when_it_is_left_out(clash, db_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_AS", clash.fiona)
    code, out, err = run(capsys, monkeypatch, db_path, "resolve", clash.claim_id, "--event", clash.approved_event,
                         answers="\n" + NOTE + "\n")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "What did you decide? ", "Say what you decided, so others know.", "What did you decide? ",
        "Marked the conflict on Priya Shah's claim as dealt with. Its history keeps it, with your note."]
    data = clash.store.one("SELECT data FROM claim_events WHERE claim_id = ? AND kind = 'resolved'", (clash.claim_id,))
    assert json.loads(data[0]) == {"event_id": clash.approved_event, "note": NOTE}


@pytest.mark.parametrize(("args", "message"), [
    (("0000-none", "--event", "{rejected}"), "There is no claim with id 0000-none."),
    (("{claim}", "--event", "0000-none"), "This claim has no step with id 0000-none."),
    (("{claim}", "--event", "{created}"),
     "Nothing clashed at that step of this claim, so there is nothing to deal with."),
    (("{claim}", "--event", "{rejected}", "--as", "{priya}"), "Only staff can mark a conflict as dealt with."),
    (("{claim}", "--event", "{rejected}", "--note", "   "), "Say what you decided, so others know."),
    (("{claim}", "--event", "{rejected}", "--note", "x" * 501), "Keep this under 500 characters."),
])
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(clash, db_path, capsys, monkeypatch, args,
                                                                 message) -> None:
    ids = {"claim": clash.claim_id, "rejected": clash.rejected_event, "priya": clash.priya,
           "created": event_of(clash.store, clash.claim_id, "created")}
    filled = [a.format(**ids) for a in args]
    if "--as" not in filled:
        filled += ["--as", clash.grace]
    if "--note" not in filled:
        filled += ["--note", NOTE]
    before = written(clash.store)
    assert run(capsys, monkeypatch, db_path, "resolve", *filled) == (1, "", f"coprod: {message}\n")
    assert written(clash.store) == before


def test_a_wrong_step_is_refused_before_the_note_is_asked_for(clash, db_path, capsys, monkeypatch) -> None:
    before = written(clash.store)
    code, out, err = run(capsys, monkeypatch, db_path, "resolve", clash.claim_id, "--event", "0000-none",
                         "--as", clash.grace, answers=NOTE + "\n")
    assert (code, out, err) == (1, "", "coprod: This claim has no step with id 0000-none.\n")
    assert written(clash.store) == before


def test_resolve_without_saying_who_is_refused(clash, db_path, capsys, monkeypatch) -> None:
    before = written(clash.store)
    code, out, err = run(capsys, monkeypatch, db_path, "resolve", clash.claim_id, "--event", clash.rejected_event,
                         "--note", NOTE)
    assert (code, out) == (1, "")
    assert err == "coprod: Say who is doing this: give --as with your member id, or set COPROD_AS.\n"
    assert written(clash.store) == before


def test_a_conflict_dealt_with_already_is_refused_the_second_time(clash, db_path, capsys, monkeypatch) -> None:
    assert run(capsys, monkeypatch, db_path, "resolve", clash.claim_id, "--event", clash.rejected_event, "--note",
               NOTE, "--as", clash.grace)[0] == 0
    before = written(clash.store)
    assert run(capsys, monkeypatch, db_path, "resolve", clash.claim_id, "--event", clash.approved_event, "--note",
               NOTE, "--as", clash.ben) == (1, "", "coprod: That conflict has already been dealt with.\n")
    assert written(clash.store) == before
