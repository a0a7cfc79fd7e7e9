-- Conflicts a person has dealt with: kept, and marked with the `resolved`
-- event that dealt with them (NULL while open). claim_conflicts is a local
-- projection, rebuilt from the events; no conflict was resolved before this
-- column existed, so every row already there is rightly open.
ALTER TABLE claim_conflicts ADD COLUMN resolved_by_event TEXT;

-- The Conflicts list: the open ones across every claim, newest first.
CREATE INDEX claim_conflicts_open ON claim_conflicts (noted_at) WHERE resolved_by_event IS NULL;
