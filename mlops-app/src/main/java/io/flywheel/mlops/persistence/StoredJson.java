package io.flywheel.mlops.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON documents mlops-app keeps in text columns (profiles, reports, suites): written and read back as is. */
public final class StoredJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StoredJson() {
    }

    /** The value as JSON; {@code type} keeps the element type of a generic collection (polymorphic elements need it). */
    public static <T> String write(T value, TypeReference<T> type) {
        try {
            return JSON.writerFor(type).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a " + type.getType().getTypeName() + " as JSON", e);
        }
    }

    /** The value as JSON. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A stored document read back; a document that does not read is a bug (or tampering), never a client's fault. */
    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getType().getTypeName() + " could not be read", e);
        }
    }
}
