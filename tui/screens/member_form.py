"""The form for a new member, or a member's details: contact, access needs, payment."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, Static

from store import members, vocab
from store.i18n import _
from store.money import parse_pence, pounds
from tui.footer import TranslatedFooter
from tui.format import uk_date
from tui.screens.form import FormScreen

BLANK = {
    "name": "", "organisation": "", "member_type": "uses_services", "email": "", "phone": "",
    "preferred_channel": None, "access_needs": [], "payment_preference": "fee_and_expenses",
    "fee_cap_pence": None, "paid_by_employer": 0, "consent_date": None,
}


def _options(vocabulary: dict[str, str]) -> list[tuple[str, str]]:
    return [(_(label), code) for code, label in vocabulary.items()]


class MemberForm(FormScreen):
    """Everything DOMAIN.md says to hold about a member; dismisses with the member's id."""

    DEFAULT_CSS = """
    MemberForm .need { height: auto; }
    MemberForm .need Checkbox { width: 30; }
    MemberForm .need Input { width: 1fr; }
    """

    def __init__(self, member_id: str | None) -> None:
        super().__init__()
        self.member_id = member_id

    def compose(self) -> ComposeResult:
        m = members.get_member(self.app.store, self.member_id) if self.member_id else dict(BLANK)
        needs = {n["kind"]: n["note"] for n in m["access_needs"]}
        self.sub_title = _("Change {name}'s details").format(name=m["name"]) if self.member_id else _("New member")
        yield Header()
        with VerticalScroll(classes="form"):
            yield Static("", id="error-form", classes="error")
            yield from self.field("name", _("Name"), Input(m["name"], id="field-name"))
            yield from self.field("organisation_id", _("Organisation"),
                                  Input(m["organisation"] or "", id="field-organisation_id"),
                                  _("Leave empty if they come as themselves. A new name adds the organisation."))
            yield from self.field("member_type", _("Member type"), Select(
                _options(vocab.MEMBER_TYPES), value=m["member_type"], allow_blank=False, id="field-member_type"))
            yield from self.field("email", _("Email"), Input(m["email"] or "", id="field-email"))
            yield from self.field("phone", _("Phone"), Input(m["phone"] or "", id="field-phone"))
            yield from self.field("preferred_channel", _("Best way to contact them"), Select(
                _options(vocab.CHANNELS), value=m["preferred_channel"] or Select.NULL,
                prompt=_("Not known"), id="field-preferred_channel"))
            yield Label(_("Access needs (tick each one; add a note if it helps)"), classes="field-label")
            for code, label in vocab.ACCESS_NEEDS.items():
                with Horizontal(classes="need"):
                    yield Checkbox(_(label), code in needs, id=f"need-{code}")
                    yield Input(needs.get(code, ""), placeholder=_("Note"), id=f"note-{code}")
            yield Static("", id="error-access_needs", classes="error field-error")
            yield from self.field("payment_preference", _("Payment preference"), Select(
                _options(vocab.PAYMENT_PREFERENCES), value=m["payment_preference"], allow_blank=False,
                id="field-payment_preference"))
            yield from self.field("fee_cap_pence", _("Fee cap, for a reduced fee (£)"),
                                  Input(pounds(m["fee_cap_pence"]), id="field-fee_cap_pence"))
            yield Checkbox(_("Their employer pays them to attend"), bool(m["paid_by_employer"]),
                           id="field-paid_by_employer")
            yield from self.field("consent_date", _("Date they agreed to us keeping their details"),
                                  Input(uk_date(m["consent_date"]), id="field-consent_date"),
                                  _("Day/month/year."))
            yield Button(_("Save"), id="save", variant="primary")
        yield TranslatedFooter(compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def gather(self) -> dict:
        """Return the form's values as store fields."""
        def value(name: str) -> str:
            return self.query_one(f"#field-{name}", Input).value

        channel = self.query_one("#field-preferred_channel", Select).value
        needs = [
            {"kind": code, "note": self.query_one(f"#note-{code}", Input).value}
            for code in vocab.ACCESS_NEEDS
            if self.query_one(f"#need-{code}", Checkbox).value
        ]
        cap = parse_pence(value("fee_cap_pence"), "fee_cap_pence")
        return {
            "name": value("name"),
            "organisation": value("organisation_id"),
            "member_type": self.query_one("#field-member_type", Select).value,
            "email": value("email"),
            "phone": value("phone"),
            "preferred_channel": None if channel == Select.NULL else channel,
            "access_needs": needs,
            "payment_preference": self.query_one("#field-payment_preference", Select).value,
            "fee_cap_pence": cap,
            "paid_by_employer": self.query_one("#field-paid_by_employer", Checkbox).value,
            "consent_date": value("consent_date"),
        }

    def save(self) -> str:
        data = self.gather()
        if self.member_id:
            members.update_member(self.app.store, self.member_id, data)
            self.app.say(_("Saved {name}.").format(name=data["name"].strip()))
            return self.member_id
        new_id = members.add_member(self.app.store, data)
        self.app.say(_("Added {name}.").format(name=data["name"].strip()))
        return new_id
