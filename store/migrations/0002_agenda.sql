-- Agenda items, declarations of interest, actions and their owners.
-- Existing meetings get no standing items here: a migration cannot write
-- through the change log, so they would never sync.

CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY,
    meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
    title TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'discussion',
    minutes_asked INTEGER NOT NULL DEFAULT 10,
    summary TEXT,
    details TEXT,
    proposer_id TEXT REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED,
    proposed_at TEXT,
    source TEXT NOT NULL DEFAULT 'member',
    standing TEXT,
    carried_from TEXT REFERENCES agenda_items (id) DEFERRABLE INITIALLY DEFERRED,
    status TEXT NOT NULL DEFAULT 'proposed',
    decline_reason TEXT,
    deferred_to TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
    merged_into TEXT REFERENCES agenda_items (id) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL DEFAULT 0,
    minutes_allowed INTEGER,
    started_at TEXT,
    ended_at TEXT,
    notes TEXT,
    decision TEXT,
    deleted_at TEXT
);
CREATE INDEX agenda_items_by_meeting ON agenda_items (meeting_id, status, position);
CREATE INDEX agenda_items_by_proposer ON agenda_items (proposer_id);
CREATE INDEX agenda_items_by_carried_from ON agenda_items (carried_from);
CREATE INDEX agenda_items_by_merged_into ON agenda_items (merged_into);

CREATE TABLE agenda_interests (
    id TEXT PRIMARY KEY,
    item_id TEXT REFERENCES agenda_items (id) DEFERRABLE INITIALLY DEFERRED,
    member_id TEXT REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED,
    note TEXT,
    deleted_at TEXT
);
CREATE INDEX agenda_interests_by_item ON agenda_interests (item_id, member_id);
CREATE INDEX agenda_interests_by_member ON agenda_interests (member_id);

CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
    item_id TEXT REFERENCES agenda_items (id) DEFERRABLE INITIALLY DEFERRED,
    description TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    created_at TEXT,
    status TEXT NOT NULL DEFAULT 'open',
    status_note TEXT,
    closed_at TEXT,
    closed_meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
    deleted_at TEXT
);
CREATE INDEX actions_by_meeting ON actions (meeting_id);
CREATE INDEX actions_by_item ON actions (item_id);
CREATE INDEX actions_by_status ON actions (status, due_date, created_at);
CREATE INDEX actions_by_closed_meeting ON actions (closed_meeting_id);

CREATE TABLE action_owners (
    id TEXT PRIMARY KEY,
    action_id TEXT REFERENCES actions (id) DEFERRABLE INITIALLY DEFERRED,
    member_id TEXT REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED,
    deleted_at TEXT
);
CREATE INDEX action_owners_by_action ON action_owners (action_id, member_id);
CREATE INDEX action_owners_by_member ON action_owners (member_id, action_id);
