package org.retro278.model;

/**
 * The null checks of the records here and in {@code org.retro278.config}: one call names every part a record
 * cannot do without, so a compact constructor says in one line what it requires.
 */
public final class Require {

    private Require() {
    }

    /**
     * Refuses a null among {@code values}, naming it.
     *
     * @param names  the names of the values, in their order, separated by spaces ("id name layout")
     * @throws NullPointerException with the name of the first null value as its message
     * @throws IllegalArgumentException when there are not as many names as values (a defect of the caller)
     */
    public static void nonNull(String names, Object... values) {
        String[] each = names.split(" ");
        if (each.length != values.length) {
            throw new IllegalArgumentException(each.length + " names (" + names + ") for " + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(each[i]);
            }
        }
    }
}
