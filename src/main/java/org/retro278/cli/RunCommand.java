package org.retro278.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.retro278.config.ConfigurationException;
import org.retro278.runtime.Adapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run}: the adapter, until it is stopped (SIGTERM or Ctrl-C stop it cleanly). With the default
 * configuration it starts the embedded SFTP server that the shipped practices and payers use.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the adapter: take claim files from the practices' SFTP drop folders, send 278 requests to the",
                "payers' SFTP gateways, exactly once. With the default configuration the embedded SFTP server hosts both."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Installation installation = new Installation();

    @Option(names = "--routes", paramLabel = "DIR", defaultValue = "routes",
            description = "Camel route templates (default: ${DEFAULT-VALUE}).")
    Path routes;

    @Option(names = "--work", paramLabel = "DIR", description = "Work directory (default: retro278.work.dir of application.properties).")
    Path work;

    @Option(names = "--sftp-port", paramLabel = "PORT", description = "Port of the embedded SFTP server (0: any free port).")
    Integer sftpPort;

    @Override
    public Integer call() throws Exception {
        Adapter adapter;
        try {
            adapter = Adapter.start(new Adapter.Options(installation.config, installation.mappings, routes, work, sftpPort, null,
                    org.retro278.sftp.Secrets.environment(), java.time.Clock.systemDefaultZone()));
        } catch (ConfigurationException e) {
            spec.commandLine().getErr().println("run: configuration: " + e.getMessage());
            return Retro278.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            adapter.close();
            stopped.countDown();
        }, "retro278-shutdown"));
        if (adapter.embeddedServer() != null) {
            spec.commandLine().getOut().printf("retro278 is running; embedded SFTP server on %s:%d (Ctrl-C stops)%n",
                    adapter.embeddedServer().host(), adapter.embeddedServer().port());
        } else {
            spec.commandLine().getOut().println("retro278 is running (Ctrl-C stops)");
        }
        spec.commandLine().getOut().flush();
        stopped.await();
        return Retro278.OK;
    }
}
