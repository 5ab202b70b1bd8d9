package io.flywheel.inference.assistant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.inference.access.Caller;
import io.flywheel.inference.audit.AuditTrail;
import io.flywheel.inference.safety.SafetySettings;
import io.flywheel.inference.safety.VaultCipher;
import io.flywheel.shared.access.Role;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.safety.PseudonymTable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Puts the personal data back into a logged answer, for a caller with the configured role: the caller's right is
 * checked, the act is audited (and refused if it cannot be), then the vault entry is decrypted and the pseudonyms
 * of the answer replaced.
 */
@ApplicationScoped
public class Repersonalizer {

    static final String SELECT = "SELECT i.answer, v.key_id, v.iv, v.ciphertext FROM inference.interaction i "
            + "LEFT JOIN inference.pseudonym_vault v ON v.answer_id = i.answer_id WHERE i.answer_id = $1";
    private static final Duration NOT_YET_WRITTEN_RETRY = Duration.ofSeconds(1);

    private final Pool pool;
    private final VaultCipher cipher;
    private final AuditTrail audit;
    private final InteractionLog log;
    private final ObjectMapper json;
    private final Role required;

    public Repersonalizer(Pool pool, VaultCipher cipher, AuditTrail audit, InteractionLog log, ObjectMapper json,
                          SafetySettings settings) {
        this.pool = pool;
        this.cipher = cipher;
        this.audit = audit;
        this.log = log;
        this.json = json;
        Role role = Role.parse(settings.repersonalizeRole());
        if (role == null) {
            throw new IllegalArgumentException("flywheel.safety.repersonalize-role '" + settings.repersonalizeRole()
                    + "' is not a role (viewer, operator, approver, admin)");
        }
        this.required = role;
    }

    /** The re-personalised answer. */
    public record Repersonalized(String answerId, String content, int restored) {
    }

    public Uni<Repersonalized> repersonalize(String answerId, Caller caller) {
        if (!caller.has(required)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "re-personalising an answer needs the " + required.label() + " role"));
        }
        UUID id = parse(answerId);
        return pool.preparedQuery(SELECT).execute(Tuple.of(id))
                .chain(rows -> found(rows, answerId)
                        .chain(row -> audit.record(caller.keyId(), "repersonalize", "answer:" + answerId,
                                        Map.of("pseudonymised", row.getBuffer("ciphertext") != null))
                                .map(ignored -> restore(row, answerId))));
    }

    private Uni<Row> found(RowSet<Row> rows, String answerId) {
        if (rows.iterator().hasNext()) {
            return Uni.createFrom().item(rows.iterator().next());
        }
        if (log.isPending(answerId)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "answer " + answerId
                    + " is being written; retry in a moment").withRetryAfter(NOT_YET_WRITTEN_RETRY));
        }
        return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND, "no answer " + answerId));
    }

    private Repersonalized restore(Row row, String answerId) {
        String answer = row.getString("answer");
        if (row.getBuffer("ciphertext") == null) {
            return new Repersonalized(answerId, answer, 0);
        }
        String plaintext = cipher.open(new VaultCipher.Sealed(row.getString("key_id"), row.getBuffer("iv").getBytes(),
                row.getBuffer("ciphertext").getBytes()), answerId);
        try {
            Map<String, String> entries = json.readValue(plaintext, new TypeReference<Map<String, String>>() {
            });
            return new Repersonalized(answerId, PseudonymTable.of(entries).restore(answer), entries.size());
        } catch (IOException e) {
            throw new IllegalStateException("a vault entry holds no pseudonym table", e);
        }
    }

    static UUID parse(String answerId) {
        try {
            return UUID.fromString(answerId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no answer " + answerId);
        }
    }
}
