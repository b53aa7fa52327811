package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeekableInputStreamTest {

    private static PeekableInputStream stream(byte[] data) throws IOException {
        return new PeekableInputStream(new ByteArrayInputStream(data));
    }

    @Test
    void skipsTheByteOrderMarkOnly() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'I', 'S', 'A'};
        assertEquals("ISA", new String(stream(bom).readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals("IS", new String(stream(new byte[] {'I', 'S'}).readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void peeksWithoutConsuming() throws IOException {
        PeekableInputStream in = stream("ST*278*1~\r\nBHT*0007*11*X~SE".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 9; i++) {
            in.read();
        }
        assertEquals("11", in.peekElement("BHT", 2, '*', '~'));
        assertEquals("0007", in.peekElement("BHT", 1, '*', '~'));
        assertNull(in.peekElement("HL", 1, '*', '~'));
        assertEquals('\r', in.read());
    }

    @Test
    void markAndResetAsTheLexerUsesThem() throws IOException {
        PeekableInputStream in = stream("  IEA~".getBytes(StandardCharsets.US_ASCII));
        in.mark(200);
        assertEquals(' ', in.read());
        assertEquals(' ', in.read());
        in.reset();
        assertEquals("IEA", in.peekSegment('~'));
        assertEquals(' ', in.read());
    }
}
