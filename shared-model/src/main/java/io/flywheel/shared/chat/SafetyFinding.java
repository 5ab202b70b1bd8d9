package io.flywheel.shared.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something the safety checks noticed, without the personal data itself.
 *
 * @param stage  {@code input} or {@code output}
 * @param kind   {@code pii}, {@code injection}, {@code pii-leak}, {@code blocked-content}, {@code validation}
 * @param detail the PII type, the injection rules, the blocked pattern or the failed check
 * @param score  confidence or score (0..1), when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SafetyFinding(String stage, String kind, String detail, Double score) {
}
