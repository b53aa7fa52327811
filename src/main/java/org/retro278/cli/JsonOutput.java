package org.retro278.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import picocli.CommandLine.Option;

/** The {@code --json} option of the operator's commands, and the mapper that writes it (times as ISO-8601 text). */
final class JsonOutput {

    @Option(names = "--json", description = "One JSON object on stdout instead of text.")
    boolean on;

    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
