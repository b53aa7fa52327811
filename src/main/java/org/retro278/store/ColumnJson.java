package org.retro278.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The small JSON columns of the claim table: file rows and reasons. */
final class ColumnJson {

    private static final TypeReference<List<Long>> ROWS = new TypeReference<>() {
    };
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };

    private final ObjectMapper mapper = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    String rows(List<Long> rows) {
        return write(rows);
    }

    List<Long> rows(String json) {
        return json == null ? List.of() : read(json, ROWS, "file rows");
    }

    /** {@code null} for no reasons, so that the column says "none" plainly. */
    String reasons(List<Reason> reasons) {
        return reasons.isEmpty() ? null : write(reasons);
    }

    List<Reason> reasons(String json) {
        return json == null ? List.of() : read(json, REASONS, "reasons");
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON column: " + e.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String json, TypeReference<T> type, String what) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            // not chained: the message may quote the column's text
            throw new IllegalStateException("stored " + what + " are not readable JSON");
        }
    }
}
