package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's own parameters in a mapping file: separator, quote, max-lines-per-row. */
class ClaimCsvReaderParamsTest {

    @TempDir
    Path mappings;

    @Test
    void separatorQuoteAndLinesPerRowComeFromTheMappingFile() throws Exception {
        Files.writeString(mappings.resolve("semicolons.xml"), """
                <smooks-resource-list xmlns="https://www.smooks.org/xsd/smooks-2.0.xsd"
                                      xmlns:jb="https://www.smooks.org/xsd/smooks/javabean-1.6.xsd">
                    <params>
                        <param name="retro278.layout.date-format">dd.MM.uuuu</param>
                        <param name="retro278.layout.required-columns">Fall Nr</param>
                    </params>
                    <reader class="org.retro278.mapping.ClaimCsvReader">
                        <params>
                            <param name="separator">;</param>
                            <param name="quote">'</param>
                            <param name="max-lines-per-row">2</param>
                        </params>
                    </reader>
                    <jb:bean beanId="row" class="java.util.HashMap" createOnElement="claim-row"
                             factory="mvel:[ 'claim_id' : cell['fall_nr'], 'retro_note' : cell['notiz'] ]"/>
                    <resource-config selector="claim-row">
                        <resource>org.retro278.mapping.ClaimRowHandOff</resource>
                        <param name="beanId">row</param>
                    </resource-config>
                </smooks-resource-list>
                """);
        Path claims = mappings.resolve("claims.csv");
        Files.writeString(claims, "Fall Nr;Notiz\nF-1;'a; b ''c''\nd'\nF-2;x\nF-3;'one\ntwo\nthree'\n");
        try (ClaimFileReader reader = new ClaimFileReader(ClaimLayout.load(mappings, "semicolons"))) {
            RecordingSink sink = new RecordingSink();
            reader.read(claims, sink);
            assertEquals(List.of("claim F-1 rows 2", "claim F-2 rows 4", "claim F-3 rows 5", "claim two rows 6",
                    "claim three rows 7", "end"), sink.events, "every line past the limit is accounted for");
            assertEquals("a; b 'c'\nd", sink.rows().get(0).get("retro_note"), "a quoted cell of two lines is fine");
            assertEquals("line 5 is not valid CSV: the quoted cell in column 2 is still open after 2 lines: a closing"
                    + " quote is probably missing", sink.rows().get(2).defect());
        }
    }
}
