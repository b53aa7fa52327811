/**
 * The transaction store: every received file, every claim with its state (the fixed status
 * vocabulary of {@link org.retro278.store.ClaimState}), every interchange sent, the control-number
 * counters and each claim's history, in one database (H2 by default, PostgreSQL by JDBC URL) whose
 * schema Flyway keeps in {@code db/migration}. {@link org.retro278.store.TransactionStore} is the entry
 * point; docs/store.md describes the tables and how to run it on PostgreSQL.
 */
package org.retro278.store;
