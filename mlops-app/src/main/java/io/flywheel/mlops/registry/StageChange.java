package io.flywheel.mlops.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/models/{name}/versions/{v}/stage}.
 *
 * @param stage           the target stage
 * @param reason          why, recorded with the change
 * @param archiveExisting when promoting to Production: archive the current Production version (default {@code true});
 *                        {@code false} refuses the promotion while another version is in Production
 */
public record StageChange(Stage stage, String reason, @JsonProperty("archive_existing") Boolean archiveExisting) {

    public boolean archivesExisting() {
        return archiveExisting == null || archiveExisting;
    }
}
