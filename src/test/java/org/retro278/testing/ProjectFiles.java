package org.retro278.testing;

import java.nio.file.Path;

/** Locates files of the project checkout and of the shared folder beside it, for tests. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The project directory (surefire passes it; else the working directory). */
    public static Path root() {
        String p = System.getProperty("retro278.project.dir");
        return p == null ? Path.of("").toAbsolutePath() : Path.of(p);
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    /**
     * The shared folder (public X12 samples, docs) that sits beside the project: system property
     * {@code retro278.shared.dir}, else environment variable {@code RETRO278_SHARED_DIR} (what .ci/run
     * sets), else {@code ../shared} next to the project directory.
     */
    public static Path sharedDir() {
        String p = System.getProperty("retro278.shared.dir");
        if (p == null || p.isBlank()) {
            p = System.getenv("RETRO278_SHARED_DIR");
        }
        return p != null && !p.isBlank() ? Path.of(p) : root().resolve("../shared").normalize();
    }

}
