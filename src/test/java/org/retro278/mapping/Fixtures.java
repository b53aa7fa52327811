package org.retro278.mapping;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.retro278.config.ConfigurationException;

/** Where tests find the project's mappings and their fixture files. */
final class Fixtures {

    private Fixtures() {
    }

    /** The project's top-level {@code mappings/} directory (surefire sets retro278.project.dir). */
    static Path mappings() {
        return Path.of(System.getProperty("retro278.project.dir", ".")).resolve("mappings");
    }

    static ClaimLayout layout(String name) throws ConfigurationException {
        return ClaimLayout.load(mappings(), name);
    }

    /** A fixture under src/test/resources/org/retro278/mapping. */
    static Path file(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
