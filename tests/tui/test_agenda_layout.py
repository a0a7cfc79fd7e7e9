"""The Agenda tab and its forms in one column at a laptop's 80×24 and at 120×40: nothing runs off sideways."""

from __future__ import annotations

import pytest
from drive_agenda import drawn, open_agenda, today_agenda
from textual.containers import VerticalScroll

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES)
async def test_the_agenda_fits_the_width_and_keeps_its_lines_on_screen(demo_store, app, size) -> None:
    today = today_agenda(demo_store)
    width, height = size
    async with app.run_test(size=size) as pilot:
        view = await open_agenda(pilot)
        assert app.screen.max_scroll_x == 0 and view.max_scroll_x == 0
        for selector in ("#agenda-summary", "#agenda-timer", "#agenda-table", "#agenda-detail"):
            region = app.screen.query_one(selector).region
            assert region.width <= width and 0 < region.y and region.bottom <= height - 1, selector
        lines = drawn(view)
        assert all(len(text) <= width for text in lines)
        # The first proposal is on screen with its proposer, whatever the width.
        first = today.waiting[0]
        assert any(first[:18] in text and today.proposer(first)[:10] in text for text in lines)
        if width < 100:
            assert "Kind" not in lines[0]  # the line under the list says the kind instead
        else:
            assert "Kind" in lines[0]


@pytest.mark.parametrize("size", SIZES)
async def test_the_propose_form_scrolls_only_up_and_down(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        await open_agenda(pilot)
        await pilot.press("p")
        await pilot.pause()
        form = app.screen.query_one(VerticalScroll)
        assert form.max_scroll_x == 0
        for widget in form.children:
            assert widget.region.right <= size[0], widget
