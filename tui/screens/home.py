"""The home screen: today's and upcoming meetings, recent ones, and the members."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from store import meetings, members
from store.i18n import N_, _, ngettext
from tui.footer import TranslatedFooter
from tui.format import long_date, meeting_line
from tui.screens import navigation


class HomeScreen(Screen):
    """Where the facilitator starts: pick a meeting, or go to members."""

    AUTO_FOCUS = "#meetings"
    BINDINGS = [
        Binding("t", "today", N_("Today's meeting"), id="home.today"),
        Binding("n", "new_meeting", N_("New meeting"), id="home.new_meeting"),
        Binding("m", "members", N_("Members"), id="home.members"),
        Binding("o", "organisations", N_("Organisations"), id="home.organisations", show=False),
        Binding("a", "actions", N_("Open actions"), id="home.actions"),
        Binding("r", "rate_cards", N_("Rate cards"), id="home.rate_cards", show=False),
        Binding("s", "sync", N_("Sync"), id="home.sync"),
        Binding("x", "conflicts", N_("Conflicts"), id="home.conflicts", show=False),
        # The other language's name, in that language (its Welsh translation is "English").
        Binding("ctrl+l", "app.switch_language", N_("Cymraeg"), id="home.language"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="today", classes="banner")
            yield Static(_("Meetings"), classes="section-title", id="meetings-title")
            yield OptionList(id="meetings")
            yield Static(id="members-summary", classes="summary")
        yield TranslatedFooter(compact=True)

    _just_mounted = False

    def on_mount(self) -> None:
        navigation.show_who(self.app)
        self.load()
        self._just_mounted = True

    def on_screen_resume(self) -> None:
        # The screen resumes once straight after mounting, which has just read
        # everything: reading it all again would delay the first frame. Coming
        # back from another screen, read again, as things may have changed there.
        if self._just_mounted:
            self._just_mounted = False
            return
        self.load()

    def load(self) -> None:
        """Read the meetings and member counts again."""
        self.sub_title = _("Home")
        store = self.app.store
        upcoming = meetings.upcoming(store, limit=30)
        recent = meetings.recent(store, limit=30)
        from store.dates import today

        today_iso = today().isoformat()
        todays = [m for m in upcoming if m["date"] == today_iso]
        banner = self.query_one("#today", Static)
        if todays:
            banner.update(_("Today, {date}: {title}. Press Enter to open it.").format(
                date=long_date(today_iso), title=todays[0]["title"]))
        else:
            banner.update(_("Today is {date}. No meeting today.").format(date=long_date(today_iso)))
        options: list[Option | None] = [Option(_("Today and coming up"), disabled=True, id="head-upcoming")]
        options += [Option(meeting_line(m), id=m["id"]) for m in upcoming] or [
            Option(_("Nothing planned. Press n to plan a meeting."), disabled=True)]
        if recent:
            options += [None, Option(_("Past meetings"), disabled=True, id="head-past")]
            options += [Option(meeting_line(m), id=m["id"]) for m in recent]
        listing = self.query_one("#meetings", OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option else None
        listing.set_options(options)
        ids = [o.id for o in options if o is not None and not o.disabled]
        if ids:
            first = todays[0]["id"] if todays else ids[0]
            listing.highlighted = listing.get_option_index(highlighted if highlighted in ids else first)
        active = members.count_active(store.conn)
        orgs = store.one("SELECT COUNT(*) FROM organisations WHERE deleted_at IS NULL")[0]
        self.query_one("#members-summary", Static).update(
            ngettext("{n} active member", "{n} active members", active).format(n=active)
            + " · " + ngettext("{n} organisation", "{n} organisations", orgs).format(n=orgs)
            + " · " + _("Press m to find or add members.")
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            navigation.open_meeting(self.app, event.option.id)

    def action_today(self) -> None:
        navigation.open_today(self.app)

    def action_new_meeting(self) -> None:
        navigation.new_meeting(self.app)

    def action_members(self) -> None:
        navigation.open_members(self.app)

    def action_organisations(self) -> None:
        navigation.open_organisations(self.app)

    def action_actions(self) -> None:
        navigation.open_actions(self.app)

    def action_rate_cards(self) -> None:
        navigation.open_rate_cards(self.app)

    def action_sync(self) -> None:
        from tui.screens.sync import open_sync

        open_sync(self.app)

    def action_conflicts(self) -> None:
        navigation.open_conflicts(self.app)
