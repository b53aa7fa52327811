package org.retro278.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import org.retro278.model.RetroAuthorizationRequest;

/**
 * The canonical request as JSON, the form the store keeps it in (the store is its system of record; the
 * submission route rebuilds the 278 from it). The JSON is the record components by name: dates as ISO
 * strings ({@code "2026-11-15"}), amounts and units as strings so that their scale survives
 * ({@code "1.50"} stays 1.50), enums by name, absent parts left out. Reading ignores names it does not
 * know, so rows written by a newer version stay readable after a rollback.
 *
 * <p>The text is PHI. Errors never carry it: a failure names the JSON path, not the value.
 */
public final class RequestJson {

    private final ObjectMapper mapper;

    /** A codec; it is thread-safe and meant to be shared. */
    public RequestJson() {
        JsonMapper m = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // record components only: derived accessors such as isPerson() or isInstitutional() are not data
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .build();
        m.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        this.mapper = m;
    }

    /** The request as a JSON object. */
    public String write(RetroAuthorizationRequest request) {
        try {
            return mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the request of claim " + request.claimId() + " cannot be written as JSON: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The request a JSON object describes.
     *
     * @throws IllegalArgumentException when the text is not a request; the message names where (JSON path),
     *                                  never the values
     */
    public RetroAuthorizationRequest read(String json) {
        try {
            return mapper.readValue(json, RetroAuthorizationRequest.class);
        } catch (JsonMappingException e) {
            // deliberately not chained: Jackson's message quotes the offending value
            throw new IllegalArgumentException("stored request JSON does not match the model at " + path(e));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored request JSON is malformed near line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
