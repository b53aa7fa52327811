package org.retro278.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.io.file.PathUtils;
import org.retro278.store.NewClaim;
import org.retro278.store.ReservedInterchange;
import org.retro278.store.StoreInspection;
import org.retro278.store.TestRequests;
import org.retro278.store.TransactionStore;
import org.retro278.testing.TestClock;

/**
 * How the default H2 store's file grows over time (docs/benchmarks.md, "The H2 file over time"): rounds of claim
 * files taken through the store as the adapter takes them (recorded and released in chunks of 500, reserved 1,000
 * per interchange, bytes recorded, SENT), with a pause between rounds, on the store the adapter opens
 * ({@code TransactionStore.openH2}, the same URL and settings). After each round: the file's size and what H2's
 * MVStore says of it (how much of the file is live, bytes written so far). The question: does the file level off
 * once MVStore may reuse freed space (its retention time is 45 s), or grow with every claim ever taken in?
 *
 * <pre>java ... org.retro278.bench.StoreGrowthBenchmark CLAIMS_PER_ROUND ROUNDS PAUSE_SECONDS</pre>
 */
public final class StoreGrowthBenchmark {

    private static final int CHUNK = 500;
    private static final int PER_INTERCHANGE = 1_000;

    private StoreGrowthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int pauseSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path work = Files.createTempDirectory("retro278-store-growth");
        Path file = work.resolve("db/retro278.mv.db");
        try (TransactionStore store = TransactionStore.openH2(work, "", TestClock.forSamples())) {
            StoreInspection inspect = new StoreInspection(store);
            System.out.printf("RESULT round 0: file %,d bytes %s%n", Files.size(file), figures(inspect.h2StoreInfo()));
            int claimNo = 0;
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                long fileId = store.recordReceivedFile("P1", "claims-" + round + ".csv", 100,
                        String.format(Locale.ROOT, "%064x", round)).id();
                for (int from = 0; from < perRound; from += CHUNK) {
                    List<NewClaim> chunk = new ArrayList<>(CHUNK);
                    for (int i = from; i < Math.min(perRound, from + CHUNK); i++, claimNo++) {
                        chunk.add(NewClaim.of(TestRequests.simple("C-" + claimNo, claimNo % 2 == 0 ? "PAYERA" : "PAYERB",
                                LocalDate.of(2026, 11, 1)), List.of((long) i + 2)));
                    }
                    store.recordReleasedClaims(fileId, chunk);
                }
                store.releaseFile(fileId);
                for (String payer : List.of("PAYERA", "PAYERB")) {
                    while (true) {
                        Optional<ReservedInterchange> r = store.reserveInterchange(payer, PER_INTERCHANGE,
                                LocalDateTime.of(2026, 11, 16, 4, 0), isa13 -> "i-" + isa13 + ".x12");
                        if (r.isEmpty()) {
                            break;
                        }
                        store.recordInterchangeBytes(r.get().id(), String.format(Locale.ROOT, "%064x", 1_000_000 + r.get().id()), 1000);
                        store.markInterchangeSent(r.get().id());
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long size = Files.size(file);
                System.out.printf("RESULT round %d: %,d claims in %.1f s; %,d claims in all; file %,d bytes (%,.0f per claim so far) %s%n",
                        round, perRound, seconds, claimNo, size, (double) size / claimNo, figures(inspect.h2StoreInfo()));
                if (round < rounds) {
                    Thread.sleep(pauseSeconds * 1000L);
                }
            }
        } finally {
            PathUtils.deleteDirectory(work);
        }
    }

    private static String figures(Map<String, String> info) {
        return String.format("(live %s %% of the chunks, %s chunks, %,d bytes written in all)", info.get("info.CHUNKS_FILL_RATE"),
                info.get("info.CHUNK_COUNT"), Long.parseLong(info.getOrDefault("info.FILE_WRITE_BYTES", "0")));
    }
}
