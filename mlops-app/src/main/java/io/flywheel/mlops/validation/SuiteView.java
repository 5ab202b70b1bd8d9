package io.flywheel.mlops.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flywheel.shared.validation.ValidationRule;
import java.time.OffsetDateTime;
import java.util.List;

/** A version of a validation suite as the API shows it. */
public record SuiteView(String name, int version, List<ValidationRule> rules,
                        @JsonProperty("created_by") String createdBy,
                        @JsonProperty("created_at") OffsetDateTime createdAt) {
}
