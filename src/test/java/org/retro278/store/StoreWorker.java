package org.retro278.store;

import java.time.LocalDateTime;
import java.util.Optional;
import org.retro278.x12.control.ControlNumberKind;
import org.retro278.x12.control.ControlNumbers;

/**
 * A second process working on the same database as a test: {@code numbers URL USER COUNT} reserves ST02
 * numbers one at a time, {@code interchanges URL USER PAYER} reserves interchanges of five claims until
 * none is READY. It prints {@code STARTED} once its store is open. The password comes from {@code RETRO278_TEST_WORKER_PASSWORD}. Results are printed as
 * lines starting with {@code RESULT } (logging may share standard output).
 */
public final class StoreWorker {

    public static void main(String[] args) throws Exception {
        String password = System.getenv().getOrDefault("RETRO278_TEST_WORKER_PASSWORD", "");
        StringBuilder out = new StringBuilder();
        try (TransactionStore store = TransactionStore.open(args[1], args[2], password)) {
            // the test starts its own work on this signal, so that both really run at the same time
            System.out.println("STARTED");
            System.out.flush();
            if (args[0].equals("numbers")) {
                ControlNumbers numbers = new StoreInspection(store).controlNumbers();
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    out.append("RESULT ").append(numbers.next(ControlNumberKind.TRANSACTION)).append('\n');
                }
            } else {
                while (true) {
                    Optional<ReservedInterchange> r = store.reserveInterchange(args[3], 5, LocalDateTime.of(2026, 11, 16, 9, 30),
                            n -> "worker." + n + ".x12");
                    if (r.isEmpty()) {
                        break;
                    }
                    out.append("RESULT ").append(r.get().id()).append('\n');
                }
            }
        }
        System.out.print(out);
        System.out.flush();
    }
}
