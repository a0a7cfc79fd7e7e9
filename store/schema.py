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
