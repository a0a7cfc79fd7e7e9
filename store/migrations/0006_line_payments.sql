-- Each line remembers the batch that sent it to finance and the payment that
-- settled it, so a correction made after a claim was paid is owed on its own
-- and goes in the next batch. The local tables are replayed from the claims'
-- events once this has run (store.db.REPLAY_CLAIMS_AFTER), filling these in.
ALTER TABLE claim_lines ADD COLUMN batch_id TEXT;
ALTER TABLE claim_lines ADD COLUMN paid_on TEXT;
ALTER TABLE claim_lines ADD COLUMN payment_reference TEXT;
ALTER TABLE claim_state ADD COLUMN correction_due_pence INTEGER NOT NULL DEFAULT 0;

