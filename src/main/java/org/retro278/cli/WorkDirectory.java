package org.retro278.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --work} option of {@code run} and of the commands that read what it keeps there. */
final class WorkDirectory {

    @Option(names = "--work", paramLabel = "DIR", description = "Work directory of the installation: the embedded store,"
            + " spool, archive and keys (default: retro278.work.dir of application.properties).")
    Path dir;
}
