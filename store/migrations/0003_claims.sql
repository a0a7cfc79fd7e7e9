-- Claims: the rate card, benefit limits, claims and their event log (all synced),
-- and the local projections rebuilt from the events (never synced).
-- Nothing is seeded here: a migration cannot write through the change log.

-- Which benefit a member has told us about (special category data: never exported).
ALTER TABLE members ADD COLUMN benefits TEXT;

CREATE TABLE rate_cards (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    effective_from TEXT NOT NULL DEFAULT '',
    fee_hour_pence INTEGER,
    fee_half_day_pence INTEGER,
    fee_day_pence INTEGER,
    prep_hour_pence INTEGER,
    chair_supplement_pence INTEGER,
    remote_allowance_pence INTEGER,
    car_pence INTEGER NOT NULL DEFAULT 45,
    car_after_pence INTEGER NOT NULL DEFAULT 25,
    car_threshold_miles INTEGER NOT NULL DEFAULT 10000,
    passenger_pence INTEGER NOT NULL DEFAULT 5,
    motorcycle_pence INTEGER NOT NULL DEFAULT 24,
    bicycle_pence INTEGER NOT NULL DEFAULT 20,
    subsistence_cap_pence INTEGER,
    accommodation_cap_pence INTEGER,
    deadline_days INTEGER NOT NULL DEFAULT 90,
    created_at TEXT,
    deleted_at TEXT
);
CREATE INDEX rate_cards_by_date ON rate_cards (effective_from);

CREATE TABLE benefit_limits (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT '',
    amount_pence INTEGER NOT NULL DEFAULT 0,
    effective_from TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);
CREATE INDEX benefit_limits_by_kind ON benefit_limits (kind, effective_from);

-- A claim is only who and which meeting: its state lives in its events.
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    member_id TEXT REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED,
    meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
    created_at TEXT,
    created_by TEXT REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX claims_by_meeting ON claims (meeting_id, member_id);
CREATE INDEX claims_by_member ON claims (member_id);

-- Insert-only: an event is never changed. `after` is the latest event of the
-- claim the writing device had seen (NULL for the first).
CREATE TABLE claim_events (
    id TEXT PRIMARY KEY,
    claim_id TEXT REFERENCES claims (id) DEFERRABLE INITIALLY DEFERRED,
    after TEXT,
    kind TEXT NOT NULL DEFAULT '',
    actor_id TEXT REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED,
    at TEXT,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX claim_events_by_claim ON claim_events (claim_id);

-- Local projections: rebuilt from claims and claim_events, never synced.
CREATE TABLE claim_state (
    claim_id TEXT PRIMARY KEY,
    member_id TEXT,
    meeting_id TEXT,
    meeting_date TEXT,
    status TEXT NOT NULL DEFAULT 'draft',
    fee_pence INTEGER NOT NULL DEFAULT 0,
    expense_pence INTEGER NOT NULL DEFAULT 0,
    total_pence INTEGER NOT NULL DEFAULT 0,
    payment_method TEXT,
    submitted_by TEXT,
    submitted_at TEXT,
    approved_by TEXT,
    approved_at TEXT,
    rejected_reason TEXT,
    paid_at TEXT,
    payment_reference TEXT,
    batch_id TEXT,
    conflict INTEGER NOT NULL DEFAULT 0,
    last_event_id TEXT,
    updated_at TEXT
);
CREATE INDEX claim_state_by_meeting ON claim_state (meeting_id, member_id);
CREATE INDEX claim_state_by_member ON claim_state (member_id, meeting_date);
CREATE INDEX claim_state_by_status ON claim_state (status, meeting_date);
CREATE INDEX claim_state_by_batch ON claim_state (batch_id);
CREATE INDEX claim_state_by_date ON claim_state (meeting_date, claim_id);

-- Keyed by claim as well, so a line id reused by a broken file from another
-- device cannot move a line between claims.
CREATE TABLE claim_lines (
    line_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    line_kind TEXT NOT NULL,
    category TEXT NOT NULL,
    quantity TEXT NOT NULL DEFAULT '1',
    rate_pence INTEGER,
    amount_pence INTEGER NOT NULL,
    line_date TEXT,
    receipt_ref TEXT,
    receipt_path TEXT,
    prior_approval INTEGER NOT NULL DEFAULT 0,
    note TEXT,
    adjustment INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (claim_id, line_id)
);
CREATE INDEX claim_lines_by_claim ON claim_lines (claim_id, position);

CREATE TABLE claim_conflicts (
    claim_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    other_event_id TEXT,
    kind TEXT NOT NULL,
    noted_at TEXT
);
CREATE INDEX claim_conflicts_by_claim ON claim_conflicts (claim_id);
