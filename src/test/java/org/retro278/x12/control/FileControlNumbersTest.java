package org.retro278.x12.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileControlNumbersTest {

    @TempDir
    Path dir;

    @Test
    void startsAtOneAndNeverRepeatsAcrossInstances() throws IOException {
        Path file = dir.resolve("state/control-numbers.properties");
        FileControlNumbers a = new FileControlNumbers(file);
        assertEquals(1, a.next(ControlNumberKind.INTERCHANGE));
        assertEquals(1, a.reserve(ControlNumberKind.TRANSACTION, 10));
        assertEquals(11, a.next(ControlNumberKind.TRANSACTION));
        // a new instance, as after a restart, continues where the file says
        FileControlNumbers b = new FileControlNumbers(file);
        assertEquals(2, b.next(ControlNumberKind.INTERCHANGE));
        assertEquals(12, b.next(ControlNumberKind.TRANSACTION));
        assertEquals(1, b.next(ControlNumberKind.GROUP));
    }

    @Test
    void aSeededFileIsHonoured() throws IOException {
        Path file = dir.resolve("cn.properties");
        Files.writeString(file, "next.interchange=500\nnext.group=70\nnext.transaction=9000\n");
        FileControlNumbers n = new FileControlNumbers(file);
        assertEquals(500, n.next(ControlNumberKind.INTERCHANGE));
        assertEquals(70, n.next(ControlNumberKind.GROUP));
        assertEquals(9000, n.next(ControlNumberKind.TRANSACTION));
    }

    @Test
    void refusesToPassNineDigits() throws IOException {
        Path file = dir.resolve("cn.properties");
        Files.writeString(file, "next.interchange=999999999\n");
        FileControlNumbers n = new FileControlNumbers(file);
        assertEquals(999_999_999L, n.next(ControlNumberKind.INTERCHANGE));
        assertThrows(ControlNumbersExhaustedException.class, () -> n.next(ControlNumberKind.INTERCHANGE));
        // and the refusal did not consume anything
        assertThrows(ControlNumbersExhaustedException.class, () -> n.next(ControlNumberKind.INTERCHANGE));
    }

    @Test
    void aCorruptFileIsAnErrorNotAReset() throws IOException {
        Path file = dir.resolve("cn.properties");
        Files.writeString(file, "next.interchange=abc\n");
        FileControlNumbers n = new FileControlNumbers(file);
        IOException e = assertThrows(IOException.class, () -> n.next(ControlNumberKind.INTERCHANGE));
        assertTrue(e.getMessage().contains("next.interchange"));
    }

    @Test
    void theFileIsOwnerOnly() throws IOException {
        Path file = dir.resolve("cn.properties");
        new FileControlNumbers(file).next(ControlNumberKind.GROUP);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void threadsOfOneProcessGetDistinctNumbers() throws Exception {
        FileControlNumbers n = new FileControlNumbers(dir.resolve("cn.properties"));
        ConcurrentLinkedQueue<Long> got = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        got.add(n.next(ControlNumberKind.TRANSACTION));
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(200, new HashSet<>(got).size());
    }

    @Test
    void concurrentProcessesGetDistinctNumbers() throws Exception {
        Path file = dir.resolve("cn.properties");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ReserveMain.class.getName(), file.toString(), "40")
                    .redirectErrorStream(true).start());
        }
        Set<Long> all = new HashSet<>();
        int total = 0;
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            for (String line : out.split("\\R")) {
                if (!line.isBlank()) {
                    all.add(Long.parseLong(line.trim()));
                    total++;
                }
            }
        }
        assertEquals(120, total);
        assertEquals(120, all.size(), "a number was handed out twice");
        assertEquals(121, new FileControlNumbers(file).next(ControlNumberKind.TRANSACTION));
    }

    /** A separate JVM that reserves numbers one at a time and prints them. */
    public static final class ReserveMain {
        public static void main(String[] args) throws IOException {
            FileControlNumbers n = new FileControlNumbers(Path.of(args[0]));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                b.append(n.next(ControlNumberKind.TRANSACTION)).append('\n');
            }
            System.out.print(b);
        }
    }
}
