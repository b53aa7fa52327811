package org.retro278.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** {@code <config>/application.properties} as the settings records read it: UTF-8, a failure named by the file. */
final class ApplicationProperties {

    private ApplicationProperties() {
    }

    static Properties read(Path file) throws ConfigurationException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read: " + e.getMessage(), e);
        }
        return p;
    }
}
