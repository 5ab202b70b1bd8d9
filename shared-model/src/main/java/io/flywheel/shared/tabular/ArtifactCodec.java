package io.flywheel.shared.tabular;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flywheel.shared.problem.JsonProblems;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads and writes {@link TabularModelArtifact}s as compact UTF-8 JSON. Writing is deterministic: the same artifact
 * always gives the same bytes (fields in declaration order, maps by key, numbers in their shortest round-tripping
 * form whatever the JVM), hence the same sha256. Reading is strict — unknown, missing or mistyped fields, trailing
 * bytes and inconsistent parts are refused with a message naming where — so that a truncated or tampered artifact
 * fails here, never later while scoring.
 */
public final class ArtifactCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** How Jackson starts the messages of a missing field and of trailing bytes (no dedicated exception types). */
    private static final String MISSING_FIELD = "Missing creator property";
    private static final String TRAILING = "Trailing token";

    private ArtifactCodec() {
    }

    /** The artifact's bytes. */
    public static byte[] write(TabularModelArtifact artifact) {
        try {
            return MAPPER.writeValueAsBytes(artifact);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a valid artifact could not be written", e);
        }
    }

    /** Reads and checks artifact bytes; anything wrong is a 422 {@code invalid-artifact} problem saying what. */
    public static TabularModelArtifact read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw invalid("the artifact is empty");
        }
        checkHeader(bytes);
        try {
            return MAPPER.readValue(bytes, TabularModelArtifact.class);
        } catch (JsonMappingException e) {
            throw invalid("the artifact is invalid at `" + JsonProblems.fieldName(e.getPath()) + "`: " + reason(e));
        } catch (IOException e) {
            throw invalid("the artifact is not valid JSON: " + originalMessage(e));
        }
    }

    /** Lower-case hex sha256 of bytes, as the registry and the deployments contract carry it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /** Says "wrong format" or "unsupported version" before the details of a format this reader does not know. */
    private static void checkHeader(byte[] bytes) {
        Header header;
        try {
            header = MAPPER.readerFor(Header.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(bytes);
        } catch (JsonMappingException e) {
            throw invalid("the artifact does not start like one: " + reason(e));
        } catch (IOException e) {
            throw invalid("the artifact is not valid JSON: " + originalMessage(e));
        }
        if (!TabularModelArtifact.FORMAT.equals(header.format())) {
            throw invalid("this is not a Flywheel tabular model: format is `" + header.format() + "`, expected `"
                    + TabularModelArtifact.FORMAT + "`");
        }
        if (header.formatVersion() == null || header.formatVersion() != TabularModelArtifact.FORMAT_VERSION) {
            throw invalid("format version " + header.formatVersion() + " is not supported; this reader reads version "
                    + TabularModelArtifact.FORMAT_VERSION);
        }
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return cause.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field `" + unknown.getPropertyName() + "`";
        }
        if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith(MISSING_FIELD)) {
            return "the field is missing";
        }
        if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith(TRAILING)) {
            return "there are bytes after the end of the artifact";
        }
        return originalMessage(e);
    }

    private static String originalMessage(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_ARTIFACT, detail);
    }

    /** The two fields that say what an artifact is, read before anything else. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Header(String format, Integer formatVersion) {
    }
}
