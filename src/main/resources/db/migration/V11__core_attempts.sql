-- retro278 transaction store, version 11: the calls of a real-time (CAQH CORE) payer gateway.
--
-- One row per call of an interchange, written in the transaction that precedes the call (so a call cut short by a
-- crash is known afterwards, with its time): the envelope's PayloadID (a UUID, fresh per call), the call's number
-- for its interchange, when it was made, and once known its outcome. outcome is null while the call is under way,
-- or forever when the process stopped during it: the request may then have reached the payer, and the submission
-- treats it as a call without an answer (docs/reliability.md, "Real-time payers"). ANSWERED: the gateway answered
-- (an X12 answer, or an envelope error); NOT_SENT: the request certainly never reached the payer (no connection, TLS
-- or the credential refused); NO_ANSWER: it may have reached the payer and no answer came. detail: PHI-free words.
-- settled: no further call of the interchange will be made (it was answered, its claim was answered by another
-- path, or its retransmissions are used up); the submission looks only at the calls not settled (core_attempt_open).
-- Interchange rows are never deleted, so the reference holds for good.
create table core_attempt (
    payload_id     varchar(36)  not null,
    interchange_id bigint       not null references interchange (id),
    attempt        integer      not null,
    attempted_at   timestamp with time zone not null,
    outcome        varchar(16),
    detail         varchar(1000),
    settled        boolean      not null default false,
    constraint core_attempt_key primary key (payload_id),
    constraint core_attempt_number unique (interchange_id, attempt),
    constraint core_attempt_outcome check (outcome in ('ANSWERED', 'NOT_SENT', 'NO_ANSWER'))
);

create index core_attempt_open on core_attempt (settled, interchange_id);
