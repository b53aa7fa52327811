package org.retro278.ops.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to the console, as the management port's server hands it over: the method, the path, the query's and
 * the form's fields (the first value of each name) and the {@code Cookie} header. Nothing here knows HTTP servers, so
 * the console is tested without one.
 *
 * @param cookies the {@code Cookie} header, or {@code null}
 */
public record ConsoleRequest(String method, String path, Map<String, String> query, Map<String, String> form,
                             String cookies) {

    public ConsoleRequest {
        query = Map.copyOf(query);
        form = Map.copyOf(form);
    }

    /** A request from its raw query string and {@code application/x-www-form-urlencoded} body (either may be null). */
    public static ConsoleRequest of(String method, String path, String rawQuery, String formBody, String cookies) {
        return new ConsoleRequest(method, path, fields(rawQuery), fields(formBody), cookies);
    }

    boolean isPost() {
        return "POST".equals(method);
    }

    /** A field of the query, or {@code ""}. */
    String param(String name) {
        return query.getOrDefault(name, "");
    }

    /** A field of the form, or {@code ""}. */
    String field(String name) {
        return form.getOrDefault(name, "");
    }

    /** The fields of a URL-encoded string: the first value of each name; a field that does not decode is left out. */
    static Map<String, String> fields(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the field is ignored, as a missing one would be
            }
        }
        return out;
    }
}
