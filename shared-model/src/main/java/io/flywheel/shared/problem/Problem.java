package io.flywheel.shared.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem detail, the body of every error either app returns as {@code application/problem+json}.
 *
 * @param type     stable identifier of the kind of problem (see {@link ProblemType}); clients switch on it
 * @param title    short human summary of the kind of problem, the same for every occurrence
 * @param status   the HTTP status code
 * @param detail   what went wrong this time, in words a client developer can act on
 * @param instance the request path the problem occurred on, or {@code null}
 * @param errors   the offending fields, if the problem is about the content of a request; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem of the given kind with a detail and no field errors. */
    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.of());
    }

    /** A problem of the given kind naming the fields that caused it. */
    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, errors);
    }

    /** The same problem, located at the given request path. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    /** One offending field of a request: a JSON pointer or dotted path, and why it was refused. */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }
}
