package org.retro278.x12.control;

import java.util.Locale;

/** The three control numbers of an X12 envelope. Each is a positive number of at most nine digits. */
public enum ControlNumberKind {
    /** ISA13 / IEA02. */
    INTERCHANGE("ISA13"),
    /** GS06 / GE02. */
    GROUP("GS06"),
    /** ST02 / SE02. */
    TRANSACTION("ST02");

    /** The largest value any of the three elements can carry. */
    public static final long MAX = 999_999_999L;

    private final String element;

    ControlNumberKind(String element) {
        this.element = element;
    }

    /** The X12 element that carries it. */
    public String element() {
        return element;
    }

    /** The key this kind has in stores. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
