"""The rate cards: what meetings pay, each card from the day it starts; add a card, change one.

A claim uses the card in force on its meeting's day, so a new card (a rise in
fees, say) is added with the day it starts rather than by changing the old
one. The card in force today is marked in words.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from store.claims import add_rate_card, card_for, get_rate_card, list_rate_cards, update_rate_card
from store.dates import today
from store.errors import CoprodError
from store.i18n import N_, _
from store.money import pounds
from tui.claim_cells import money
from tui.footer import TranslatedFooter
from tui.format import short_date, uk_date
from tui.paths import STYLES
from tui.screens.form import FormScreen
from tui.widgets.paged_table import Cell, Column, PagedTable

# The card's figures, in the order the form asks for them: (field, label, hint).
MONEY_FIELDS = (
    ("fee_hour_pence", N_("Fee per hour (£)"), N_("For example 25.00. Leave empty if you pay by the half day or day.")),
    ("fee_half_day_pence", N_("Fee per half day, up to 4 hours (£)"), ""),
    ("fee_day_pence", N_("Fee per day, over 4 hours (£)"), ""),
    ("prep_hour_pence", N_("Preparation, per hour (£)"), ""),
    ("chair_supplement_pence", N_("Chairing, extra per meeting (£)"), ""),
    ("remote_allowance_pence", N_("Phone or internet allowance for a remote meeting (£)"), ""),
    ("subsistence_cap_pence", N_("Most paid for meals (£)"), ""),
    ("accommodation_cap_pence", N_("Most paid for a night's accommodation (£)"), ""),
)
MILE_FIELDS = (
    ("car_pence", N_("Car, per mile, up to the threshold (£)"), N_("HMRC: 0.45.")),
    ("car_after_pence", N_("Car, per mile, after the threshold (£)"), N_("HMRC: 0.25.")),
    ("passenger_pence", N_("Each passenger, per mile (£)"), N_("HMRC: 0.05.")),
    ("motorcycle_pence", N_("Motorcycle, per mile (£)"), N_("HMRC: 0.24.")),
    ("bicycle_pence", N_("Bicycle, per mile (£)"), N_("HMRC: 0.20.")),
)
WHOLE_FIELDS = (
    ("car_threshold_miles", N_("Car threshold, miles in a tax year"), N_("HMRC: 10,000.")),
    ("deadline_days", N_("Days after a meeting to claim"), N_("For example 90.")),
)


def in_force_cell(card: dict[str, Any], current_id: str | None) -> Cell:
    """Return whether a card is the one in force today, starts later, or came before, in words."""
    if card["id"] == current_id:
        return _("✓ In force today"), "table--good"
    if card["effective_from"] > today().isoformat():
        return _("Starts later"), ""
    return _("Earlier"), "table--muted"


class RateCardsTable(PagedTable):
    """The cards, the latest start first; Enter changes the one under the cursor."""

    BINDINGS = [Binding("enter", "select", N_("Change"), id="rate_cards.edit")]


class RateCardsScreen(Screen):
    """Every rate card, with the one in force today marked."""

    CSS_PATH = STYLES / "claims.tcss"
    AUTO_FOCUS = "#rate-cards"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="rate_cards.back"),
        Binding("ctrl+n", "new", N_("New card"), id="rate_cards.new"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict[str, Any]] = []
        self.current_id: str | None = None

    def compose(self) -> ComposeResult:
        self.sub_title = _("Rate cards")
        yield Header()
        yield Static(id="rate-cards-summary", classes="summary", markup=False)
        yield RateCardsTable(
            [Column(N_("In force"), 17), Column(N_("Starts on"), 15), Column(N_("Name"), None),
             Column(N_("Hour"), 8), Column(N_("Half day"), 8), Column(N_("Day"), 8), Column(N_("Prep"), 8),
             Column(N_("Chairing"), 8), Column(N_("Remote"), 8), Column(N_("Car"), 6)],
            fetch=lambda offset, limit: self.cards[offset:offset + limit],
            count=lambda: len(self.cards),
            cells=self._cells,
            empty=N_("No rate card yet. Press Ctrl+N to add one: claims need it."),
            id="rate-cards",
        )
        yield TranslatedFooter(compact=True)

    def _cells(self, card: dict[str, Any]) -> list[Cell]:
        return [in_force_cell(card, self.current_id), short_date(card["effective_from"]), card["name"],
                money(card["fee_hour_pence"]), money(card["fee_half_day_pence"]), money(card["fee_day_pence"]),
                money(card["prep_hour_pence"]), money(card["chair_supplement_pence"]),
                money(card["remote_allowance_pence"]), f"{card['car_pence']}p"]

    def on_mount(self) -> None:
        self.load()

    def load(self, keep_cursor: bool = False) -> None:
        """Read the cards again and say which is in force today."""
        store = self.app.store
        self.cards = list_rate_cards(store)
        try:
            current = card_for(store.conn, today().isoformat())
        except CoprodError:
            current = None
        self.current_id = current["id"] if current else None
        summary = (_("In force today: {name}, from {date}. Press Enter to change a card, Ctrl+N to add one.")
                   .format(name=current["name"], date=short_date(current["effective_from"])) if current
                   else _("No card is in force today, so claims can't be drafted. Press Ctrl+N to add one."))
        self.query_one("#rate-cards-summary", Static).update(summary)
        self.query_one(RateCardsTable).reload(keep_cursor=keep_cursor)

    def on_paged_table_selected(self, event: PagedTable.Selected) -> None:
        event.stop()
        self.open_form(event.row["id"])

    def open_form(self, card_id: str | None) -> None:
        """Open the form for a new card, or to change one; show the list again once saved."""
        def saved(result: str | None) -> None:
            if result:
                self.load(keep_cursor=card_id is not None)

        self.app.push_screen(RateCardForm(card_id), callback=saved)

    def action_new(self) -> None:
        self.open_form(None)

    def action_back(self) -> None:
        self.app.pop_screen()


class RateCardForm(FormScreen):
    """A card's name, start day and figures, all money typed like 25.00; dismisses with the card's id."""

    CSS_PATH = STYLES / "claims.tcss"
    AUTO_FOCUS = "#field-name"

    def __init__(self, card_id: str | None) -> None:
        super().__init__()
        self.card_id = card_id

    def _start(self) -> dict[str, Any]:
        store = self.app.store
        if self.card_id:
            return get_rate_card(store, self.card_id)
        cards = list_rate_cards(store)
        # A new card usually changes a few figures of the latest one: start from those.
        start = dict(cards[0]) if cards else {"car_pence": 45, "car_after_pence": 25, "passenger_pence": 5,
                                               "motorcycle_pence": 24, "bicycle_pence": 20,
                                               "car_threshold_miles": 10_000, "deadline_days": 90}
        start.update(name="", effective_from=None)
        return start

    def compose(self) -> ComposeResult:
        card = self._start()
        self.sub_title = _("Change the rate card {name}").format(name=card["name"]) if self.card_id \
            else _("New rate card")
        yield Header()
        with VerticalScroll(classes="form", id="rate-card-form"):
            yield Static("", id="error-form", classes="error")
            if not self.card_id:
                yield Static(_("The figures start as the latest card's: change what is new."), classes="hint")
            yield from self.field("name", _("Name"), Input(card["name"], id="field-name"),
                                  _("For example Network rates 2026."))
            yield from self.field("effective_from", _("In force from"),
                                  Input(uk_date(card["effective_from"]), id="field-effective_from"),
                                  _("Day/month/year. Meetings on or after this day use this card."))
            for name, label, hint in MONEY_FIELDS + MILE_FIELDS:
                yield from self.field(name, _(label), Input(pounds(card.get(name)), id=f"field-{name}"),
                                      _(hint) if hint else "")
            for name, label, hint in WHOLE_FIELDS:
                value = card.get(name)
                yield from self.field(name, _(label), Input("" if value is None else str(value), id=f"field-{name}"),
                                      _(hint))
            yield Button(_("Save"), id="save", variant="primary")
        yield TranslatedFooter(compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def gather(self) -> dict[str, str]:
        """Return every field as typed; the store reads the money and checks it."""
        names = ["name", "effective_from"] + [f[0] for f in MONEY_FIELDS + MILE_FIELDS + WHOLE_FIELDS]
        return {name: self.query_one(f"#field-{name}", Input).value for name in names}

    def save(self) -> str:
        data = self.gather()
        if self.card_id:
            update_rate_card(self.app.store, self.card_id, data)
            self.app.say(_("Saved the rate card {name}.").format(name=data["name"].strip()))
            return self.card_id
        card_id = add_rate_card(self.app.store, data)
        self.app.say(_("Added the rate card {name}.").format(name=data["name"].strip()))
        return card_id
