package org.retro278.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.retro278.cli.BenchAccess;
import org.retro278.store.OperatorView;
import org.retro278.store.OperatorView.StatusFilter;
import org.retro278.store.TransactionStore;
import picocli.CommandLine;

/**
 * The {@code status} benchmark (docs/benchmarks.md). Not a test: {@code bench/status-benchmark.sh}.
 *
 * <p>Fills a store with N claims in bulk SQL (an embedded H2 store; or, given a PostgreSQL JDBC URL and user, a
 * schema {@value #PG_SCHEMA} made afresh there and dropped at the end, the password from RETRO278_STORE_PASSWORD) (100 files of 10,000 claims, 20 practices, 5 payers,
 * an interchange per 100 claims; mostly decided, a few per cent rejected or in ERROR, the newest 1% SENT with
 * some overdue, 200 refused files), then times the operator's status: the query alone, warm, and the whole
 * {@code retro278 status} command (opening the store included), with and without filters.
 */
public final class StatusBenchmark {

    private static final String PG_SCHEMA = "retro278_status_bench";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean postgres = args.length > 1 && !args[1].isEmpty();
        // -Dretro278.bench.store=DIR: time the H2 store a run before filled (its path is printed), without filling again
        String reuse = System.getProperty("retro278.bench.store");
        Path work = reuse != null ? Path.of(reuse) : Files.createTempDirectory("retro278-status-bench");
        Path config = Path.of("config");
        String url;
        String user;
        String password = "";
        if (postgres) {
            user = args.length > 2 ? args[2] : "postgres";
            password = System.getenv().getOrDefault("RETRO278_STORE_PASSWORD", "");
            schema(args[1], user, password, "drop schema if exists " + PG_SCHEMA + " cascade; create schema " + PG_SCHEMA);
            url = args[1] + (args[1].contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA;
            config = postgresConfig(work, url, user);
        } else {
            url = TransactionStore.h2Url(work);
            user = "sa";
        }
        try (TransactionStore store = TransactionStore.open(url, user, password)) {
            System.out.println("== store: " + (postgres ? "PostgreSQL, schema " + PG_SCHEMA : "H2 at " + work));
        }
        if (reuse == null) {
            long t0 = System.nanoTime();
            fill(url, user, password, n, postgres);
            System.out.printf("filled %,d claims in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        }
        // H2 hands back the result of a repeated query while nothing changed: measure the queries, not that cache
        try (TransactionStore store = TransactionStore.open(postgres ? url : url + ";OPTIMIZE_REUSE_RESULTS=FALSE", user, password)) {
            OperatorView view = store.operatorView();
            query(view, "status (all)", StatusFilter.ALL);
            query(view, "status --practice P7", new StatusFilter("P7", null, null));
            query(view, "status --payer PAYER2", new StatusFilter(null, "PAYER2", null));
            query(view, "status --since (last ~7%)", new StatusFilter(null, null, Instant.parse("2026-11-14T20:00:00Z")));
        }
        command(config, work, "status");
        command(config, work, "status", "--practice", "P7");
        command(config, work, "status", "--json");
        command(config, work, "claim", "C" + (n / 2));
        if (postgres) {
            schema(args[1], user, password, "drop schema " + PG_SCHEMA + " cascade");
        }
    }

    private static void schema(String url, String user, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The shipped configuration with the store at the PostgreSQL schema, for the commands. */
    private static Path postgresConfig(Path work, String url, String user) throws Exception {
        Path config = work.resolve("config");
        try (Stream<Path> files = Files.walk(Path.of("config"))) {
            for (Path from : files.toList()) {
                Path to = config.resolve(Path.of("config").relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path properties = config.resolve("application.properties");
        Files.writeString(properties, Files.readString(properties)
                .replace("retro278.store.url=\n", "retro278.store.url=" + url + "\n")
                .replace("retro278.store.user=\n", "retro278.store.user=" + user + "\n"));
        return config;
    }

    private static void fill(String url, String user, String password, int n, boolean postgres) throws Exception {
        int files = Math.max(1, n / 10_000);
        int interchanges = Math.max(1, n / 100);
        long sentFrom = n - n / 100;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("insert into received_file (id, practice_id, file_name, size_bytes, sha256, original_sha256, received_at, "
                    + "outcome, claim_count, finished_at) select x, 'P' || mod(x, 20), 'claims-' || x || '.csv', 1000, "
                    + "lpad(cast(x as varchar), 64, '0'), lpad(cast(x as varchar), 64, '0'), timestamp with time zone "
                    + "'2026-11-01 00:00:00+00', 'PROCESSED', 10000, timestamp with time zone '2026-11-01 00:00:00+00' "
                    + range(postgres, 1, files));
            s.execute("insert into received_file (id, practice_id, file_name, size_bytes, sha256, original_sha256, received_at, "
                    + "outcome, refusal_reason, finished_at) select x, 'P' || mod(x, 20), 'broken-' || x || '.csv', 10, "
                    + "lpad(cast(x as varchar), 64, '0'), lpad(cast(x as varchar), 64, '0'), timestamp with time zone "
                    + "'2026-11-01 00:00:00+00', 'REFUSED', 'no claim_id column', timestamp with time zone '2026-11-01 00:00:00+00' "
                    + range(postgres, files + 1, files + 200));
            s.execute("insert into interchange (id, payer_id, isa13, gs06, file_name, state, envelope_time, transaction_count, "
                    + "created_at, sent_at) select x, 'PAYER' || mod(x, 5), x, x, 'retro278-' || x || '.x12', 'SENT', "
                    + "timestamp '2026-11-01 00:00:00', 100, timestamp with time zone '2026-11-01 00:00:00+00' + x * interval '1' second, "
                    + "timestamp with time zone '2026-11-01 00:00:00+00' + x * interval '1' second " + range(postgres, 1, interchanges));
            String state = "case when x > " + sentFrom + " then 'SENT' else case mod(x, 100) "
                    + "when 80 then 'ACCEPTED' when 81 then 'ACCEPTED' when 82 then 'ACCEPTED' when 83 then 'ACCEPTED' "
                    + "when 90 then 'REJECTED_LOCALLY' when 91 then 'REJECTED_LOCALLY' when 92 then 'REJECTED_LOCALLY' "
                    + "when 93 then 'REJECTED_BY_GATEWAY' when 94 then 'REJECTED_BY_GATEWAY' when 95 then 'ERROR' "
                    + "when 96 then 'PENDED' when 97 then 'PENDED' when 99 then 'REJECTED_BY_PAYER' "
                    + "else case when mod(x, 100) >= 70 then 'DENIED' else 'CERTIFIED' end end end";
            for (long from = 1; from <= n; from += 100_000) {
                long to = Math.min(n, from + 99_999);
                s.execute("insert into claim (id, file_id, practice_id, practice_claim_id, payer_id, state, overdue, file_rows, "
                        + "has_request, interchange_id, isa13, gs06, st02, trace_number, bht03, attempt, reasons_json, "
                        + "received_at, updated_at) select x, 1 + (x - 1) / 10000, 'P' || mod(1 + (x - 1) / 10000, 20), 'C' || x, "
                        + "'PAYER' || mod(1 + (x - 1) / 100, 5), " + state + ", x > " + sentFrom + " and mod(x, 10) = 0, '[2]', true, "
                        + "1 + (x - 1) / 100, 1 + (x - 1) / 100, 1 + (x - 1) / 100, 1 + mod(x - 1, 100), 'T' || x, 'B' || x, 1, "
                        + "case when mod(x, 100) between 90 and 95 or mod(x, 100) = 99 then '[{\"code\":\"IK502-5\",\"words\":\"w\"}]' end, "
                        + "timestamp with time zone '2026-11-01 00:00:00+00' + (x * 1000 / " + n + ") * interval '1' minute * 20, "
                        + "timestamp with time zone '2026-11-01 00:00:00+00' + (x * 1000 / " + n + ") * interval '1' minute * 20 "
                        + range(postgres, from, to));
                c.commit();
            }
            s.execute("analyze");
            c.commit();
        }
    }

    /**
     * The numbers from..to as rows of a column x: PostgreSQL's generate_series, H2's system_range (which names its
     * column X, and the store folds names to lower case).
     */
    private static String range(boolean postgres, long from, long to) {
        return postgres ? " from generate_series(" + from + "::bigint, " + to + "::bigint) as g(x)"
                : " from (select \"X\" as x from system_range(" + from + ", " + to + ")) g";
    }

    private static void query(OperatorView view, String what, StatusFilter filter) {
        long[] ms = new long[5];
        long claims = 0;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            OperatorView.StoreStatus st = view.status(filter, 20);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            claims = st.counts().stream().mapToLong(OperatorView.ClaimCount::count).sum();
        }
        Arrays.sort(ms);
        System.out.printf("query   %-28s %,9d claims counted: median %5d ms (min %d, max %d, 5 runs, warm)%n", what, claims,
                ms[2], ms[0], ms[4]);
    }

    private static void command(Path config, Path work, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        all[args.length + 2] = "--work";
        all[args.length + 3] = work.toString();
        CommandLine cl = BenchAccess.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        long t = System.nanoTime();
        int exit = cl.execute(all);
        System.out.printf("command retro278 %-24s exit %d in %5d ms (opening the store included), %d lines%n",
                String.join(" ", args), exit, (System.nanoTime() - t) / 1_000_000, out.toString().lines().count());
    }
}
