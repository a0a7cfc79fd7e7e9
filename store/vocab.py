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

ITEM_KINDS = {
    "decision": N_("Decision"),
    "discussion": N_("Discussion"),
    "information": N_("Information"),
}

ITEM_STATUSES = {
    "proposed": N_("Waiting for a decision"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
    "deferred": N_("Moved to a later meeting"),
    "merged": N_("Joined with another item"),
}

# Items every meeting has; their title is this label until someone renames them.
STANDING_ITEMS = {
    "welcome": N_("Welcome and introductions"),
    "apologies": N_("Apologies"),
    "matters_arising": N_("Matters arising"),
    "aob": N_("Any other business"),
}

ACTION_STATUSES = {
    "open": N_("Open"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
}

CLAIM_STATUSES = {
    "draft": N_("Draft"),
    "submitted": N_("Waiting for approval"),
    "approved": N_("Approved"),
    "paid": N_("Paid"),
    "rejected": N_("Rejected"),
    "withdrawn": N_("Withdrawn"),
}

# The state as a word inside a sentence: "This claim is paid: it can't be rejected."
CLAIM_STATUS_WORDS = {
    "draft": N_("a draft"),
    "submitted": N_("waiting for approval"),
    "approved": N_("approved"),
    "paid": N_("paid"),
    "rejected": N_("rejected"),
    "withdrawn": N_("withdrawn"),
}

LINE_KINDS = {
    "fee": N_("Fee"),
    "expense": N_("Expense"),
}

FEE_CATEGORIES = {
    "hours": N_("Time (by the hour)"),
    "half_day": N_("Half day"),
    "day": N_("Day"),
    "prep": N_("Preparation"),
    "chairing": N_("Chairing"),
}

# The categories a person picks for an expense (NHS England patient and carer
# expenses policy; DOMAIN.md "Claims").
EXPENSE_CATEGORIES = {
    "rail_bus": N_("Rail or bus"),
    "taxi": N_("Taxi"),
    "car": N_("Car mileage"),
    "motorcycle": N_("Motorcycle mileage"),
    "bicycle": N_("Bicycle mileage"),
    "parking": N_("Parking"),
    "accommodation": N_("Accommodation"),
    "subsistence": N_("Meals"),
    "care": N_("Childcare or replacement care"),
    "support_worker": N_("Carer, PA or support worker"),
    "phone_internet": N_("Phone or internet"),
    "other": N_("Other"),
}

# Every category a line can carry: passengers get their own line on a car journey.
LINE_CATEGORIES = {**FEE_CATEGORIES, **EXPENSE_CATEGORIES, "car_passengers": N_("Car passengers")}

PAYMENT_METHODS = {
    "bank": N_("Bank transfer"),
    "charity": N_("Paid to a charity"),
    "vouchers": N_("Vouchers"),
}

# Special category data: asked only to warn before a fee could affect benefits.
BENEFITS = {
    "esa": N_("ESA (permitted work)"),
    "uc_housing": N_("Universal Credit with housing costs"),
    "uc": N_("Universal Credit without housing costs"),
}

BENEFIT_LIMIT_KINDS = {
    "esa_permitted_work": N_("ESA permitted work limit (a week)"),
    "uc_work_allowance_housing": N_("Universal Credit work allowance with housing costs (a month)"),
    "uc_work_allowance": N_("Universal Credit work allowance (a month)"),
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
