-- retro278 transaction store, version 6: who or what made each change of a claim, and why; indexes for the
-- operator's commands (status, claim).
--
-- claim_event gains the actor (the part of retro278 that made the change: intake, submission, response intake,
-- deadline watch; later an operator) and its cause: the received file, the interchange or the response file
-- the change came from (the segment of a response is named in detail). Rows written before this version keep
-- these columns null. They are plain numbers, not foreign keys: the history is append-only and outlives the
-- rows it cites. Still PHI-free by contract.
alter table claim_event add column actor varchar(64);
alter table claim_event add column received_file_id bigint;
alter table claim_event add column interchange_id bigint;
alter table claim_event add column response_file_id bigint;

-- status: claims per state, payer and practice from an index, not the claim rows; the claims of a state (the
-- overdue ones are among SENT, ACCEPTED and PENDED); the claims of a practice. Every index here is written by
-- every intake and move, so there are only these (--since filters inside them).
create index claim_by_state on claim (state, payer_id, practice_id, id);
create index claim_by_practice on claim (practice_id, state, payer_id);
-- claim ID: a practice's claim_id is unique per file only, so it is looked up across files.
create index claim_by_claim_id on claim (practice_claim_id);
-- status: files refused or repeated (in .error); claim --file NAME.
create index received_file_by_outcome on received_file (outcome, id);
create index received_file_by_name on received_file (file_name);
