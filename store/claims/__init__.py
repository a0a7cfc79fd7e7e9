"""Claims: involvement fees and expenses, from the register to finance and back.

A claim is an event log (DESIGN rule 6): `claims` holds who and which meeting,
`claim_events` what happened; the state comes from replaying the events
through one state machine (state.py holds its states and events, refusals.py
what each allows, events.py the replay). Local tables (claim_state,
claim_lines, claim_conflicts) are rebuilt from the events for fast lists.

The public API, importable from here (each loads its module on first use):

- rates: add_rate_card, update_rate_card, delete_rate_card, list_rate_cards,
  get_rate_card, card_for, add_benefit_limit, delete_benefit_limit,
  list_benefit_limits, limit_for, seed_benefit_limits, set_benefits,
  member_benefits, tax_year, parse_tax_year
- drafting: create_claim, draft_from_register
- line_edits: add_expense, add_fee, change_line, remove_line
- workflow: submit, return_to_draft, approve, reject, mark_paid, withdraw,
  adjust, resolve_conflict, record_batch
- conflicts: open_conflicts, count_open_conflicts
- payments: import_payments, PaymentsRefused
- timeline: history
- warnings: warnings (import it from store.claims.warnings: the package
  name `warnings` is the module once loaded); also here as claim_warnings
- queries: meeting_claims, meeting_totals, member_claims, claim_lines,
  get_claim, export_query, claims_for_export, statement, EXPORT_COLUMNS
- projection: refresh_claim, rebuild_projections
- events: replay, ClaimState, Event
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "rates": ("add_rate_card", "update_rate_card", "delete_rate_card", "list_rate_cards", "get_rate_card", "card_for",
              "add_benefit_limit", "delete_benefit_limit", "list_benefit_limits", "limit_for", "seed_benefit_limits",
              "set_benefits", "member_benefits", "tax_year", "parse_tax_year"),
    "drafting": ("create_claim", "draft_from_register"),
    "line_edits": ("add_expense", "add_fee", "change_line", "remove_line"),
    "workflow": ("submit", "return_to_draft", "approve", "reject", "mark_paid", "withdraw", "adjust",
                 "resolve_conflict", "record_batch"),
    "conflicts": ("open_conflicts", "count_open_conflicts"),
    "payments": ("import_payments", "PaymentsRefused"),
    "timeline": ("history",),
    "queries": ("meeting_claims", "meeting_totals", "member_claims", "claim_lines", "get_claim", "export_query",
                "claims_for_export", "statement", "EXPORT_COLUMNS"),
    "projection": ("refresh_claim", "rebuild_projections"),
    "events": ("replay", "ClaimState", "Event"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}
__all__ = sorted({*_MODULE_OF, "claim_warnings"})


def __getattr__(name: str) -> Any:
    # Lazy, so the change log's hook can load the projection without pydantic.
    if name == "claim_warnings":
        return importlib.import_module("store.claims.warnings").warnings
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'store.claims' has no attribute {name!r}")
    return getattr(importlib.import_module(f"store.claims.{module}"), name)
