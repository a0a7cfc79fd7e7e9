-- The device this database belongs to, its next sequence number and clock.
CREATE TABLE device (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL DEFAULT 0
);

-- The change log: every write to a domain table, from this device or pulled
-- from others. (device_id, seq) is unique across all devices, for ever.
CREATE TABLE changes (
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hlc INTEGER NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    grp TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX changes_by_hlc ON changes (hlc, device_id);

-- The stamp that currently holds each field group of each record.
CREATE TABLE versions (
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    grp TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id, grp)
) WITHOUT ROWID;

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'other',
    created_at TEXT,
    deleted_at TEXT
);
CREATE INDEX organisations_by_name ON organisations (name COLLATE NOCASE);

CREATE TABLE members (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    organisation_id TEXT REFERENCES organisations (id) DEFERRABLE INITIALLY DEFERRED,
    member_type TEXT NOT NULL DEFAULT 'uses_services',
    created_at TEXT,
    email TEXT,
    phone TEXT,
    preferred_channel TEXT,
    access_needs TEXT NOT NULL DEFAULT '[]',
    payment_preference TEXT NOT NULL DEFAULT 'fee_and_expenses',
    fee_cap_pence INTEGER,
    paid_by_employer INTEGER NOT NULL DEFAULT 0,
    consent_date TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT
);
CREATE INDEX members_by_name ON members (name COLLATE NOCASE, id);
CREATE INDEX members_by_email ON members (email COLLATE NOCASE);
CREATE INDEX members_by_organisation ON members (organisation_id);

CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'network',
    date TEXT NOT NULL DEFAULT '',
    start_time TEXT,
    end_time TEXT,
    mode TEXT NOT NULL DEFAULT 'in_person',
    venue TEXT,
    created_at TEXT,
    status TEXT NOT NULL DEFAULT 'planned',
    reopened INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT
);
CREATE INDEX meetings_by_date ON meetings (date, start_time);

CREATE TABLE attendance (
    id TEXT PRIMARY KEY,
    meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
    member_id TEXT REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED,
    status TEXT NOT NULL DEFAULT 'expected',
    arrived_at TEXT,
    left_at TEXT,
    remote INTEGER NOT NULL DEFAULT 0,
    supporter INTEGER NOT NULL DEFAULT 0,
    role TEXT NOT NULL DEFAULT 'member',
    deleted_at TEXT
);
CREATE INDEX attendance_by_meeting ON attendance (meeting_id, member_id);
CREATE INDEX attendance_by_member ON attendance (member_id);
