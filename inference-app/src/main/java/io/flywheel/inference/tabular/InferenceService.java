package io.flywheel.inference.tabular;

import io.flywheel.inference.access.Caller;
import io.flywheel.inference.predictions.LoggedPredictions;
import io.flywheel.inference.predictions.PredictionLog;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.inference.FeatureTensors;
import io.flywheel.shared.inference.InferenceRequest;
import io.flywheel.shared.inference.InferenceRequestReader;
import io.flywheel.shared.inference.InferenceResponse;
import io.flywheel.shared.inference.ResponseOutput;
import io.flywheel.shared.inference.TabularSignature;
import io.flywheel.shared.inference.TensorBatch;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.tabular.TabularModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Answers an inference request: finds the model's serving state, reads the body, routes the request to the stable or
 * the canary version, checks and scores its rows, records the version's metrics, hands the rows to the prediction
 * log and builds the response. Small requests run on the event loop that received them, large ones on the
 * {@link ScoringPool} (see {@code flywheel.serving.event-loop-max-body}). Nothing here waits on a database or
 * another service.
 */
@ApplicationScoped
public class InferenceService {

    private static final Logger LOG = Logger.getLogger(InferenceService.class);

    /** The request parameter that may carry the routing key when the header does not. */
    public static final String ROUTING_KEY_PARAMETER = "routing_key";

    private final ServedModels served;
    private final ServingSettings settings;
    private final ScoringPool pool;
    private final PredictionLog log;
    private final MeterRegistry registry;
    private final Map<String, String> callerHashes = new ConcurrentHashMap<>();

    public InferenceService(ServedModels served, ServingSettings settings, ScoringPool pool, PredictionLog log,
                            MeterRegistry registry) {
        this.served = served;
        this.settings = settings;
        this.pool = pool;
        this.log = log;
        this.registry = registry;
    }

    /** One request as it arrived: what to answer and for whom. */
    private record Call(String model, String version, ServingState state, byte[] body, String routingKey,
                        Caller caller, String traceId, long startedNanos) {
    }

    /**
     * Answers {@code body} with the model's stable or canary version (or, when {@code version} is given, with that
     * served version).
     */
    public Uni<InferenceResponse> infer(String model, String version, byte[] body, String routingKey, Caller caller) {
        long started = System.nanoTime();
        ServingState state;
        try {
            state = served.require(model);
            if (version != null) {
                served.require(model, version);
            }
        } catch (ProblemException refused) {
            rejected(served.find(model).isPresent() ? model : "unknown", refused);
            throw refused;
        }
        if (body.length > settings.maxBodySize().asLongValue()) {
            // a declared length was refused before the body was read; this was sent without one (chunked)
            ProblemException tooLarge = new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the request body has "
                    + body.length + " bytes; at most " + settings.maxBodySize().asLongValue() + " are accepted");
            rejected(model, tooLarge);
            throw tooLarge;
        }
        Call call = new Call(model, version, state, body, routingKey, caller, traceId(), started);
        if (body.length <= settings.eventLoopMaxBody().asLongValue()) {
            return Uni.createFrom().item(() -> answer(call));
        }
        return pool.submit(() -> answer(call))
                .onFailure(ProblemException.class).invoke(shed -> rejected(model, (ProblemException) shed));
    }

    private InferenceResponse answer(Call call) {
        InferenceRequest request = read(call);
        if (call.version() != null) {
            return score(call, request, call.state().version(call.version()).orElseThrow());
        }
        ServedVersion target = CanaryRouter.route(call.state(), call.routingKey() != null ? call.routingKey()
                : request.stringParameter(ROUTING_KEY_PARAMETER));
        if (target == call.state().stable()) {
            return score(call, request, target);
        }
        return scoreCanary(call, request, target);
    }

    /**
     * A canary under trial must never fail a client: when it refuses a request (its inputs differ from what clients
     * send) or its scoring fails, the stable version answers instead and the canary's error is counted in its meters
     * — which the rollout controller reads to roll it back. A request that stable refuses too is the client's error
     * and is counted on stable only.
     */
    private InferenceResponse scoreCanary(Call call, InferenceRequest request, ServedVersion canary) {
        Scored scored;
        try {
            scored = scoreRows(request, canary.compiled());
        } catch (ProblemException refused) {
            InferenceResponse answer = score(call, request, call.state().stable());
            canary.metrics().refused(refused.problem().status());
            return answer;
        } catch (RuntimeException failed) {
            LOG.debugf(failed, "canary %s v%s failed; the stable version answered", call.model(), canary.label());
            InferenceResponse answer = score(call, request, call.state().stable());
            canary.metrics().failed();
            return answer;
        }
        return respond(call, request, canary, scored);
    }

    private InferenceResponse score(Call call, InferenceRequest request, ServedVersion target) {
        Scored scored;
        try {
            scored = scoreRows(request, target.compiled());
        } catch (ProblemException refused) {
            target.metrics().refused(refused.problem().status());
            throw refused;
        }
        return respond(call, request, target, scored);
    }

    /** The rows of a request scored by one version, before anything is recorded. */
    private record Scored(TabularSignature.Outputs outputs, TensorBatch rows, double[] probabilities) {
    }

    private Scored scoreRows(InferenceRequest request, TabularModel model) {
        TabularSignature.Outputs outputs = TabularSignature.requested(request);
        TensorBatch rows = FeatureTensors.toBatch(request, model.schema(), settings.maxBatchRows());
        double[] probabilities = new double[rows.rows()];
        model.score(rows.batch(), model.newScratch(), probabilities);
        return new Scored(outputs, rows, probabilities);
    }

    private InferenceResponse respond(Call call, InferenceRequest request, ServedVersion target, Scored scored) {
        TabularModel model = target.compiled();
        int count = scored.rows().rows();
        double[] probabilities = scored.probabilities();
        String[] labels = new String[count];
        UUID[] ids = new UUID[count];
        for (int row = 0; row < count; row++) {
            labels[row] = model.label(probabilities[row]);
            ids[row] = PredictionId.next();
        }
        String requestId = request.id() != null ? request.id() : PredictionId.next().toString();
        long nanos = System.nanoTime() - call.startedNanos();
        target.metrics().answered(nanos, probabilities, count);
        log.record(new LoggedPredictions(ids, Instant.now(), call.model(), target.version(),
                target == call.state().canary(), requestId, model.schema(), model.artifact().reference(), scored.rows(),
                probabilities, labels, nanos / 1e6, callerHash(call.caller()), call.traceId()));
        return new InferenceResponse(call.model(), target.label(), requestId, null,
                outputs(scored.outputs(), probabilities, labels, ids));
    }

    private InferenceRequest read(Call call) {
        try {
            return InferenceRequestReader.read(call.body(), maxElements(call.state()));
        } catch (ProblemException refused) {
            rejected(call.model(), refused);
            throw refused;
        }
    }

    // what the widest served version could take in one request: bounds what a body can make the reader store
    private long maxElements(ServingState state) {
        int widest = state.versions().stream().mapToInt(version -> version.compiled().schema().features().size())
                .max().orElse(1);
        return (long) settings.maxBatchRows() * widest;
    }

    private static List<ResponseOutput> outputs(TabularSignature.Outputs wanted, double[] probabilities,
                                                String[] labels, UUID[] ids) {
        List<ResponseOutput> outputs = new ArrayList<>(3);
        if (wanted.probability()) {
            outputs.add(ResponseOutput.of(TabularSignature.PROBABILITY, probabilities));
        }
        if (wanted.label()) {
            outputs.add(ResponseOutput.of(TabularSignature.LABEL, labels));
        }
        if (wanted.predictionId()) {
            String[] text = new String[ids.length];
            for (int row = 0; row < ids.length; row++) {
                text[row] = ids[row].toString();
            }
            outputs.add(ResponseOutput.of(TabularSignature.PREDICTION_ID, text));
        }
        return outputs;
    }

    private void rejected(String model, ProblemException problem) {
        String type = problem.problem().type();
        Counter.builder("flywheel.inference.rejected").tag("model", model)
                .tag("type", type.substring(type.lastIndexOf(':') + 1))
                .description("Requests refused before a model version was chosen, by problem type")
                .register(registry).increment();
    }

    private String callerHash(Caller caller) {
        return callerHashes.computeIfAbsent(caller.keyId(),
                keyId -> Sha256.hex(keyId.getBytes(StandardCharsets.UTF_8)));
    }

    private static String traceId() {
        Span span = Span.current();
        return span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
    }
}
