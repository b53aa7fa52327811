package org.retro278.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.TestClock;

/**
 * A fresh store for every test, on the engine the parameterized class passes in (each subclass is a
 * {@code @ParameterizedClass} over {@link TestDatabase.Engine}).
 */
abstract class StoreTestBase {

    final TestDatabase.Engine engine;
    @TempDir
    Path dir;
    TestDatabase db;
    TestClock clock;
    TransactionStore store;

    StoreTestBase(TestDatabase.Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void openStore() throws Exception {
        db = TestDatabase.create(engine, dir);
        clock = TestClock.stoppedAt(Instant.parse("2026-11-16T09:00:00Z"));
        store = db.open(clock);
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** The test-only reads and moves of the current store. */
    StoreInspection inspect() {
        return new StoreInspection(store);
    }

    /** A fake SHA-256 that differs per seed. */
    static String sha(int seed) {
        return String.format(Locale.ROOT, "%064x", seed);
    }

    /** Records a file with {@code n} mapped claims C1..Cn for the payer, all RECEIVED; returns their keys. */
    List<Long> receive(String payerId, int n, int fileSeed) {
        long fileId = store.recordReceivedFile("P1", "claims-" + fileSeed + ".csv", 100, sha(fileSeed)).id();
        List<NewClaim> claims = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            claims.add(NewClaim.of(TestRequests.simple("C" + fileSeed + "-" + i, payerId, LocalDate.of(2026, 11, 1)),
                    List.of((long) i + 1)));
        }
        return store.recordClaims(fileId, claims);
    }

    /** {@link #receive} and move each claim to READY, one second apart (so the oldest is the first). */
    List<Long> ready(String payerId, int n, int fileSeed) {
        List<Long> keys = receive(payerId, n, fileSeed);
        for (long k : keys) {
            clock.advance(Duration.ofSeconds(1));
            if (!inspect().move(k, ClaimState.RECEIVED, ClaimState.READY, "checked")) {
                throw new IllegalStateException("claim " + k + " did not become READY");
            }
        }
        return keys;
    }
}
