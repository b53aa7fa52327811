-- retro278 transaction store, version 2: status files.
--
-- A practice gets a status file per claim file it sent, rewritten whenever a claim of the file changes.
-- status_published_at is when the last status file was made from the store; a claim updated after it
-- means the file's status must be written again.
alter table received_file add column status_published_at timestamp with time zone;

create index claim_by_file_updated on claim (file_id, updated_at);
