"""Which tables sync, and their field groups.

A field group is a set of columns that must change together. A change row
carries one group's values; when two devices change the same group, the later
(HLC, device id) wins, while changes to different groups of one record both
survive. Every column of a synced table belongs to exactly one group.
"""

from __future__ import annotations

GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisations": {
        "details": ("name", "kind", "created_at"),
        "deleted": ("deleted_at",),
    },
    "members": {
        "identity": ("name", "organisation_id", "member_type", "created_at"),
        "contact": ("email", "phone", "preferred_channel"),
        "access": ("access_needs",),
        "payment": ("payment_preference", "fee_cap_pence", "paid_by_employer"),
        "benefits": ("benefits",),
        "consent": ("consent_date",),
        "status": ("active",),
        "deleted": ("deleted_at",),
    },
    "meetings": {
        "details": ("title", "kind", "date", "start_time", "end_time", "mode", "venue", "created_at"),
        "status": ("status", "reopened"),
        "deleted": ("deleted_at",),
    },
    "attendance": {
        "link": ("meeting_id", "member_id"),
        "presence": ("status", "arrived_at", "left_at"),
        "details": ("remote", "supporter", "role"),
        "deleted": ("deleted_at",),
    },
    "agenda_items": {
        "proposal": ("meeting_id", "title", "kind", "minutes_asked", "summary", "details", "proposer_id",
                     "proposed_at", "source", "standing", "carried_from"),
        "triage": ("status", "decline_reason", "deferred_to", "merged_into"),
        "order": ("position", "minutes_allowed"),
        "run": ("started_at", "ended_at"),
        "notes": ("notes",),
        "decision": ("decision",),
        "deleted": ("deleted_at",),
    },
    "agenda_interests": {
        "link": ("item_id", "member_id"),
        "note": ("note",),
        "deleted": ("deleted_at",),
    },
    "actions": {
        "details": ("meeting_id", "item_id", "description", "due_date", "created_at"),
        "status": ("status", "status_note", "closed_at", "closed_meeting_id"),
        "deleted": ("deleted_at",),
    },
    "action_owners": {
        "link": ("action_id", "member_id"),
        "deleted": ("deleted_at",),
    },
    "rate_cards": {
        "card": ("name", "effective_from", "fee_hour_pence", "fee_half_day_pence", "fee_day_pence",
                 "prep_hour_pence", "chair_supplement_pence", "remote_allowance_pence", "car_pence",
                 "car_after_pence", "car_threshold_miles", "passenger_pence", "motorcycle_pence",
                 "bicycle_pence", "subsistence_cap_pence", "accommodation_cap_pence", "deadline_days",
                 "created_at"),
        "deleted": ("deleted_at",),
    },
    "benefit_limits": {
        "limit": ("kind", "amount_pence", "effective_from"),
        "deleted": ("deleted_at",),
    },
    # A claim's state is its events (DESIGN rule 6): the claim row never changes
    # after it is made, and an event row is written once.
    "claims": {
        "identity": ("member_id", "meeting_id", "created_at", "created_by"),
    },
    "claim_events": {
        "event": ("claim_id", "after", "kind", "actor_id", "at", "data"),
    },
}

# Tables of this device only, rebuilt from synced tables: no field groups, never synced.
LOCAL_TABLES = frozenset({"claim_state", "claim_lines", "claim_conflicts"})

# The change log and this device's own notes about it and about sync: never synced as records.
BOOKKEEPING = frozenset({"device", "changes", "versions", "sync_applied", "sync_heard", "sync_stores"})

# Called as fn(conn, change) in the same transaction after a change to the
# table is written, locally or by sync, to keep the local tables in step.
# Named as "module:function" so the change log loads claims code only when used.
AFTER_APPLY: dict[str, str] = {
    "claims": "store.claims.projection:after_claim",
    "claim_events": "store.claims.projection:after_event",
    "meetings": "store.claims.projection:after_meeting",
}


def columns(table: str) -> tuple[str, ...]:
    """Return every synced column of `table`, in group order."""
    return tuple(col for group in GROUPS[table].values() for col in group)


def group_of(table: str, column: str) -> str:
    """Return the name of the group that holds `column`."""
    for name, cols in GROUPS[table].items():
        if column in cols:
            return name
    raise KeyError(f"{table}.{column} is in no field group")
