package org.retro278.io;

import java.nio.charset.StandardCharsets;

/**
 * The name a partner gave a file, and the names retro278 makes from it. A partner may send any name its
 * server allows: up to 255 bytes of UTF-8, glob characters, quotes, control characters. Such a name never
 * reaches a log ({@link #logId}: a short hash instead; names can carry PHI), is shown in reports with its
 * control characters spelled out ({@link #shown}), and every name retro278 derives from it (status files,
 * reports, local copies) stays short and plain ({@link #stem}) so that its temporary names fit in 255 bytes
 * too. docs/partners.md, "File names".
 */
public final class PartnerFileName {

    /**
     * The longest name (UTF-8 bytes) retro278 gives a file it derives, suffix included: its temporary names
     * (a dot and {@code .part} on the server, a dot, a random number and {@code .part} locally) stay well
     * under the 255 bytes a file system allows.
     */
    public static final int MAX_DERIVED_BYTES = 200;

    /** How many hex digits of the name's SHA-256 tell two cut names apart. */
    private static final int HASH_HEX = 8;

    private PartnerFileName() {
    }

    /** What a log line says instead of the name: {@code #} and the first 8 hex digits of its SHA-256. */
    public static String logId(String name) {
        return "#" + Hashes.sha256(name == null ? "" : name).substring(0, HASH_HEX);
    }

    /**
     * Whether a derived name may carry the partner's name as it is: no control characters, no path
     * separator, none of the characters SFTP clients treat as a pattern or an escape ({@code * ? \}), no
     * leading dot (a hidden or in-progress file).
     */
    public static boolean plain(String name) {
        if (name.isEmpty() || hidden(name)) {
            return false;
        }
        return name.codePoints().allMatch(PartnerFileName::plainChar);
    }

    private static boolean plainChar(int c) {
        return !Character.isISOControl(c) && c != '/' && c != '\\' && c != '*' && c != '?' && c != 0x2028 && c != 0x2029
                && c != 0xFEFF && Character.getType(c) != Character.FORMAT;
    }

    /**
     * The start of a derived name, to which a suffix of up to {@code suffixBytes} bytes is added: the name
     * itself when it is {@link #plain} and short enough, otherwise its plain characters (others become
     * {@code _}), cut on a character boundary, then {@code ~} and 8 hex digits of its hash, so that two long
     * names that start alike still get names of their own.
     */
    public static String stem(String name, int suffixBytes) {
        int room = MAX_DERIVED_BYTES - suffixBytes;
        if (plain(name) && bytes(name) <= room) {
            return name;
        }
        String tail = "~" + Hashes.sha256(name).substring(0, HASH_HEX);
        StringBuilder b = new StringBuilder();
        int used = bytes(tail);
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            String part = plainChar(c) && !(b.length() == 0 && c == '.') ? new String(Character.toChars(c)) : "_";
            int n = bytes(part);
            if (used + n > room) {
                break;
            }
            b.append(part);
            used += n;
        }
        return b + tail;
    }

    /** A name for a local copy: only {@code A-Z a-z 0-9 . _ -} (others become {@code _}), bounded like {@link #stem}. */
    public static String local(String name, int suffixBytes) {
        return stem(name.replaceAll("[^A-Za-z0-9._-]", "_"), suffixBytes);
    }

    /**
     * The name a file is moved under on the partner's server ({@code .done}, {@code .error}): its own, unless it holds
     * {@code *} or {@code ?}, which the SFTP client under Camel (JSch) reads as a pattern in a target name and which
     * Camel gives no way to escape, or a backslash, which Camel takes for a path separator in a target name; then its
     * {@link #stem}.
     */
    public static String movable(String name) {
        return name.indexOf('*') < 0 && name.indexOf('?') < 0 && name.indexOf('\\') < 0 ? name : stem(name, 0);
    }

    /**
     * Whether a file of this name cannot be read: Camel takes a backslash for a path separator on Linux (its
     * FileUtil.normalizePath and stripPath) and JSch reads one as an escape, so camel-sftp would download another
     * path. The adapter's SFTP consumer (sftp/DropFolderSftpComponent) keeps such a file's real path, never
     * downloads it and moves it under its real name, given to JSch escaped; the intake refuses it, unread, into the
     * error folder beside a report, under its {@link #movable} name (docs/partners.md, "File names").
     */
    public static boolean unreadable(String name) {
        return name.indexOf('\\') >= 0;
    }

    /**
     * Whether the name starts with a dot: a hidden file, or by the SFTP clients' convention an upload in progress
     * under a temporary name. The intake never reads one; it refuses one left unchanged long enough.
     */
    public static boolean hidden(String name) {
        return name.startsWith(".");
    }

    /** The name for a report the practice reads: control and invisible characters spelled out ({@code \n}, {@code \e}, {@code \u00AD}). */
    public static String shown(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x1B -> b.append("\\e");
                default -> {
                    if (c != ' ' && (Character.isISOControl(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT)) {
                        b.append(String.format("\\u%04X", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    /** UTF-8 length. */
    public static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
