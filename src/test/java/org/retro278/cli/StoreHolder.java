package org.retro278.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.retro278.store.TransactionStore;

/**
 * Another process holding an installation's embedded store, as a running adapter does: opens it, prints "open",
 * then for each line "refuse NAME" on stdin records a refused file (and prints "ok"); closes at the end of stdin.
 */
public final class StoreHolder {
    private StoreHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (TransactionStore store = TransactionStore.openH2(Path.of(args[0]), "")) {
            System.out.println("open");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int seed = 1000;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("refuse ")) {
                    long id = store.recordReceivedFile("P1", line.substring(7), 1, String.format(Locale.ROOT, "%064x", seed++)).id();
                    store.markFileRefused(id, "refused while held");
                    System.out.println("ok");
                    System.out.flush();
                }
            }
        }
    }
}
