"""The fixed lists of the field: codes stored in the database, with their labels.

Labels are marked with N_() and translated where they are shown. Figures that
change over time (rates, limits) are data with effective dates, never here.
"""

from __future__ import annotations

from store.i18n import N_, _

MEMBER_TYPES = {
    "uses_services": N_("Uses services"),
    "carer": N_("Carer"),
    "org_rep": N_("Organisation rep"),
    "staff": N_("Staff"),
    "trustee": N_("Trustee"),
    "guest": N_("Guest"),
}

ORGANISATION_KINDS = {
    "user_led": N_("User-led"),
    "carer_led": N_("Carer-led"),
    "equality": N_("Equality"),
    "voluntary": N_("Voluntary"),
    "provider": N_("Care provider"),
    "statutory": N_("Council or NHS"),
    "host": N_("Host organisation"),
    "other": N_("Other"),
}

CHANNELS = {
    "email": N_("Email"),
    "phone": N_("Phone"),
    "text": N_("Text message"),
    "post": N_("Post"),
    "in_person": N_("In person"),
}

# Needs, never diagnoses (Shaping Our Lives; SCIE "Making events accessible").
ACCESS_NEEDS = {
    "bsl": N_("BSL interpreter"),
    "lipspeaker": N_("Lipspeaker"),
    "speech_to_text": N_("Speech-to-text"),
    "hearing_loop": N_("Hearing loop"),
    "easy_read": N_("Easy Read papers"),
    "large_print": N_("Large print"),
    "language": N_("Another language"),
    "step_free": N_("Step-free access"),
    "parking": N_("Reserved parking"),
    "dietary": N_("Dietary needs"),
    "pa": N_("PA attends"),
    "breaks": N_("Longer breaks"),
    "quiet_room": N_("Quiet room"),
    "other": N_("Other need"),
}

# Short forms for the register, where space is tight.
ACCESS_NEED_SHORT = {
    "bsl": N_("BSL"),
    "lipspeaker": N_("Lipspeaker"),
    "speech_to_text": N_("Captions"),
    "hearing_loop": N_("Loop"),
    "easy_read": N_("Easy Read"),
    "large_print": N_("Large print"),
    "language": N_("Language"),
    "step_free": N_("Step-free"),
    "parking": N_("Parking"),
    "dietary": N_("Diet"),
    "pa": N_("PA"),
    "breaks": N_("Breaks"),
    "quiet_room": N_("Quiet room"),
    "other": N_("Other"),
}

PAYMENT_PREFERENCES = {
    "fee_and_expenses": N_("Fee and expenses"),
    "expenses_only": N_("Expenses only"),
    "declines": N_("Declines all payment"),
    "reduced_fee": N_("Reduced fee (capped)"),
    "charity": N_("Fee paid to a charity"),
    "vouchers": N_("Vouchers"),
}

MEETING_KINDS = {
    "network": N_("Network meeting"),
    "steering": N_("Steering group"),
    "project": N_("Project or advisory group"),
    "other": N_("Other meeting"),
}

MEETING_MODES = {
    "in_person": N_("In person"),
    "remote": N_("Remote"),
    "hybrid": N_("Hybrid"),
}

MEETING_STATUSES = {
    "planned": N_("Planned"),
    "open": N_("Open"),
    "closed": N_("Closed"),
}

ATTENDANCE_STATUSES = {
    "expected": N_("Not marked"),
    "present": N_("Present"),
    "apologies": N_("Apologies"),
    "absent": N_("Absent"),
}

ROLES = {
    "member": N_("Member"),
    "chair": N_("Chair"),
    "co_chair": N_("Co-chair"),
    "minute_taker": N_("Minute taker"),
    "timekeeper": N_("Timekeeper"),
    "staff": N_("Staff"),
    "guest": N_("Guest"),
    "supporter": N_("Supporter or PA"),
    "interpreter": N_("Interpreter"),
}


def label(vocabulary: dict[str, str], code: str | None) -> str:
    """Return the translated label for `code`, or the code itself if unknown."""
    if code is None:
        return ""
    text = vocabulary.get(code)
    return _(text) if text else code


def code_for(vocabulary: dict[str, str], text: str) -> str | None:
    """Return the code whose code or label (English or translated) matches `text`."""
    wanted = " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()
    for code, english in vocabulary.items():
        names = {code.replace("_", " "), english, _(english)}
        if any(" ".join(n.replace("-", " ").split()).casefold() == wanted for n in names):
            return code
    return None
