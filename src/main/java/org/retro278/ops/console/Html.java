package org.retro278.ops.console;

import java.util.List;
import org.retro278.ops.console.ConsoleSessions.Session;

/**
 * The console's HTML: every value goes through {@link #esc} (claim ids and file names come from partners), except
 * {@link Raw} fragments the console made itself. Plain HTML and one style sheet; no script, nothing from elsewhere.
 */
final class Html {

    /** A fragment of HTML made by the console, put in as it is. */
    record Raw(String html) {
        @Override
        public String toString() {
            return html;
        }
    }

    static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2530; background: #f6f7f9; }
            header { background: #1d2a3a; color: #fff; padding: .5em 1em; display: flex; gap: 1em; align-items: center; }
            header a { color: #fff; font-weight: bold; text-decoration: none; }
            header form { margin: 0; }
            header .search { flex: 1; }
            main { padding: 1em; max-width: 80em; }
            h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
            table { border-collapse: collapse; background: #fff; margin: .3em 0; }
            th, td { border: 1px solid #d5d9e0; padding: .25em .6em; text-align: left; vertical-align: top; }
            th { background: #eceff3; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; background: #fff; padding: .6em; }
            dt { font-weight: bold; }
            .note { color: #556; } .error { color: #a00; font-weight: bold; } .done { color: #060; font-weight: bold; }
            .phi { border: 2px solid #b60; padding: .5em; background: #fff8ee; }
            .login { max-width: 26em; margin: 4em auto; background: #fff; padding: 1.5em; border: 1px solid #d5d9e0; }
            input[type=password], input[type=search], input[type=text] { width: 100%; box-sizing: border-box; padding: .3em; }
            """;

    private Html() {
    }

    /** The text of a value, escaped for an element or a quoted attribute; {@code null} is empty. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Raw r) {
            return r.html();
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A link to a path of the console (the path is the console's own; its text is escaped). */
    static Raw link(String path, Object text) {
        return new Raw("<a href=\"" + esc(path) + "\">" + esc(text) + "</a>");
    }

    /**
     * A form that posts to {@code action} with the session's CSRF token, hidden fields (name, value pairs), any inner
     * HTML (inputs) and a button.
     */
    static Raw postForm(String action, Session session, List<String> hidden, Raw inner, String button) {
        StringBuilder b = new StringBuilder("<form method=\"post\" action=\"").append(esc(action)).append("\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(esc(session.csrf())).append("\">");
        for (int i = 0; i + 1 < hidden.size(); i += 2) {
            b.append("<input type=\"hidden\" name=\"").append(esc(hidden.get(i))).append("\" value=\"")
                    .append(esc(hidden.get(i + 1))).append("\">");
        }
        return new Raw(b.append(inner == null ? "" : inner.html()).append("<button type=\"submit\">").append(esc(button))
                .append("</button></form>").toString());
    }

    /** A whole page; with a session, the bar with the dashboard, the search and the logout. */
    static String page(String title, Session session, String query, String body) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" - retro278</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(Console.PATH).append("/style.css\"></head><body><header>")
                .append("<a href=\"").append(Console.PATH).append("/\">retro278</a>");
        if (session != null) {
            b.append("<form class=\"search\" method=\"get\" action=\"").append(Console.PATH).append("/search\">")
                    .append("<input type=\"search\" name=\"q\" id=\"q\" value=\"").append(esc(query))
                    .append("\" placeholder=\"claim id, trace number (TRN02), ISA13 or ISA13/ST02\" aria-label=\"search\"></form>")
                    .append(postForm(Console.PATH + "/logout", session, List.of(), null, "Log out"));
        }
        return b.append("</header><main><h1>").append(esc(title)).append("</h1>").append(body).append("</main></body></html>\n")
                .toString();
    }

    /** A table: headings, then rows of values (escaped unless {@link Raw}); an empty list says so. */
    static String table(String id, List<String> headings, List<List<Object>> rows, String whenEmpty) {
        if (rows.isEmpty()) {
            return "<p class=\"note\" id=\"" + esc(id) + "\">" + esc(whenEmpty) + "</p>";
        }
        StringBuilder b = new StringBuilder("<table id=\"").append(esc(id)).append("\"><thead><tr>");
        headings.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (List<Object> row : rows) {
            b.append("<tr>");
            for (Object cell : row) {
                b.append(cell instanceof Number ? "<td class=\"n\">" : "<td>").append(esc(cell)).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
