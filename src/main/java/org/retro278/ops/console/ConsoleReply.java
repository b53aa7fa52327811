package org.retro278.ops.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the console answers: a status, a body of the given type and the headers to add (a cookie, a location). The
 * management port's server adds {@code Cache-Control: no-store} to every answer, this one included.
 */
public record ConsoleReply(int status, String contentType, String body, Map<String, String> headers) {

    static final String HTML = "text/html; charset=utf-8";

    public ConsoleReply {
        headers = Map.copyOf(headers);
    }

    /** A page, with the headers that keep it from being framed, leaking its address or loading anything else. */
    static ConsoleReply page(int status, String html) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none';"
                + " base-uri 'none'");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        return new ConsoleReply(status, HTML, html, h);
    }

    /** {@code 303 See Other} to a path of the console. */
    static ConsoleReply redirect(String location) {
        return new ConsoleReply(303, "text/plain; charset=utf-8", "see " + location + "\n", Map.of("Location", location));
    }

    /** The same answer with one more header. */
    ConsoleReply with(String header, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(header, value);
        return new ConsoleReply(status, contentType, body, h);
    }
}
