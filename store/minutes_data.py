"""What the minutes of a meeting hold, as data: the export decides how it looks.

People are named only if they consented to be named (members.consent_date
set); anyone else appears as None, for the export to show as "a member", and
in the attendance counts.
"""

from __future__ import annotations

from typing import Any

from store import actions, agenda, attendance
from store.db import Store


def _name(person: dict[str, Any]) -> str | None:
    return person["name"] if person.get("named") else None


def _action(action: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": action["id"],
        "description": action["description"],
        "owners": [_name(o) for o in action["owners"]],
        "due_date": action["due_date"],
        "status": action["status"],
        "status_note": action["status_note"],
        "overdue": action["overdue"],
    }


def _attendance(store: Store, meeting_id: str) -> dict[str, Any]:
    counts = attendance.counts(store, meeting_id)
    named: dict[str, list[str]] = {"present": [], "apologies": []}
    for row in store.query(
        "SELECT m.name, a.status FROM attendance a JOIN members m ON m.id = a.member_id "
        "WHERE a.meeting_id = ? AND a.deleted_at IS NULL AND m.deleted_at IS NULL "
        "AND m.consent_date IS NOT NULL AND a.status IN ('present', 'apologies')",
        (meeting_id,),
    ):
        named[row["status"]].append(row["name"])
    present = sorted(named["present"], key=str.casefold)
    apologies = sorted(named["apologies"], key=str.casefold)
    return {
        "present_names": present,
        "present": counts["present"],
        "present_not_named": counts["present"] - len(present),
        "apologies_names": apologies,
        "apologies": counts["apologies"],
        "absent": counts["absent"],
        "not_marked": counts["unmarked"],
    }


def minutes(store: Store, meeting_id: str) -> dict[str, Any]:
    """Return everything the minutes of a meeting need, with no formatting.

    meeting; attendance (names of consenting people present and sending
    apologies, with counts); items in running order with proposers, kind,
    notes, decision, declarations of interest and actions; matters arising
    and how each stood; declined items with their reasons; items moved to a
    later meeting; and actions raised at the meeting outside any item.
    """
    view = agenda.agenda(store, meeting_id)
    meeting = view["meeting"]
    raised = actions.meeting_actions(store, meeting["id"])
    by_item: dict[str, list[dict[str, Any]]] = {}
    for action in raised:
        by_item.setdefault(action["item_id"] or "", []).append(_action(action))
    order_ids = {item["id"] for item in view["order"]}

    def proposers(item: dict[str, Any]) -> list[str | None]:
        return [_name(p) for p in item["proposers"]]

    items = [{
        "id": item["id"],
        "title": item["display_title"],
        "standing": item["standing"],
        "kind": item["kind"],
        "proposers": proposers(item),
        "minutes_allowed": item["minutes_shown"],
        "started_at": item["started_at"],
        "ended_at": item["ended_at"],
        "notes": item["notes"],
        "decision": item["decision"],
        "interests": [{"name": _name(i), "note": i["note"]} for i in item["interests"]],
        "actions": by_item.get(item["id"], []),
    } for item in view["order"]]
    arising = [{
        **_action(a),
        "status_at_meeting": a["status_at_meeting"],
        "closed_here": a["closed_here"],
        "raised_at_title": a["meeting_title"],
        "raised_at_date": a["meeting_date"],
    } for a in actions.matters_arising(store, meeting["id"], limit=-1)]
    return {
        "meeting": meeting,
        "attendance": _attendance(store, meeting["id"]),
        "items": items,
        "matters_arising": arising,
        "declined": [{"id": i["id"], "title": i["display_title"], "proposers": proposers(i),
                      "reason": i["decline_reason"]} for i in view["other"] if i["status"] == "declined"],
        "deferred": [{"id": i["id"], "title": i["display_title"], "proposers": proposers(i),
                      "to_title": i["deferred_to_title"], "to_date": i["deferred_to_date"]}
                     for i in view["other"] if i["status"] == "deferred"],
        "other_actions": [a for key, group in by_item.items() if key not in order_ids for a in group],
    }
