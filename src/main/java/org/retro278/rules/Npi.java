package org.retro278.rules;

/**
 * National Provider Identifier: ten digits whose last is a Luhn check digit computed over the nine
 * before it prefixed with the card issuer prefix 80840 (CMS NPI check digit rule).
 */
public final class Npi {
    private Npi() {
    }

    public static boolean isValid(String npi) {
        if (npi == null || npi.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (npi.charAt(i) < '0' || npi.charAt(i) > '9') {
                return false;
            }
        }
        String full = "80840" + npi;
        int sum = 0;
        boolean dbl = false;
        for (int i = full.length() - 1; i >= 0; i--) {
            int d = full.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
