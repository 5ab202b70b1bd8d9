package io.flywheel.mlops.golden;

import io.flywheel.mlops.access.Caller;
import io.flywheel.mlops.access.Roles;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A reviewer's decision on an assistant answer (docs/golden-set.md): approved answers that users rated highly join
 * the golden set at the next run of the {@code golden} job. A later decision replaces an earlier one.
 */
@Path("/api/answers/{id}/review")
public class AnswerReviewResource {

    static final String INTERACTIONS_EXIST = "SELECT to_regclass('inference.interaction') IS NOT NULL";
    private static final String ANSWER_EXISTS = "SELECT EXISTS (SELECT 1 FROM inference.interaction WHERE answer_id = ?1)";

    private final AuditLog audit;

    public AnswerReviewResource(AuditLog audit) {
        this.audit = audit;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPROVER)
    @WithTransaction
    public Uni<Map<String, Object>> review(@PathParam("id") String id, ReviewRequest request,
                                           @Context SecurityContext caller) {
        UUID answerId = answerId(id);
        check(request);
        String reviewer = Caller.of(caller);
        return Panache.getSession().chain(session -> session.createNativeQuery(INTERACTIONS_EXIST, Boolean.class)
                .getSingleResult().chain(table -> !table ? Uni.createFrom().item(false)
                        : session.createNativeQuery(ANSWER_EXISTS, Boolean.class).setParameter(1, answerId)
                                .getSingleResult())).chain(exists -> {
                    if (!exists) {
                        return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND,
                                "no assistant answer " + answerId));
                    }
                    return AnswerReview.<AnswerReview>findById(answerId).chain(existing -> {
                        AnswerReview review = existing == null ? new AnswerReview() : existing;
                        review.answerId = answerId;
                        review.approved = request.approved();
                        review.note = request.note();
                        review.reviewer = reviewer;
                        review.reviewedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        return review.<AnswerReview>persist();
                    });
                })
                .call(review -> audit.append(new AuditRecord(reviewer, "api", "answer.review", "answer:" + answerId,
                        request.note(), reviewer, review.approved ? "approved" : "rejected", Map.of())))
                .map(review -> {
                    Map<String, Object> body = new HashMap<>();
                    body.put("answer_id", review.answerId.toString());
                    body.put("approved", review.approved);
                    body.put("note", review.note);
                    body.put("reviewer", review.reviewer);
                    body.put("reviewed_at", review.reviewedAt.toString());
                    return body;
                });
    }

    private static UUID answerId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no assistant answer '" + id + "' (answer ids are UUIDs)");
        }
    }

    private static void check(ReviewRequest request) {
        if (request == null || request.approved() == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a review says whether the answer is approved",
                    List.of(new FieldError("approved", "is required (true or false)")));
        }
        if (request.note() != null && request.note().length() > ReviewRequest.MAX_NOTE_CHARS) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the note is too long",
                    List.of(new FieldError("note", "at most " + ReviewRequest.MAX_NOTE_CHARS + " characters")));
        }
    }
}
