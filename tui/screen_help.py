"""What F1 says about each screen: what it is for, in plain words, and the keys that work on it now.

The words live here, one entry per screen class of tui/screens, so a screen
that has none is caught by tests/tui/test_keys_and_help.py. A screen with tabs
has an entry per tab ("MeetingScreen#tab-agenda"): help is for the tab in
front of the person. The keys are read from the bindings themselves when F1
is pressed, so they are always the ones that work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.actions import parse
from textual.binding import Binding
from textual.keys import format_key
from textual.widgets import TabbedContent

from store.i18n import N_, _
from tui.widgets.paged_table import PagedTable

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen
    from textual.widget import Widget

# Screen class name (and tab id) -> (title, what the screen is for).
HELP: dict[str, tuple[str, str]] = {
    "HomeScreen": (N_("Home"), N_(
        "Where you start. The list shows today's meeting, the meetings to come and the recent ones: "
        "move with the arrow keys and press Enter to open one. From here you can also go to the members, "
        "the open actions and Sync.")),
    "MeetingScreen": (N_("A meeting"), N_(
        "One meeting, with a tab for each job: the register, the agenda, the actions and the claims. "
        "F6, F7, F8 and F9 move between the tabs.")),
    "MeetingScreen#tab-register": (N_("The register"), N_(
        "Who is here. Type part of a name to find someone, press the down arrow to reach the list, "
        "then one key marks the person under the cursor: p present, a apologies, x absent. "
        "The counts at the top are always up to date.")),
    "MeetingScreen#tab-agenda": (N_("The agenda"), N_(
        "The items members asked for, and the running order. Accept or decline each proposal; "
        "during the meeting, start each item and write its minutes. The line at the top keeps time.")),
    "MeetingScreen#tab-actions": (N_("The actions"), N_(
        "Actions from earlier meetings that come up under matters arising, and the actions raised at this one. "
        "Mark each one done or dropped, or add a new one.")),
    "MeetingScreen#tab-claims": (N_("The claims"), N_(
        "Fees and expenses for this meeting, one claim per person. Draft them from the register in one step, "
        "then open each claim to check it, send it for approval, approve it and mark it paid.")),
    "MeetingScreen#tab-details": (N_("The meeting's details"), N_(
        "The meeting's title, kind, date, time, mode and venue. Press F2 to change them.")),
    "MembersScreen": (N_("Members"), N_(
        "Everyone in the network. Type to find someone; Enter opens their details to change them. "
        "You can also see what became of the items they put forward, and their claims.")),
    "MemberForm": (N_("A member's details"), N_(
        "Contact details, access needs and how the member likes to be paid. Tab moves between the boxes. "
        "Ctrl+S saves; a problem is shown beside its box.")),
    "OrganisationsScreen": (N_("Organisations"), N_(
        "The organisations members belong to, with how many active members each has. Add one, change one "
        "with Enter, or take one off the list once no active member belongs to it.")),
    "OrganisationDialog": (N_("An organisation"), N_(
        "The organisation's name and what kind it is. Ctrl+S saves; Escape goes back and changes nothing.")),
    "ActionsScreen": (N_("Open actions"), N_(
        "Every open action in the network, the soonest due first. Find one by typing, show one person's "
        "actions, or mark an action done or dropped.")),
    "OwnerDialog": (N_("Whose actions"), N_(
        "Type part of a name and choose the person whose actions to show, or choose everyone.")),
    "ActionForm": (N_("An action"), N_(
        "What needs doing, who will do it and by when. Add people by typing their names; Delete takes the "
        "highlighted person off. Ctrl+S saves.")),
    "NoteDialog": (N_("A note about the action"), N_(
        "Say how the action ended, in a few words. Ctrl+S saves; Escape goes back and changes nothing.")),
    "YouSaidScreen": (N_("You said, we did"), N_(
        "Every item this member put forward and what became of it, newest first, in words to them. "
        "Tab or n moves to the next item, p to the one before.")),
    "ClaimScreen": (N_("A claim"), N_(
        "One person's claim for a meeting: its lines, its total, any warnings and its history. "
        "The keys at the bottom are the steps this claim can take now.")),
    "MemberClaimsScreen": (N_("A member's claims"), N_(
        "Every claim of one member, with what was paid in each tax year. Enter opens a claim.")),
    "ConflictsScreen": (N_("Conflicts"), N_(
        "Claims changed on two laptops at once, where both steps could not stand. Open the claim to see where "
        "it stands now, then mark the conflict as dealt with.")),
    "RateCardsScreen": (N_("Rate cards"), N_(
        "What meetings pay: fees, mileage and caps. A claim uses the card in force on its meeting's day. "
        "Enter changes a card; Ctrl+N adds one.")),
    "RateCardForm": (N_("A rate card"), N_(
        "The card's name, the day it starts, and each amount, typed like 25.00. Ctrl+S saves.")),
    "ExpenseForm": (N_("An expense"), N_(
        "What the expense was for, the amount or the miles, the day, and the receipt. Ctrl+S saves.")),
    "FieldsDialog": (N_("A few questions"), N_(
        "Fill in the boxes. Ctrl+S saves; Escape goes back and changes nothing.")),
    "AdjustDialog": (N_("Correct a claim"), N_(
        "Put money on or take it off a fee or an expense, and say why. The claim keeps its history. "
        "Ctrl+S saves.")),
    "MessageDialog": (N_("A message"), N_("Read the message, then press Enter or Escape to close it.")),
    "StartClaimDialog": (N_("Start a claim"), N_(
        "Type part of the name of someone marked present, then press Enter to start an empty claim for them.")),
    "SyncScreen": (N_("Sync"), N_(
        "Send this laptop's changes to the shared store and bring in everyone else's. Type where the store is "
        "(a folder or a postgresql:// address) and press Enter. What the sync did is shown below.")),
    "MinutesEditor": (N_("Minutes"), N_(
        "Write what was said about the item, and what the meeting decided. Tab moves between the two boxes. "
        "Ctrl+S saves and stays here.")),
    "ItemFormBase": (N_("An agenda item"), N_(
        "The item's title, what is wanted, how many minutes it needs and a short summary. Ctrl+S saves.")),
    "ProposeForm": (N_("Propose an item"), N_(
        "A member asks for time at a meeting: say what the item is about, what you want from the meeting and "
        "how long it needs. Ctrl+S sends it; the facilitator decides and tells you.")),
    "FloorItemForm": (N_("An item from the floor"), N_(
        "Any other business raised at the meeting. It goes on the running order at once. Ctrl+S saves.")),
    "EditItemForm": (N_("Change an item"), N_(
        "Change the item's title, what is wanted, the minutes asked for or the summary. Ctrl+S saves.")),
    "MeetingForm": (N_("A meeting's details"), N_(
        "The meeting's title, kind, date, start and end, mode and venue. Ctrl+S saves.")),
    "FormScreen": (N_("A form"), N_(
        "Fill in the boxes. Tab moves between them. Ctrl+S saves; a problem is shown beside its box.")),
    "Dialog": (N_("A question"), N_("Answer the question, or press Escape to go back and change nothing.")),
    "TimeDialog": (N_("A time"), N_("Type a time like 10:45 and press Enter. Leave it empty to clear it.")),
    "ChoiceDialog": (N_("A choice"), N_(
        "Choose one answer: Tab moves between the buttons and Enter presses one. Escape changes nothing.")),
    "ConfirmDialog": (N_("Yes or no"), N_(
        "Answer with the buttons: Tab moves between them and Enter presses one. Escape changes nothing.")),
    "AnswerDialog": (N_("A short answer"), N_("Type your answer and press Enter. Escape changes nothing.")),
    "InterestDialog": (N_("Declare an interest"), N_(
        "Choose who has an interest in the item and say what it is, then press Enter.")),
    "SentDialog": (N_("Done"), N_("What just happened and what comes next. Press Enter to close it.")),
    "CloseMeetingDialog": (N_("Close the meeting"), N_(
        "The register's counts, and who is not marked yet. Choose whether to mark them absent or leave them "
        "as they are, then the meeting closes.")),
    "ExportDialog": (N_("Save attendance"), N_(
        "Choose a format and where to save the file, then save. The file is only readable by you.")),
    "WalkInDialog": (N_("A walk-in"), N_(
        "Type the person's name. Choose them from the list with the arrow keys and Enter, "
        "or add them as a new guest.")),
    "WhoAreYouDialog": (N_("Who are you"), N_(
        "Say which member of staff is using coprod on this laptop: type part of your name and press Enter. "
        "Approving and paying claims record who did it.")),
    "HelpScreen": (N_("Help"), N_("Help for the screen you were on. Press Escape or F1 to close it.")),
}

# For a screen coprod has no words for (such as Textual's own command palette).
GENERAL = (N_("Help"), N_("Tab moves between the parts of the screen, Enter chooses and Escape goes back."))

# The keys that move a list's cursor: everyone knows them, so they come last in the list of keys (and are
# named there rather than in the footer or the command palette).
MOVING_KEYS = {"table.up", "table.down", "table.page_up", "table.page_down", "table.first", "table.last"}

# Keys as people read them; letters and symbols stay as typed.
_KEY_NAMES = {
    "escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Space", "delete": "Delete",
    "backspace": "Backspace", "pageup": "Page Up", "pagedown": "Page Down", "home": "Home", "end": "End",
    "up": "↑", "down": "↓", "left": "←", "right": "→",
}


def topic(screen: Screen) -> str:
    """Return the HELP entry for `screen`: its class name, and the tab in front when it has tabs."""
    name = type(screen).__name__
    for tabs in screen.query(TabbedContent):
        tab = f"{name}#{tabs.active}"
        if tab in HELP:
            return tab
    return name


def screen_help(screen: Screen) -> tuple[str, str]:
    """Return the title and the words F1 shows for `screen`, in the current language."""
    title, text = HELP.get(topic(screen)) or HELP.get(type(screen).__name__) or GENERAL
    return _(title), _(text)


def key_name(binding: Binding) -> str:
    """Return a binding's key as people read it: 'Ctrl+S', 'F1', 'Esc', '/', 'p'."""
    modifiers, key = binding.parse_key()
    if binding.key_display:
        shown = binding.key_display
    elif key in _KEY_NAMES:
        shown = _KEY_NAMES[key]
    elif len(key) > 1 and key[0] == "f" and key[1:].isdigit():
        shown = key.upper()
    else:
        shown = format_key(key)
    if modifiers and len(shown) == 1:
        shown = shown.upper()  # Ctrl+N, as keyboards print it
    return "+".join([m.capitalize() for m in modifiers] + [shown])


def _showing(widget: Widget) -> bool:
    # A widget in a tab that is not in front is in the DOM but hidden with its tab.
    return all(node.display for node in widget.ancestors_with_self if hasattr(node, "display"))


def _works(node: DOMNode, binding: Binding) -> bool:
    namespace, action, parameters = parse(binding.action)
    target = {"app": node.app, "screen": node.screen}.get(namespace, node)
    return target.check_action(action, parameters) is not False


def _own_bindings(node: DOMNode) -> set[tuple[str, str]]:
    # coprod's own bindings, not those a Textual widget underneath brings (an Input's cursor keys).
    return {(b.action, b.description) for cls in type(node).__mro__ if cls.__module__.startswith("tui.")
            for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)}


def screen_keys(screen: Screen) -> list[tuple[str, str]]:
    """Return every key that works on `screen` now, as (keys, what it does).

    The keys of its parts come first, then the screen's own, then the app's; cursor keys come last.
    """
    parts = [w for w in screen.query("*") if _own_bindings(w) and _showing(w)]
    described: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for node in [*parts, screen, screen.app]:
        own = _own_bindings(node)
        for key, bindings in node._bindings.key_to_bindings.items():
            for binding in bindings:
                what = _(binding.description) if binding.description else ""
                if (binding.action, binding.description) not in own or not what or (key, what) in seen \
                        or not _works(node, binding):
                    continue
                seen.add((key, what))
                described.setdefault(what, []).append(key_name(binding))
    moving = {_(b.description) for b in PagedTable.BINDINGS if b.id in MOVING_KEYS}
    ordered = sorted(described.items(), key=lambda item: item[0] in moving)
    return [(" / ".join(keys), what) for what, keys in ordered]
