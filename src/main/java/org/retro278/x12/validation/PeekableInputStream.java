package org.retro278.x12.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte stream StAEDI reads, with two additions StAEDI cannot do for us.
 *
 * <p>A UTF-8 byte-order mark at the start is fatal to StAEDI's lexer, so it is skipped here.
 *
 * <p>The transaction schema must be handed to StAEDI when it reports ST, before the BHT that says whether
 * the set is a request or a response has been read. StAEDI reads its input one byte at a time and wraps
 * it in its own buffer only when the stream cannot mark, so when it reports the end of ST it has consumed
 * exactly the bytes up to ST's terminator: {@link #peekElement} then looks at the next segment without
 * consuming it. It is a look at one element of one segment, not a reader: every byte still goes through
 * StAEDI afterwards. Unsynchronized on purpose (one reader per stream; the lexer calls {@link #read()} per
 * byte).
 *
 * <p>It also notices what StAEDI passes over in silence: whitespace between a segment terminator and the
 * next segment id. One line break there (LF, CR or CRLF) is what many senders write and is tolerated; any
 * other whitespace is held for the pass to report at the next segment ({@link #takePadding()}).
 */
final class PeekableInputStream extends InputStream {

    private static final int MAX_PEEK = 512;

    private final InputStream in;
    private byte[] buf = new byte[8192];
    private int pos;
    private int count;
    private int markPos = -1;
    private boolean eof;

    /** The segment terminator of the interchange being read, once its header is known. */
    private int terminator = -1;
    /** Whether the bytes read since the last terminator (or the start) are whitespace only. */
    private boolean afterTerminator = true;
    private int gapLength;
    private int gapFirst;
    private int gapSecond;
    /** Whitespace other than one line break stood before the segment now being read. */
    private boolean padded;

    PeekableInputStream(InputStream in) throws IOException {
        this.in = in;
        if (ensure(3) >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
    }

    /** Makes at least {@code n} bytes available from {@code pos} when the stream has them; returns how many are. */
    private int ensure(int n) throws IOException {
        while (count - pos < n && !eof) {
            int keep = markPos >= 0 ? Math.min(markPos, pos) : pos;
            if (keep > 0) {
                System.arraycopy(buf, keep, buf, 0, count - keep);
                count -= keep;
                pos -= keep;
                if (markPos >= 0) {
                    markPos -= keep;
                }
            }
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int r = in.read(buf, count, buf.length - count);
            if (r < 0) {
                eof = true;
            } else {
                count += r;
            }
        }
        return count - pos;
    }

    @Override
    public int read() throws IOException {
        if (pos >= count && ensure(1) < 1) {
            return -1;
        }
        int b = buf[pos++] & 0xFF;
        watch(b);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int available = ensure(1);
        if (available < 1) {
            return -1;
        }
        int n = Math.min(len, available);
        System.arraycopy(buf, pos, b, off, n);
        for (int i = 0; i < n; i++) {
            watch(b[off + i] & 0xFF);
        }
        pos += n;
        return n;
    }

    /** Follows the gap between a terminator and the next segment id, byte by byte as StAEDI reads. */
    private void watch(int b) {
        if (b == terminator) {
            afterTerminator = true;
            gapLength = 0;
            padded = false;
        } else if (afterTerminator) {
            if (isWhitespace(b)) {
                if (gapLength == 0) {
                    gapFirst = b;
                } else if (gapLength == 1) {
                    gapSecond = b;
                }
                gapLength++;
            } else {
                afterTerminator = false;
                padded = isPadding(gapLength, gapFirst, gapSecond);
            }
        }
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == 0x0B;
    }

    /** A gap of whitespace that is more than one line break (LF, CR or CRLF). */
    private static boolean isPadding(int length, int first, int second) {
        boolean lineBreak = length == 1 && (first == '\n' || first == '\r') || length == 2 && first == '\r' && second == '\n';
        return length > 0 && !lineBreak;
    }

    /**
     * Whether the unread bytes start with whitespace other than one line break: for an interchange header,
     * which StAEDI reads whole before it reports the segment.
     */
    boolean paddedAhead() throws IOException {
        int available = ensure(MAX_PEEK);
        int n = 0;
        while (n < available && isWhitespace(buf[pos + n] & 0xFF)) {
            n++;
        }
        return n < available && isPadding(n, n > 0 ? buf[pos] & 0xFF : 0, n > 1 ? buf[pos + 1] & 0xFF : 0);
    }

    /** Sets the segment terminator of the interchange being read (from its ISA header). */
    void terminator(char c) {
        terminator = c;
    }

    /**
     * Whether whitespace other than one line break stood before the segment id read last; asking clears it,
     * so that it is reported once.
     */
    boolean takePadding() {
        boolean was = padded;
        padded = false;
        return was;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public void mark(int readlimit) {
        markPos = pos;
    }

    @Override
    public void reset() throws IOException {
        if (markPos < 0) {
            throw new IOException("reset without mark");
        }
        pos = markPos;
        markPos = -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Up to {@code max} characters from the next non-blank byte on (the LF or CRLF many senders put after a
     * terminator is skipped), without consuming them. Bytes are taken as ISO-8859-1 characters, enough for
     * the ASCII tags, codes and delimiters looked at.
     */
    String peek(int max) throws IOException {
        int available = ensure(Math.min(max, MAX_PEEK) + 16);
        int i = pos;
        int end = pos + available;
        while (i < end && (buf[i] & 0xFF) <= ' ') {
            i++;
        }
        int n = Math.min(max, end - i);
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append((char) (buf[i + k] & 0xFF));
        }
        return b.toString();
    }

    /** The next segment (see {@link #peek}) up to but excluding {@code terminator}, at most 512 characters. */
    String peekSegment(char terminator) throws IOException {
        String s = peek(MAX_PEEK);
        int end = s.indexOf(terminator);
        return end < 0 ? s : s.substring(0, end);
    }

    /**
     * Element {@code position} of the next segment if that segment is {@code tag}, else {@code null}. Only
     * used to choose a schema (BHT02): a wrong answer costs a clearer message, never a missed check. Scans the
     * buffered bytes in place (it runs once per transaction set).
     */
    String peekElement(String tag, int position, char elementSeparator, char terminator) throws IOException {
        int available = ensure(MAX_PEEK + 16);
        int i = pos;
        int end = pos + Math.min(available, MAX_PEEK + 16);
        while (i < end && (buf[i] & 0xFF) <= ' ') {
            i++;
        }
        for (int k = 0; k < tag.length(); k++, i++) {
            if (i >= end || (buf[i] & 0xFF) != tag.charAt(k)) {
                return null;
            }
        }
        if (i >= end || (buf[i] & 0xFF) != elementSeparator) {
            return null;
        }
        int element = 0;
        int start = i + 1;
        for (int j = i + 1; j <= end; j++) {
            int c = j < end ? buf[j] & 0xFF : -1;
            if (c == elementSeparator || c == terminator || c == -1) {
                if (++element == position) {
                    return c == -1 && j == end && end - pos >= MAX_PEEK ? null
                            : new String(buf, start, j - start, StandardCharsets.ISO_8859_1);
                }
                if (c != elementSeparator) {
                    return null;
                }
                start = j + 1;
            }
        }
        return null;
    }
}
