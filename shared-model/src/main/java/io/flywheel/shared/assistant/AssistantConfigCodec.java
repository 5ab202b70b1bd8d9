package io.flywheel.shared.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The canonical bytes of an {@link AssistantConfig}: compact UTF-8 JSON, properties in declaration order, so that the
 * same configuration always has the same sha256 in the registry, and both apps read exactly what the other wrote.
 */
public final class AssistantConfigCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private AssistantConfigCodec() {
    }

    /** The artifact bytes of a configuration. */
    public static byte[] write(AssistantConfig config) {
        try {
            return MAPPER.writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an assistant configuration could not be written", e);
        }
    }

    /**
     * Reads artifact (or request) bytes.
     *
     * @throws JsonProcessingException when they are not JSON, or not of the configuration's shape
     */
    public static AssistantConfig read(byte[] bytes) throws JsonProcessingException {
        try {
            return MAPPER.readValue(bytes, AssistantConfig.class);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
