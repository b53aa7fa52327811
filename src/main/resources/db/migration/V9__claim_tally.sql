-- retro278 transaction store, version 9: `status` over a million claims in well under a second.
--
-- claim_tally holds how many claims of a practice for a payer are in a state, overdue or not: what `status`
-- and the metrics count, without reading the claims. It is kept by triggers on claim (version 9.1,
-- ClaimTallyTriggers: H2 calls ClaimTallyTrigger for each row, PostgreSQL one statement trigger per
-- insert, update and delete), so every insert, move, flag and delete of a claim changes it in the same
-- transaction, whichever part of retro278 (or an operator's SQL) made it. 9.1 also fills it from the claims.
-- A claim without a payer is counted under payer_id ''; rows that fall to zero stay (n = 0).
create table claim_tally (
    practice_id varchar(64) not null,
    payer_id    varchar(64) not null,
    state       varchar(32) not null,
    overdue     boolean     not null,
    n           bigint      not null,
    constraint claim_tally_key primary key (practice_id, payer_id, state, overdue)
);

-- status lists, each newest first and cut at --limit: the claims of one failed state (one query per state,
-- on the states the tally says have claims; descending, since H2 reads an index backwards only so); the overdue
-- claims (few, among SENT, ACCEPTED and PENDED: with the state in it H2 prefers this index to a state range).
create index claim_by_state_key on claim (state, id desc);
create index claim_overdue on claim (overdue, state, id desc);
-- status --since: the claims received from a moment on, counted per state, payer and practice inside the index.
create index claim_by_received on claim (received_at, state, payer_id, practice_id);
-- unacknowledged interchanges: whether an interchange still has a claim SENT, and how many, is one probe of this
-- index, not a read of its claims (claim_by_interchange stays: H2 holds the foreign key on it). Still one probe
-- per interchange sent; `i.id in (select ... where state = 'SENT')` instead is worse on H2 (run once per row).
create index claim_by_interchange_state on claim (interchange_id, state);
