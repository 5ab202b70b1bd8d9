package io.flywheel.mlops.golden;

/**
 * The body of {@code PUT /api/answers/{id}/review}.
 *
 * @param approved whether the answer is right and may join the golden set (required)
 * @param note     why, for the record (optional, at most 2,000 characters)
 */
public record ReviewRequest(Boolean approved, String note) {

    /** The longest note kept. */
    static final int MAX_NOTE_CHARS = 2000;
}
