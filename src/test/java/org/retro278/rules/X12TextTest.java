package org.retro278.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.retro278.x12.Delimiters;

class X12TextTest {

    private final Delimiters pipes = new Delimiters('|', '>', '!', '~', false);

    @Test
    void foldsAccentsAndTypographicPunctuation() {
        assertEquals("Lucia Nunez-O'Brien \"Jr\"", X12Text.fold("Lucía Núñez\u2013O\u2019Brien \u201CJr\u201D"));
    }

    @Test
    void findsDelimitersOfThePayerNotOfOthers() {
        assertEquals(-1, X12Text.firstDisallowed("A*B:C", pipes));
        assertEquals(1, X12Text.firstDisallowed("A|B", pipes));
        assertEquals(1, X12Text.firstDisallowed("A*B", Delimiters.STANDARD));
        assertEquals(1, X12Text.firstDisallowed("A\u4E2DB", Delimiters.STANDARD));
    }

    @Test
    void freeTextReplacesWhatCannotBeSent() {
        assertEquals("Arrived at 10 30 by ambulance done", X12Text.freeText("Arrived at 10:30\r\nby  ambulance~done ", Delimiters.STANDARD));
        assertEquals("Arrived at 10:30", X12Text.freeText("Arrived at 10:30", pipes));
    }
}
