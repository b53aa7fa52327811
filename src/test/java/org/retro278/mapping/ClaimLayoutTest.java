package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.ConfigurationException;

class ClaimLayoutTest {

    @TempDir
    Path mappings;

    @Test
    void theDefaultLayoutDeclaresIsoDatesAndTheRequiredColumnsOfTheContract() throws ConfigurationException {
        ClaimLayout layout = Fixtures.layout(ClaimLayout.DEFAULT_NAME);
        assertEquals("default", layout.name());
        assertEquals("uuuu-MM-dd", layout.datePattern());
        assertEquals(List.of("claim_id", "payer_id", "payer_name", "requester_npi", "requester_name", "member_id",
                "subscriber_last_name", "subscriber_first_name", "subscriber_dob", "subscriber_gender", "service_type",
                "place_of_service", "service_date_from", "diagnosis_codes", "procedure_code", "retro_reason"),
                layout.requiredColumns());
        assertTrue(layout.description().startsWith("Default claims CSV"), layout.description());
        assertEquals(Fixtures.mappings().resolve("default.xml"), layout.mappingFile());
    }

    @Test
    void theDateFormatIsStrict() throws ConfigurationException {
        ClaimLayout layout = Fixtures.layout("default");
        assertThrows(DateTimeParseException.class, () -> LocalDate.parse("2024-02-30", layout.dateFormat()));
        assertEquals(LocalDate.of(2024, 2, 29), LocalDate.parse("2024-02-29", layout.dateFormat()));
    }

    @Test
    void anUnknownNameListsTheAvailableLayouts() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ClaimLayout.load(Fixtures.mappings(), "athena"));
        assertTrue(e.getMessage().startsWith("unknown layout 'athena': there is no athena.xml in "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; available layouts: default, pm-export"), e.getMessage());
    }

    @Test
    void aNameCannotReachOutsideTheMappingsDirectory() {
        assertThrows(ConfigurationException.class, () -> ClaimLayout.load(Fixtures.mappings(), "../pom"));
        assertThrows(ConfigurationException.class, () -> ClaimLayout.load(Fixtures.mappings(), "default.xml"));
    }

    @Test
    void aLayoutWithoutDateFormatOrRequiredColumnsIsRefused() throws IOException {
        write("no-date", params("", "claim_id"));
        write("no-columns", params("uuuu-MM-dd", ""));
        assertTrue(assertThrows(ConfigurationException.class, () -> ClaimLayout.load(mappings, "no-date"))
                .getMessage().contains("does not declare its date format"));
        assertTrue(assertThrows(ConfigurationException.class, () -> ClaimLayout.load(mappings, "no-columns"))
                .getMessage().contains("does not list its required columns"));
    }

    @Test
    void aDatePatternThatCannotReadAFullDateIsRefused() throws IOException {
        write("era-year", params("yyyy-MM-dd", "claim_id"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ClaimLayout.load(mappings, "era-year"));
        assertTrue(e.getMessage().contains("write the year as uuuu, not yyyy"), e.getMessage());
        write("bad-pattern", params("uuuu-MM-dd{", "claim_id"));
        assertThrows(ConfigurationException.class, () -> ClaimLayout.load(mappings, "bad-pattern"));
    }

    @Test
    void aMappingThatDoesNotHandRowsToJavaIsRefusedByTheReader() throws IOException, ConfigurationException {
        write("no-hand-off", """
                <smooks-resource-list xmlns="https://www.smooks.org/xsd/smooks-2.0.xsd">
                    <params>
                        <param name="retro278.layout.date-format">uuuu-MM-dd</param>
                        <param name="retro278.layout.required-columns">claim_id</param>
                    </params>
                    <reader class="org.retro278.mapping.ClaimCsvReader"/>
                </smooks-resource-list>
                """);
        ClaimLayout layout = ClaimLayout.load(mappings, "no-hand-off");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ClaimFileReader(layout));
        assertTrue(e.getMessage().contains("org.retro278.mapping.ClaimRowHandOff"), e.getMessage());
    }

    @Test
    void anExpressionThatFailsOnARowRefusesTheFileNamingTheRow() throws Exception {
        write("fragile", """
                <smooks-resource-list xmlns="https://www.smooks.org/xsd/smooks-2.0.xsd"
                                      xmlns:jb="https://www.smooks.org/xsd/smooks/javabean-1.6.xsd">
                    <params>
                        <param name="retro278.layout.date-format">uuuu-MM-dd</param>
                        <param name="retro278.layout.required-columns">claim_id</param>
                    </params>
                    <reader class="org.retro278.mapping.ClaimCsvReader"/>
                    <jb:bean beanId="row" class="java.util.HashMap" createOnElement="claim-row"
                             factory="mvel:[ 'claim_id' : cell['claim_id'].substring(3) ]"/>
                    <resource-config selector="claim-row">
                        <resource>org.retro278.mapping.ClaimRowHandOff</resource>
                    </resource-config>
                </smooks-resource-list>
                """);
        Path claims = mappings.resolve("claims.csv");
        Files.writeString(claims, "claim_id\nCLM-1\nCLM-2\nC3\n");
        try (ClaimFileReader reader = new ClaimFileReader(ClaimLayout.load(mappings, "fragile"))) {
            RecordingSink sink = new RecordingSink();
            ClaimFileRefusedException e = assertThrows(ClaimFileRefusedException.class, () -> reader.read(claims, sink));
            assertTrue(e.getMessage().startsWith("row 4 could not be mapped: an expression of the layout failed on it"),
                    e.getMessage());
            assertEquals(List.of("claim -1 rows 2"), sink.events, "the row before was mapped, the read never ended");
            RecordingSink checked = new RecordingSink();
            e = assertThrows(ClaimFileRefusedException.class, () -> reader.readChecked(claims, checked));
            assertTrue(e.getMessage().startsWith("row 4 could not be mapped"), e.getMessage());
            assertEquals(List.of(), checked.events, "a checked read refuses before it hands anything on");
        }
    }

    private static String params(String datePattern, String requiredColumns) {
        return """
                <smooks-resource-list xmlns="https://www.smooks.org/xsd/smooks-2.0.xsd">
                    <params>
                        <param name="retro278.layout.date-format">%s</param>
                        <param name="retro278.layout.required-columns">%s</param>
                    </params>
                </smooks-resource-list>
                """.formatted(datePattern, requiredColumns);
    }

    private void write(String name, String xml) throws IOException {
        Files.writeString(mappings.resolve(name + ".xml"), xml);
    }
}
