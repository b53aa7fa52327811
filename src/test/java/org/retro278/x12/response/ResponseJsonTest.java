package org.retro278.x12.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.retro278.x12.X12Problem;

/** The writer streams each line; a line that fails half way must not spoil the lines after it. */
class ResponseJsonTest {

    private static final Envelope ENVELOPE = new Envelope("FICTPLAN", "RETRO278SUBMIT", "000000001", null, null, 1);

    @Test
    void aDocumentThatFailsHalfWayLeavesNothingAndTheNextLineIsWhole() {
        StringWriter out = new StringWriter();
        ResponseJson json = new ResponseJson(out);
        // no ruling: a defect the writer meets after the envelope and the codes are already written
        InterchangeAcknowledgment broken = new InterchangeAcknowledgment(ENVELOPE, "000000001", "260120", "1015",
                new Code("A", "accepted"), null, null, List.of());
        assertThrows(RuntimeException.class, () -> json.document(broken, "ta1.x12"));

        json.problem(new X12Problem(0, null, null, null, null, null, null, "UNREADABLE",
                "cannot read the file (NullPointerException)"), "ta1.x12");

        assertEquals("{\"kind\":\"problem\",\"file\":\"ta1.x12\",\"segmentPosition\":0,\"transactionPosition\":null,"
                + "\"transactionControlNumber\":null,\"loop\":null,\"segment\":null,\"element\":null,\"component\":null,"
                + "\"rule\":\"UNREADABLE\",\"message\":\"cannot read the file (NullPointerException)\"}\n", out.toString());
    }
}
