package org.retro278.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** JDBC conversions both engines agree on: times as UTC {@code OffsetDateTime}, nullable numbers. */
final class Sql {
    private Sql() {
    }

    /** The claim states that pass the test, as a SQL list of literals (the fixed vocabulary, never input): 'A', 'B'. */
    static String states(Predicate<ClaimState> test) {
        return Arrays.stream(ClaimState.values()).filter(test).map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }

    static void setTime(PreparedStatement ps, int i, OffsetDateTime t) throws SQLException {
        set(ps, i, t, Types.TIMESTAMP_WITH_TIMEZONE, PreparedStatement::setObject);
    }

    static void setDate(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        set(ps, i, d, Types.DATE, PreparedStatement::setObject);
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        set(ps, i, v, Types.BIGINT, PreparedStatement::setLong);
    }

    static void setText(PreparedStatement ps, int i, String s) throws SQLException {
        set(ps, i, s, Types.VARCHAR, PreparedStatement::setString);
    }

    /** Sets a parameter of a statement. */
    @FunctionalInterface
    private interface Setter<T> {
        void set(PreparedStatement ps, int i, T value) throws SQLException;
    }

    /** A SQL NULL of {@code nullType} for {@code null}, else the value as {@code setter} sets it. */
    private static <T> void set(PreparedStatement ps, int i, T value, int nullType, Setter<T> setter) throws SQLException {
        if (value == null) {
            ps.setNull(i, nullType);
        } else {
            setter.set(ps, i, value);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    static LocalDateTime localTime(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** Words for a bounded column, cut to fit. */
    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
