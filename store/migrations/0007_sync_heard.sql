-- What this device had applied from each other device when it made its own
-- changes: its changes after own_seq were made on top of that device's changes
-- up to seq. A pushed batch names what its last change was made on top of (the
-- changes it needs), never merely what the device has applied by the time it
-- pushes: a batch sent again, because its file went missing from the store,
-- must not come to need changes that were themselves made on top of it.
CREATE TABLE sync_heard (
    device_id TEXT NOT NULL,
    own_seq INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (device_id, own_seq)
) WITHOUT ROWID;

-- Changes made before this was kept: taken to need all that was applied by then.
INSERT INTO sync_heard (device_id, own_seq, seq) SELECT device_id, 0, seq FROM sync_applied;
