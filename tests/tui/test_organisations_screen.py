"""Organisations: find, add, rename, and take off the list."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from store import members, organisations
from store.errors import CoprodError
from tui.app import CoprodApp
from tui.screens.organisations import OrganisationDialog, OrganisationsScreen
from tui.widgets.paged_table import PagedTable


def test_an_organisation_with_active_members_cannot_be_removed(store):
    org = organisations.add_organisation(store, "Carers Together", "carer_led")
    members.add_member(store, {"name": "Ann", "organisation_id": org})
    with pytest.raises(CoprodError, match="1 active member belongs to it"):
        organisations.remove_organisation(store, org)
    assert [o["name"] for o in organisations.list_organisations(store)] == ["Carers Together"]


def test_a_removed_organisation_leaves_the_list_but_keeps_its_name_on_record(store):
    org = organisations.add_organisation(store, "Old Forum")
    member = members.add_member(store, {"name": "Ann", "organisation_id": org})
    members.set_active(store, member, False)
    organisations.remove_organisation(store, org)
    assert organisations.list_organisations(store) == []
    assert members.get_member(store, member)["organisation"] == "Old Forum"


async def test_organisations_screen_finds_adds_and_renames(store):
    organisations.add_organisation(store, "Valleys People First", "user_led")
    app = CoprodApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationsScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationDialog)
        await pilot.press(*"Deaf Access Network", "enter")
        await pilot.pause()
        names = [o["name"] for o in organisations.list_organisations(store)]
        assert names == ["Deaf Access Network", "Valleys People First"]
        app.screen.query_one("#organisation-filter", Input).value = "valleys"
        await pilot.pause()
        table = app.screen.query_one(PagedTable)
        assert table.total == 1 and table.current["name"] == "Valleys People First"
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        box = app.screen.query_one("#field-name", Input)
        box.value = "Valleys People First Cymru"
        await pilot.press("enter")
        await pilot.pause()
        assert "Valleys People First Cymru" in [o["name"] for o in organisations.list_organisations(store)]


async def test_removing_from_the_screen_asks_first_then_takes_it_off(store):
    organisations.add_organisation(store, "Old Forum")
    app = CoprodApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one(PagedTable).focus()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")  # "Take it off" has the focus
        await pilot.pause()
        assert organisations.list_organisations(store) == []
