package io.flywheel.mlops.golden;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flywheel.mlops.persistence.StoredJson;
import io.flywheel.shared.golden.ExpectedSpan;
import io.flywheel.shared.golden.GoldenItem;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A golden question as stored in {@code mlops.golden_item}; its question's sha256 keeps it unique. */
@Entity
@Table(name = "golden_item")
public class StoredGoldenItem extends PanacheEntityBase {

    static final TypeReference<List<ExpectedSpan>> SPANS = new TypeReference<>() {
    };

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "question_sha256")
    public String questionSha256;
    public String question;
    public String answer;
    /** The expected spans as a JSON array (text: Hibernate Reactive's jsonb mapping takes objects only). */
    public String expected;
    public String origin;
    @Column(name = "answer_id")
    public UUID answerId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    GoldenItem item() {
        return new GoldenItem(question, answer, StoredJson.read(expected, SPANS), origin);
    }
}
