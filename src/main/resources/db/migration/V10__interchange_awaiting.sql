-- retro278 transaction store, version 10: the unacknowledged interchanges of `status` at a cost in proportion to
-- the interchanges awaiting an answer, not to every interchange ever sent.
--
-- interchange_awaiting holds, for each interchange that has claims SENT, how many: a row appears with its first
-- claim SENT and goes when its last one leaves SENT (answered, resubmitted, purged), so the table stays as small
-- as the interchanges awaiting. It is kept by triggers on claim (version 10.1, InterchangeAwaitingTriggers: H2
-- calls InterchangeAwaitingTrigger for each row, PostgreSQL one statement trigger per insert, update and delete),
-- in the transaction of the change, like claim_tally (V9). 10.1 also fills it from the claims.
create table interchange_awaiting (
    interchange_id bigint not null,
    n              bigint not null,
    constraint interchange_awaiting_key primary key (interchange_id)
);
