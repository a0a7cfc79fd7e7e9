"""Organisations: find, add, rename, and see how many active members each has."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, Static

from store import organisations, vocab
from store.errors import CoprodError, InputError
from store.i18n import N_, _, ngettext
from tui.footer import TranslatedFooter
from tui.screens.dialogs import Dialog
from tui.widgets.filter_box import FilterBox
from tui.widgets.paged_table import Column, PagedTable


class OrganisationDialog(Dialog):
    """Name and kind of an organisation; dismisses with the id once saved."""

    BINDINGS = [Binding("ctrl+s", "save", N_("Save"), id="organisation.save", priority=True)]

    def __init__(self, org: dict[str, Any] | None) -> None:
        super().__init__()
        self.org = org

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Change organisation") if self.org else _("New organisation"), classes="question")
            yield Label(_("Name"))
            yield Input(self.org["name"] if self.org else "", id="field-name")
            yield Label(_("Kind"))
            yield Select([(_(label), code) for code, label in vocab.ORGANISATION_KINDS.items()],
                         value=self.org["kind"] if self.org else "other", allow_blank=False, id="field-kind")
            yield Static(_("Enter or Ctrl+S saves; Escape goes back."), classes="hint")
            yield Static("", id="error-form", classes="error")

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        name = self.query_one("#field-name", Input).value
        kind = self.query_one("#field-kind", Select).value
        try:
            if self.org:
                organisations.update_organisation(self.app.store, self.org["id"], name, kind)
                saved = self.org["id"]
            else:
                saved = organisations.add_organisation(self.app.store, name, kind)
        except InputError as exc:
            self.query_one("#error-form", Static).update(exc.message)
            return
        self.dismiss(saved)


class OrganisationsTable(PagedTable):
    """The organisations; Enter changes the one under the cursor."""

    BINDINGS = [Binding("enter", "select", N_("Change"), id="organisations.edit")]


class OrganisationsScreen(Screen):
    """Every organisation, with its count of active members."""

    AUTO_FOCUS = "#organisation-filter"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="organisations.back"),
        Binding("ctrl+n", "new", N_("New organisation"), id="organisations.new"),
        Binding("delete", "remove", N_("Remove"), id="organisations.remove"),
    ]

    def compose(self) -> ComposeResult:
        self.sub_title = _("Organisations")
        self.rows: list[dict[str, Any]] = []
        yield Header()
        yield Static(id="organisations-count", classes="summary")
        yield FilterBox(placeholder=_("Type part of a name to find an organisation"), id="organisation-filter")
        yield OrganisationsTable(
            [Column(N_("Name"), None), Column(N_("Kind"), 22), Column(N_("Active members"), 16)],
            fetch=lambda offset, limit: self.rows[offset:offset + limit],
            count=lambda: len(self.rows),
            cells=lambda o: [o["name"], vocab.label(vocab.ORGANISATION_KINDS, o["kind"]), str(o["members"])],
            empty=N_("No organisation matches. Press Ctrl+N to add one."),
            id="organisations-table",
        )
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep_cursor: bool = False) -> None:
        search = self.query_one("#organisation-filter", Input).value
        self.rows = organisations.list_organisations(self.app.store, search)
        self.query_one(PagedTable).reload(keep_cursor=keep_cursor)
        self.query_one("#organisations-count", Static).update(
            ngettext("{n} organisation", "{n} organisations", len(self.rows)).format(n=len(self.rows)))

    def on_input_changed(self) -> None:
        self.reload()

    def on_input_submitted(self) -> None:
        self.query_one(PagedTable).focus()

    def on_paged_table_selected(self, event: PagedTable.Selected) -> None:
        self.app.push_screen(OrganisationDialog(event.row), callback=self._saved)

    def _saved(self, org_id: str | None) -> None:
        if org_id:
            self.app.say(_("Saved."))
            self.reload(keep_cursor=True)

    def action_new(self) -> None:
        self.app.push_screen(OrganisationDialog(None), callback=self._saved)

    def action_remove(self) -> None:
        from tui.screens.dialogs import ConfirmDialog

        org = self.query_one(PagedTable).current
        if org is None:
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                organisations.remove_organisation(self.app.store, org["id"])
            except CoprodError as exc:
                self.app.say(exc.message, error=True)
                return
            self.app.say(_("{name} is off the list.").format(name=org["name"]))
            self.reload(keep_cursor=True)

        self.app.push_screen(ConfirmDialog(
            _("Take {name} off the list?").format(name=org["name"]),
            _("Take it off"), _("Keep it"),
            _("Past registers and exports keep its name.")), callback=answer)

    def action_back(self) -> None:
        self.app.pop_screen()
