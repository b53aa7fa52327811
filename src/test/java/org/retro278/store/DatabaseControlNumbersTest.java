package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.x12.control.ControlNumberKind;
import org.retro278.x12.control.ControlNumbersExhaustedException;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class DatabaseControlNumbersTest extends StoreTestBase {

    DatabaseControlNumbersTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @Test
    void startsAtOneAndContinuesAfterAReopen() throws Exception {
        DatabaseControlNumbers n = inspect().controlNumbers();
        assertEquals(1, n.next(ControlNumberKind.INTERCHANGE));
        assertEquals(1, n.reserve(ControlNumberKind.TRANSACTION, 10));
        assertEquals(11, n.next(ControlNumberKind.TRANSACTION));
        store.close();
        store = db.open(clock);
        DatabaseControlNumbers again = inspect().controlNumbers();
        assertEquals(2, again.next(ControlNumberKind.INTERCHANGE));
        assertEquals(12, again.next(ControlNumberKind.TRANSACTION));
        assertEquals(1, again.next(ControlNumberKind.GROUP));
    }

    @Test
    void refusesToPassNineDigitsAndTheRefusalConsumesNothing() throws Exception {
        DatabaseControlNumbers n = inspect().controlNumbers();
        assertTrue(n.advanceTo(ControlNumberKind.INTERCHANGE, 999_999_998L));
        assertThrows(ControlNumbersExhaustedException.class, () -> n.reserve(ControlNumberKind.INTERCHANGE, 3));
        assertEquals(999_999_998L, n.reserve(ControlNumberKind.INTERCHANGE, 2));
        assertThrows(ControlNumbersExhaustedException.class, () -> n.next(ControlNumberKind.INTERCHANGE));
        assertThrows(ControlNumbersExhaustedException.class, () -> n.next(ControlNumberKind.INTERCHANGE));
        assertEquals(1_000_000_000L, n.peek().get(ControlNumberKind.INTERCHANGE));
        assertThrows(IllegalArgumentException.class, () -> n.reserve(ControlNumberKind.GROUP, 0));
    }

    @Test
    void advancingNeverLowersACounter() throws Exception {
        DatabaseControlNumbers n = inspect().controlNumbers();
        assertTrue(n.advanceTo(ControlNumberKind.GROUP, 500));
        assertFalse(n.advanceTo(ControlNumberKind.GROUP, 20));
        assertFalse(n.advanceTo(ControlNumberKind.GROUP, 500));
        assertEquals(500, n.next(ControlNumberKind.GROUP));
        assertThrows(IllegalArgumentException.class, () -> n.advanceTo(ControlNumberKind.GROUP, 1_000_000_001L));
    }

    @Test
    void insideACallersTransactionNumbersAreHisOnlyIfHeCommits() throws Exception {
        DatabaseControlNumbers n = inspect().controlNumbers();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            assertEquals(1, DatabaseControlNumbers.reserve(c, ControlNumberKind.TRANSACTION, 5));
            c.rollback();
            assertEquals(1L, n.peek().get(ControlNumberKind.TRANSACTION), "rolled back: never handed out");
            assertEquals(1, DatabaseControlNumbers.reserve(c, ControlNumberKind.TRANSACTION, 5));
            c.commit();
        }
        assertEquals(6, n.next(ControlNumberKind.TRANSACTION));
    }

    @Test
    void threadsAndASecondProcessNeverGetTheSameNumber() throws Exception {
        DatabaseControlNumbers n = inspect().controlNumbers();
        ConcurrentLinkedQueue<Long> mine = new ConcurrentLinkedQueue<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        Worker worker = Worker.start(db, "numbers", "300");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        mine.add(n.next(ControlNumberKind.TRANSACTION));
                    }
                } catch (IOException | RuntimeException e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(120_000);
        }
        List<Long> theirs = worker.results();
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(300, theirs.size());
        List<Long> all = new ArrayList<>(mine);
        all.addAll(theirs);
        assertEquals(600, new HashSet<>(all).size(), "a number was handed out twice");
        assertEquals(601L, n.peek().get(ControlNumberKind.TRANSACTION), "and none was skipped or lost");
        long lo = theirs.stream().mapToLong(Long::longValue).min().orElseThrow();
        long hi = theirs.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(mine.stream().anyMatch(v -> v > lo && v < hi),
                "the two processes did not overlap (worker " + lo + ".." + hi + "); the test proved nothing");
    }

    /** {@link StoreWorker} in a new JVM against the test's database. */
    static final class Worker {
        private final Process process;
        private final BufferedReader out;
        private final StringBuilder transcript = new StringBuilder();

        private Worker(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
        }

        /** Starts the worker and returns once its store is open (it then works at once). */
        static Worker start(TestDatabase db, String... args) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    StoreWorker.class.getName(), args[0], db.url, db.user));
            cmd.addAll(List.of(args).subList(1, args.length));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("RETRO278_TEST_WORKER_PASSWORD", db.password);
            Worker w = new Worker(pb.start());
            String line;
            while ((line = w.out.readLine()) != null) {
                w.transcript.append(line).append('\n');
                if (line.equals("STARTED")) {
                    return w;
                }
            }
            throw new IllegalStateException("the worker ended before its store was open:\n" + w.transcript);
        }

        /** Its RESULT lines, once it has ended well. */
        List<Long> results() throws Exception {
            String line;
            List<Long> values = new ArrayList<>();
            while ((line = out.readLine()) != null) {
                transcript.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    values.add(Long.parseLong(line.substring(7).trim()));
                }
            }
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the worker did not end");
            assertEquals(0, process.exitValue(), transcript.toString());
            return values;
        }
    }

}
