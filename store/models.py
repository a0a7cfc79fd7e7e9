"""What a valid record is. Imported only when something is written (pydantic is slow to import)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from store import vocab
from store.dates import parse_date, parse_time
from store.errors import InputError
from store.i18n import N_, _

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

FIELD_LABELS = {
    "name": N_("Name"),
    "title": N_("Title"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "member_type": N_("Member type"),
    "organisation_id": N_("Organisation"),
    "preferred_channel": N_("Preferred contact"),
    "access_needs": N_("Access needs"),
    "payment_preference": N_("Payment preference"),
    "fee_cap_pence": N_("Fee cap"),
    "paid_by_employer": N_("Paid by employer"),
    "consent_date": N_("Consent date"),
    "kind": N_("Kind"),
    "date": N_("Date"),
    "start_time": N_("Start time"),
    "end_time": N_("End time"),
    "mode": N_("Mode"),
    "venue": N_("Venue"),
    "minutes_asked": N_("Minutes asked for"),
    "summary": N_("Plain-language summary"),
    "details": N_("Details"),
    "proposer_id": N_("Proposer"),
    "source": N_("Where the item came from"),
    "description": N_("What needs doing"),
    "due_date": N_("Due date"),
}

# A day is the most any item could sensibly ask for; a meeting's own length is
# checked where the meeting is known.
MAX_MINUTES = 24 * 60


def _choice(vocabulary: dict[str, str], value: Any, what: str) -> str:
    text = str(value or "").strip()
    code = vocab.code_for(vocabulary, text)
    if code is None:
        choices = ", ".join(_(v) for v in vocabulary.values())
        raise ValueError(_("{value} is not a {what}. Choose one of: {choices}.").format(value=text, what=what, choices=choices))
    return code


def _text(value: Any, limit: int = 200) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise ValueError(_("Keep this under {n} characters.").format(n=limit))
    return text


def long_text(value: Any, limit: int = 20_000, field: str | None = None) -> str | None:
    """Return text that keeps its line breaks (minutes, decisions, details), or None when empty."""
    lines = str(value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(line.rstrip() for line in lines).strip()
    if len(text) > limit:
        raise InputError(_("Keep this under {n} characters.").format(n=limit), field)
    return text or None


def minutes(value: Any, field: str | None = "minutes_asked") -> int:
    """Return a number of minutes for an item: a whole number from 1 to a day."""
    if isinstance(value, bool):
        raise InputError(_("Give the time in whole minutes, for example 10."), field)
    if isinstance(value, str):
        text = value.strip().lower().removesuffix("minutes").removesuffix("mins").removesuffix("min").strip()
        if not re.fullmatch(r"-?\d+", text):
            raise InputError(_("Give the time in whole minutes, for example 10."), field)
        value = int(text)
    if not isinstance(value, int):
        raise InputError(_("Give the time in whole minutes, for example 10."), field)
    if value <= 0:
        raise InputError(_("Ask for at least 1 minute."), field)
    if value > MAX_MINUTES:
        raise InputError(_("That is longer than a day. Ask for fewer minutes."), field)
    return value


def _wrap(check, *args):
    # Field validators must raise ValueError; keep the plain message of ours.
    try:
        return check(*args)
    except InputError as exc:
        raise ValueError(exc.message) from None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AccessNeed(_Model):
    kind: str
    note: str = ""

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> str:
        return _choice(vocab.ACCESS_NEEDS, v, _("kind of access need"))

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, v: Any) -> str:
        return _text(v, 300)


class OrganisationIn(_Model):
    name: str
    kind: str = "other"

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v: Any) -> str:
        text = _text(v)
        if not text:
            raise ValueError(_("Fill in the organisation's name."))
        return text

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> str:
        return _choice(vocab.ORGANISATION_KINDS, v or "other", _("kind of organisation"))


class MemberIn(_Model):
    name: str
    organisation_id: str | None = None
    member_type: str = "uses_services"
    email: str | None = None
    phone: str | None = None
    preferred_channel: str | None = None
    access_needs: list[AccessNeed] = []
    payment_preference: str = "fee_and_expenses"
    fee_cap_pence: int | None = None
    paid_by_employer: bool = False
    consent_date: str | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v: Any) -> str:
        text = _text(v)
        if not text:
            raise ValueError(_("Fill in the person's name."))
        return text

    @field_validator("member_type", mode="before")
    @classmethod
    def _type(cls, v: Any) -> str:
        return _choice(vocab.MEMBER_TYPES, v or "uses_services", _("member type"))

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, v: Any) -> str | None:
        text = str(v or "").strip()
        if not text:
            return None
        if not _EMAIL.match(text):
            raise ValueError(_("{value} is not an email address.").format(value=text))
        return text.lower()

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, v: Any) -> str | None:
        text = _text(v, 40)
        if text and not re.fullmatch(r"[0-9+()\- ]{6,}", text):
            raise ValueError(_("{value} is not a phone number.").format(value=text))
        return text or None

    @field_validator("preferred_channel", mode="before")
    @classmethod
    def _channel(cls, v: Any) -> str | None:
        if not str(v or "").strip():
            return None
        return _choice(vocab.CHANNELS, v, _("way to contact"))

    @field_validator("payment_preference", mode="before")
    @classmethod
    def _payment(cls, v: Any) -> str:
        return _choice(vocab.PAYMENT_PREFERENCES, v or "fee_and_expenses", _("payment preference"))

    @field_validator("fee_cap_pence", mode="before")
    @classmethod
    def _cap(cls, v: Any) -> int | None:
        if v is None or v == "":
            return None
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(_("The fee cap must be an amount of money, such as 20.00."))
        return v

    @field_validator("consent_date", mode="before")
    @classmethod
    def _consent(cls, v: Any) -> str | None:
        if not str(v or "").strip():
            return None
        try:
            return parse_date(v)
        except InputError as exc:
            raise ValueError(exc.message) from None

    @model_validator(mode="after")
    def _cap_needs_reduced(self) -> MemberIn:
        if self.payment_preference == "reduced_fee" and self.fee_cap_pence is None:
            raise InputError(_("A reduced fee needs a fee cap."), "fee_cap_pence")
        return self


class MeetingIn(_Model):
    title: str
    kind: str = "network"
    date: str
    start_time: str | None = None
    end_time: str | None = None
    mode: str = "in_person"
    venue: str | None = None

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, v: Any) -> str:
        text = _text(v)
        if not text:
            raise ValueError(_("Fill in the meeting's title."))
        return text

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> str:
        return _choice(vocab.MEETING_KINDS, v or "network", _("kind of meeting"))

    @field_validator("mode", mode="before")
    @classmethod
    def _mode(cls, v: Any) -> str:
        return _choice(vocab.MEETING_MODES, v or "in_person", _("meeting mode"))

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> str:
        try:
            return parse_date(v)
        except InputError as exc:
            raise ValueError(exc.message) from None

    @field_validator("start_time", "end_time", mode="before")
    @classmethod
    def _time(cls, v: Any) -> str | None:
        try:
            return parse_time(v)
        except InputError as exc:
            raise ValueError(exc.message) from None

    @field_validator("venue", mode="before")
    @classmethod
    def _venue(cls, v: Any) -> str | None:
        return _text(v) or None

    @model_validator(mode="after")
    def _ends_after_start(self) -> MeetingIn:
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise InputError(_("The meeting must end after it starts."), "end_time")
        return self


class ItemIn(_Model):
    """A proposed agenda item, as a member or the facilitator fills it in."""

    title: str
    kind: str = "discussion"
    minutes_asked: int = 10
    summary: str | None = None
    details: str | None = None

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, v: Any) -> str:
        text = _text(v)
        if not text:
            raise ValueError(_("Give the item a title."))
        return text

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> str:
        return _choice(vocab.ITEM_KINDS, v or "discussion", _("kind of item"))

    @field_validator("minutes_asked", mode="before")
    @classmethod
    def _minutes(cls, v: Any) -> int:
        return _wrap(minutes, 10 if v is None or v == "" else v)

    @field_validator("summary", mode="before")
    @classmethod
    def _summary(cls, v: Any) -> str | None:
        return _wrap(long_text, v, 1000)

    @field_validator("details", mode="before")
    @classmethod
    def _details(cls, v: Any) -> str | None:
        return _wrap(long_text, v)


class StandingItemIn(ItemIn):
    """A standing item: an empty title means its usual name."""

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, v: Any) -> str:
        return _text(v)


class ActionIn(_Model):
    """An action: what needs doing and, if there is one, when by."""

    description: str
    due_date: str | None = None

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, v: Any) -> str:
        text = _text(v, 1000)
        if not text:
            raise ValueError(_("Say what needs doing."))
        return text

    @field_validator("due_date", mode="before")
    @classmethod
    def _due(cls, v: Any) -> str | None:
        if not str(v or "").strip():
            return None
        return _wrap(parse_date, v, "due_date")


def validate(model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """Return `model` built from `data`, or raise InputError with a plain message."""
    try:
        return model.model_validate(data)
    except InputError:
        raise
    except ValidationError as exc:
        raise _input_error(exc) from None


def _input_error(exc: ValidationError) -> InputError:
    err = exc.errors()[0]
    field = str(err["loc"][0]) if err["loc"] else None
    label = _(FIELD_LABELS.get(field, field or "")) if field else ""
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, InputError):
        return cause
    if cause is not None:
        return InputError(str(cause), field)
    kind = err["type"]
    if kind == "missing":
        message = _("Fill in {field}.").format(field=label)
    elif kind == "extra_forbidden":
        message = _("{field} is not something coprod keeps.").format(field=field)
    elif kind in ("int_parsing", "int_type"):
        message = _("{field} must be a whole number.").format(field=label)
    elif kind in ("bool_parsing", "bool_type"):
        message = _("{field} must be yes or no.").format(field=label)
    else:
        message = _("{field} is not valid.").format(field=label)
    return InputError(message, field)
