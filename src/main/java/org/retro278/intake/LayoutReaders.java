package org.retro278.intake;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.retro278.config.ConfigurationException;
import org.retro278.mapping.ClaimFileReader;
import org.retro278.mapping.ClaimLayout;

/** The claim file reader of each layout in {@code mappings/}, loaded when a practice first needs it and kept. */
final class LayoutReaders {

    private final Path mappings;
    private final Map<String, ClaimFileReader> readers = new ConcurrentHashMap<>();

    LayoutReaders(Path mappings) {
        this.mappings = mappings;
    }

    ClaimFileReader of(String layout) throws ConfigurationException {
        ClaimFileReader r = readers.get(layout);
        if (r == null) {
            synchronized (readers) {
                r = readers.get(layout);
                if (r == null) {
                    r = new ClaimFileReader(ClaimLayout.load(mappings, layout));
                    readers.put(layout, r);
                }
            }
        }
        return r;
    }

    void close() {
        readers.values().forEach(ClaimFileReader::close);
    }
}
