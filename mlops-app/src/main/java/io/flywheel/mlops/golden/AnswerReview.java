package io.flywheel.mlops.golden;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A reviewer's latest decision on a production answer; an approved, highly rated answer joins the golden set. */
@Entity
@Table(name = "answer_review")
public class AnswerReview extends PanacheEntityBase {

    @Id
    @Column(name = "answer_id")
    public UUID answerId;
    public boolean approved;
    public String note;
    public String reviewer;
    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;
}
