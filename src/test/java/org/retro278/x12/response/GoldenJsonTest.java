package org.retro278.x12.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.retro278.testing.ProjectFiles;

/**
 * Golden files: each fictional fixture {@code NAME.x12} beside its expected JSON Lines {@code NAME.jsonl}
 * (what {@code read} prints, one object per line), so a reviewer reads the data, not assertions. Lines are
 * compared as parsed JSON, one by one.
 *
 * <p>After a deliberate change of the output, rewrite the expected files with {@code mvn -o test
 * -Dtest=GoldenJsonTest -Dretro278.golden.update=true} and review the diff.
 */
class GoldenJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyFixtureGivesItsExpectedJsonLines() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenJsonTest.class.getResource(ResponseFixtures.DIR).toURI());
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(dir)) {
            fixtures = files.filter(f -> f.toString().endsWith(".x12")).sorted().toList();
        }
        assertFalse(fixtures.isEmpty(), "no fixtures in " + dir);
        boolean update = Boolean.getBoolean("retro278.golden.update");
        Path sources = ProjectFiles.path("src/test/resources" + ResponseFixtures.DIR);
        return fixtures.stream().map(fixture -> DynamicTest.dynamicTest(fixture.getFileName().toString(), () -> {
            String name = fixture.getFileName().toString();
            String actual = ResponseFixtures.json(name);
            String expectedName = name.replace(".x12", ".jsonl");
            if (update) {
                Files.writeString(sources.resolve(expectedName), actual, StandardCharsets.UTF_8);
                return;
            }
            List<String> expected = Files.readAllLines(dir.resolve(expectedName), StandardCharsets.UTF_8);
            List<String> lines = actual.lines().toList();
            assertEquals(expected.size(), lines.size(), () -> "lines of " + name + ":\n" + actual);
            for (int i = 0; i < lines.size(); i++) {
                int line = i + 1;
                assertEquals(MAPPER.readTree(expected.get(i)), MAPPER.readTree(lines.get(i)),
                        () -> name + " line " + line + ":\n" + actual);
            }
        }));
    }
}
