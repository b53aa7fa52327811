-- retro278 transaction store, version 5: the identity of a claim, to catch the same claim dropped again.
--
-- The same claims can come back in a file whose bytes differ (a line break more, another order), which the
-- file's SHA-256 does not catch. identity_sha256 is the hex SHA-256 of the claim's canonical identity text
-- (practice, claim id, payer, patient event, dates of service; org.retro278.store.ClaimIdentity, docs/rules.md).
-- It is set for every claim with a canonical request and null for the others. It is a hash, never the
-- values: the member id, names and dates behind it stay in claim_request.request_json.
--
-- Intake looks a new claim up by it (one indexed lookup per chunk of claims) and rejects it as
-- DUPLICATE_CLAIM when an earlier claim with the same identity is in flight or decided. Which states count
-- is policy in code (ClaimState.blocksRedrop), not in the schema, so it is not a unique constraint.
-- The identities of claims recorded before this version are filled in by the Java migration 5.1
-- (org.retro278.store.ClaimIdentityBackfill), which needs the request JSON read in Java.
alter table claim add column identity_sha256 varchar(64);

create index claim_by_identity on claim (identity_sha256);
