package org.retro278.cli;

import java.io.PrintWriter;
import java.time.Clock;
import org.retro278.runtime.Adapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: the adapter, until it is stopped. SIGTERM or Ctrl-C stop it cleanly: the routes finish what
 * they are doing, the store closes, and the command exits 0. With the default configuration it starts the
 * embedded SFTP server that the shipped practices and payers use.
 */
@Command(name = "run", header = "Run the adapter until it is stopped.",
        description = {"Takes claim files from the practices' SFTP drop folders, sends 278 requests to the payers' SFTP"
                + " gateways exactly once, reads their answers back and writes the practices' status files.",
                "With the default configuration the embedded SFTP server hosts both sides and simulated payers answer.",
                "SIGTERM or Ctrl-C stops it cleanly (exit 0)."})
public final class RunCommand extends Subcommand {

    @Mixin
    Installation installation = new Installation();

    @Mixin
    AdapterLaunch launch = new AdapterLaunch();

    @Mixin
    WorkDirectory work = new WorkDirectory();

    @Mixin
    AsOf asOf = new AsOf();

    @Option(names = "--sftp-port", paramLabel = "PORT", description = "Port of the embedded SFTP server (0: any free port).")
    Integer sftpPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        Clock clock = asOf.clock("run", err());
        if (clock == null) {
            return Retro278.USAGE;
        }
        StopSignal stop = StopSignal.install();
        Adapter adapter = launch.start(installation, work.dir, sftpPort, clock);
        if (adapter == null) {
            return Retro278.USAGE;
        }
        // a stop that does not come through the signals (System.exit elsewhere, a hang-up) still closes the store
        Thread hook = new Thread(adapter::close, "retro278-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (adapter.embeddedServer() != null) {
            out.printf("retro278 is running; embedded SFTP server on %s:%d (Ctrl-C stops)%n",
                    adapter.embeddedServer().host(), adapter.embeddedServer().port());
        } else {
            out.println("retro278 is running (Ctrl-C stops)");
        }
        out.flush();
        String signal = stop.await();
        out.println("retro278: " + signal + " received, stopping");
        out.flush();
        Runtime.getRuntime().removeShutdownHook(hook);
        adapter.close();
        return Retro278.OK;
    }
}
