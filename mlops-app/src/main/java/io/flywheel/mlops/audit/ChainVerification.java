package io.flywheel.mlops.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The result of recomputing the audit chain from its first entry.
 *
 * @param intact       whether every entry checked out
 * @param entries      how many entries were checked (up to the first broken one)
 * @param lastHash     the hash of the last entry checked, to compare with a copy kept elsewhere
 * @param firstBroken  the first entry that does not check out, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, long entries, @JsonProperty("last_hash") String lastHash,
                                @JsonProperty("first_broken") BrokenEntry firstBroken) {

    /**
     * Where and why the chain breaks.
     *
     * @param seq    the position of the entry
     * @param reason what does not match
     */
    public record BrokenEntry(long seq, String reason) {
    }
}
