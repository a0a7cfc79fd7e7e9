"""What each agenda key does: the question it asks, the store command it runs, what it says after.

Functions of the AgendaView, one per key, so the view itself holds only
showing and moving. Triage first, then running the meeting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store import agenda, agenda_run, meetings
from store.i18n import _
from tui.format import meeting_line
from tui.widgets.agenda_text import minutes_text

if TYPE_CHECKING:
    from tui.widgets.agenda_view import AgendaView

NEW_MEETING = "__new__"


def _next_in_section(view: AgendaView, item: dict[str, Any]) -> str:
    """The item to put the cursor on once `item` leaves its part of the agenda: the one after, or before."""
    rows = [r for r in view.table.rows if r.get("section") == item["section"] and not r.get("heading")]
    ids = [r["id"] for r in rows]
    k = ids.index(item["id"]) if item["id"] in ids else -1
    if k + 1 < len(ids):
        return ids[k + 1]
    return ids[k - 1] if k > 0 else item["id"]


# --- triage -------------------------------------------------------------------------


def accept(view: AgendaView, item: dict[str, Any]) -> None:
    """Ask how many minutes the item gets (what it asked for, to start with), then accept it."""
    from tui.screens.item_dialogs import AnswerDialog

    if item["status"] == "accepted":
        view.app.say(_("This item is already on the running order. Press t to change its time."))
        return
    after = _next_in_section(view, item)

    def done(ok: bool | None) -> None:
        if ok:
            view.load(after)
            view.app.say(_("Accepted “{title}”.").format(title=item["display_title"]))

    view.app.push_screen(AnswerDialog(
        _("Accept “{title}”. How many minutes does it get?").format(title=item["display_title"]),
        str(item["minutes_asked"]),
        _("It asked for {asked}. Enter accepts; Escape goes back.").format(asked=minutes_text(item["minutes_asked"])),
        lambda value: agenda.accept(view.app.store, item["id"], value),
    ), callback=done)


def decline(view: AgendaView, item: dict[str, Any]) -> None:
    """Ask why, then decline the item; the reason is kept and shown to the member."""
    from tui.screens.item_dialogs import AnswerDialog

    after = _next_in_section(view, item)

    def done(ok: bool | None) -> None:
        if ok:
            view.load(after)
            view.app.say(_("Declined “{title}”. The member will see why.").format(title=item["display_title"]))

    view.app.push_screen(AnswerDialog(
        _("Decline “{title}”. Why?").format(title=item["display_title"]), item["decline_reason"] or "",
        _("The member will see this. Enter declines; Escape goes back."),
        lambda value: agenda.decline(view.app.store, item["id"], value),
        placeholder=_("For example: the health board is consulting on this next month"),
    ), callback=done)


def defer(view: AgendaView, item: dict[str, Any]) -> None:
    """Choose a later meeting (or plan one), then move the item there to be decided again."""
    from tui.screens.dialogs import ChoiceDialog

    here = view.data["meeting"]
    later = [m for m in meetings.upcoming(view.app.store, limit=50)
             if m["id"] != here["id"] and m["status"] != "closed" and m["date"] >= here["date"]]
    choices = [(m["id"], meeting_line(m)) for m in later] + [(NEW_MEETING, _("Plan a new meeting for it…"))]
    after = _next_in_section(view, item)

    def move_to(meeting_id: str | None) -> None:
        if not meeting_id:
            return
        target = meetings.get_meeting(view.app.store, meeting_id)
        view.run_command(lambda: agenda.defer(view.app.store, item["id"], meeting_id), after, done=lambda _id: (
            view.app.say(_("Moved “{title}” to {meeting}. That meeting decides on it again.").format(
                title=item["display_title"], meeting=meeting_line(target)))))

    def chosen(choice: str | None) -> None:
        if choice == NEW_MEETING:
            from tui.screens.meeting_form import MeetingForm

            view.app.push_screen(MeetingForm(None), callback=move_to)
        else:
            move_to(choice)

    view.app.push_screen(ChoiceDialog(
        _("Move “{title}” to which meeting?").format(title=item["display_title"]), choices), callback=chosen)


def merge(view: AgendaView, item: dict[str, Any]) -> None:
    """Choose the item this one duplicates, then join them; both proposers are kept."""
    from tui.screens.dialogs import ChoiceDialog

    others = [r for r in view.table.rows if not r.get("heading") and r["id"] != item["id"]
              and r["status"] in ("proposed", "accepted") and not r["standing"]]
    if not others:
        view.app.say(_("There is no other item on this agenda to join it with."), error=True)
        return
    choices = [(r["id"], r["display_title"] + " — " + (r["proposer_name"] or "")) for r in others]
    after = _next_in_section(view, item)

    def chosen(into: str | None) -> None:
        if into:
            title = next(r["display_title"] for r in others if r["id"] == into)
            view.run_command(lambda: agenda.merge(view.app.store, item["id"], into), after, done=lambda _r: (
                view.app.say(_("Joined “{title}” with “{into}”. Both proposers are kept.").format(
                    title=item["display_title"], into=title))))

    view.app.push_screen(ChoiceDialog(
        _("Join “{title}” with which item?").format(title=item["display_title"]), choices), callback=chosen)


def edit(view: AgendaView, item: dict[str, Any]) -> None:
    """Open the item's form: title, what is wanted, minutes, summary and details."""
    from tui.screens.propose_form import EditItemForm

    view.app.push_screen(EditItemForm(view.meeting_id, item), callback=lambda saved: view.load(item["id"]))


def timebox(view: AgendaView, item: dict[str, Any]) -> None:
    """Ask how many minutes an item on the running order gets."""
    from tui.screens.item_dialogs import AnswerDialog

    if item["status"] != "accepted":
        view.app.say(_("Accept the item first, then give it its time."), error=True)
        return
    data = view.data
    length = _("The meeting is {length}.").format(length=minutes_text(data["meeting_minutes"])) \
        if data["meeting_minutes"] else ""
    view.app.push_screen(AnswerDialog(
        _("How many minutes does “{title}” get?").format(title=item["display_title"]),
        str(item["minutes_allowed"]),
        _("It asked for {asked}. The agenda is {total}. {length}").format(
            asked=minutes_text(item["minutes_asked"]), total=minutes_text(data["total_minutes"]), length=length),
        lambda value: agenda_run.timebox(view.app.store, item["id"], value),
    ), callback=lambda ok: view.load(item["id"]) if ok else None)


# --- running the meeting ----------------------------------------------------------------


def start(view: AgendaView, item: dict[str, Any]) -> None:
    """Start the item under the cursor (the one on before it ends)."""
    view.run_command(lambda: agenda_run.start_item(view.app.store, item["id"]), item["id"])


def next_item(view: AgendaView) -> None:
    """End the item on now and start the next one not yet ended."""
    def done(started: str | None) -> None:
        if started is None:
            view.app.say(_("That was the last item. Press F3 to close the meeting when you are ready."))

    view.run_command(lambda: agenda_run.next_item(view.app.store, view.meeting_id), lambda started: started,
                     done=done)


def minutes(view: AgendaView, item: dict[str, Any]) -> None:
    """Open the minutes and decision of an item on the running order; on a proposal, its form."""
    from tui.screens.minutes_editor import MinutesEditor

    if item["status"] == "proposed":
        edit(view, item)
        return
    if item["status"] != "accepted":
        view.app.say(_("This item is not on the running order, so it has no minutes."), error=True)
        return
    view.app.push_screen(MinutesEditor(item, read_only=view.status == "closed"),
                         callback=lambda saved: view.load(item["id"]))


def interest(view: AgendaView, item: dict[str, Any]) -> None:
    """Ask who declares an interest in the item, and what it is, then record it."""
    from tui.screens.item_dialogs import InterestDialog

    def done(name: str | None) -> None:
        if name:
            view.load(item["id"])
            view.app.say(_("{name} declared an interest in “{title}”.").format(name=name, title=item["display_title"]))

    view.app.push_screen(InterestDialog(item["display_title"], lambda member, note: agenda_run.declare_interest(
        view.app.store, item["id"], member, note)), callback=done)


def withdraw(view: AgendaView, item: dict[str, Any]) -> None:
    """Choose whose declaration of interest to take back."""
    from tui.screens.dialogs import ChoiceDialog

    if not item.get("interests"):
        view.app.say(_("No one has declared an interest in this item."), error=True)
        return

    def chosen(member: str | None) -> None:
        if member:
            view.run_command(lambda: agenda_run.withdraw_interest(view.app.store, item["id"], member), item["id"])

    view.app.push_screen(ChoiceDialog(
        _("Whose interest in “{title}” should be taken back?").format(title=item["display_title"]),
        [(i["member_id"], i["name"]) for i in item["interests"]]), callback=chosen)


def propose(view: AgendaView) -> None:
    """Open "Propose an item" for this meeting."""
    from tui.screens.propose_form import ProposeForm

    view.app.push_screen(ProposeForm(view.meeting_id), callback=lambda item_id: view.load(item_id))


def floor(view: AgendaView) -> None:
    """Add any other business from the floor: title, proposer and minutes; on the running order at once."""
    from tui.screens.propose_form import FloorItemForm

    view.app.push_screen(FloorItemForm(view.meeting_id), callback=lambda item_id: view.load(item_id))
