package io.flywheel.mlops.agent;

/**
 * The body of an approval or a rejection.
 *
 * @param note    why (a rejection needs one: it is what the escalation says)
 * @param confirm for a human-only action, its type repeated (e.g. {@code delete-data}): the admin acts explicitly
 */
public record Decision(String note, String confirm) {
}
