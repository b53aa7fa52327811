package org.retro278.ops.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operators logged in to the console: a session per login, named by a random id in an {@code HttpOnly},
 * {@code SameSite=Strict} cookie ({@code Secure} on HTTPS), with its own random token that every form of the session
 * carries back (CSRF). Kept in memory only: a restart logs everyone out. A session unused for {@link #IDLE} is gone;
 * at most {@link #MAX} are kept (the least recently used one makes room).
 */
final class ConsoleSessions {

    static final String COOKIE = "retro278_console";
    static final Duration IDLE = Duration.ofMinutes(30);
    static final int MAX = 64;

    /** One login: its cookie's id and the token its forms carry. */
    record Session(String id, String csrf) {
        /** Whether a form's token is this session's (in constant time). */
        boolean carries(String token) {
            return MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private final Clock clock;
    private final boolean secure;

    /** @param secure whether the console is served over HTTPS (the cookie then says {@code Secure}) */
    ConsoleSessions(Clock clock, boolean secure) {
        this.clock = clock;
        this.secure = secure;
    }

    /** A new session, after a good login. */
    synchronized Session open() {
        forgetIdle();
        if (sessions.size() >= MAX) {
            lastSeen.entrySet().stream().min(Comparator.comparing(Map.Entry::getValue)).map(Map.Entry::getKey)
                    .ifPresent(this::close);
        }
        Session s = new Session(randomId(), randomId());
        sessions.put(s.id(), s);
        lastSeen.put(s.id(), clock.instant());
        return s;
    }

    /** The live session the request's cookie names, if any; using it keeps it alive. */
    synchronized Optional<Session> find(String cookieHeader) {
        forgetIdle();
        Optional<Session> s = cookieValue(cookieHeader).map(sessions::get);
        s.ifPresent(x -> lastSeen.put(x.id(), clock.instant()));
        return s;
    }

    synchronized void close(String id) {
        sessions.remove(id);
        lastSeen.remove(id);
    }

    /** The {@code Set-Cookie} value that names a session. */
    String cookie(Session s) {
        return COOKIE + "=" + s.id() + "; Path=" + Console.PATH + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that removes it from the browser. */
    String clearedCookie() {
        return COOKIE + "=; Path=" + Console.PATH + "; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    private void forgetIdle() {
        Instant oldest = clock.instant().minus(IDLE);
        lastSeen.entrySet().removeIf(e -> {
            boolean idle = e.getValue().isBefore(oldest);
            if (idle) {
                sessions.remove(e.getKey());
            }
            return idle;
        });
    }

    private String randomId() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Optional<String> cookieValue(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                return Optional.of(p.substring(COOKIE.length() + 1));
            }
        }
        return Optional.empty();
    }
}
