-- Sync bookkeeping, local to this database and never synced.

-- For each other device: the highest sequence number applied here with every
-- change before it (a version vector). Written in the same transaction as the
-- changes it counts, so it can never run ahead of the data.
CREATE TABLE sync_applied (
    device_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL
) WITHOUT ROWID;

-- The stores this database has synced with: the last one used is the default.
CREATE TABLE sync_stores (
    location TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    last_sync TEXT,
    sent INTEGER NOT NULL DEFAULT 0,
    received INTEGER NOT NULL DEFAULT 0,
    -- How far this database's own changes reached in that store when it last looked.
    pushed INTEGER NOT NULL DEFAULT 0
);

-- Sync reads the log by device and sequence (the primary key); nothing reads it
-- by clock, and the index cost every write and every pulled change.
DROP INDEX changes_by_hlc;
