-- retro278 transaction store, version 8: retention. `retro278 purge` (and run's retention schedule) removes what
-- a claim file and its claims carried once every claim of the file is final and older than the retention period,
-- and keeps a tombstone: ids, states, control numbers, dates and the hashes that catch duplicates.
--
-- A purged claim keeps its row (key, file, practice, claim_id, payer, state, trace number, BHT03, ISA13/GS06/ST02,
-- its times, identity_sha256) with purged_at set; its canonical request (claim_request), reasons, response details,
-- file rows and dates of service are gone, and so are the words an operator typed into its history (the reason
-- of a resubmit). A purged file keeps its row (practice, SHA-256, original_sha256, outcome, times) with purged_at
-- set; its name and its refusal's words are gone. So a file dropped again after a purge is still a DUPLICATE
-- (received_file_first_copy) and a claim dropped again still a DUPLICATE_CLAIM (claim_by_identity).
alter table received_file add column purged_at timestamp with time zone;
alter table claim add column purged_at timestamp with time zone;

-- a purged claim has no request any more: it may keep its state without one
alter table claim drop constraint claim_sendable;
alter table claim add constraint claim_sendable check (state in ('RECEIVED', 'REJECTED_LOCALLY', 'ERROR')
    or purged_at is not null
    or (practice_claim_id is not null and payer_id is not null and has_request));

-- purge: the files not purged yet, oldest first
create index received_file_by_purge on received_file (purged_at, received_at, id);
