package io.flywheel.inference.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.inference.assistant.ActiveAssistantConfig;
import io.flywheel.inference.assistant.AssistantConfigLoader;
import io.flywheel.inference.assistant.AssistantSettings;
import io.flywheel.inference.mlops.MlopsClient;
import io.flywheel.inference.retrieval.ActiveIndex;
import io.flywheel.inference.retrieval.RagIndexLoader;
import io.flywheel.inference.retrieval.RetrievalConfig;
import io.flywheel.inference.tabular.ServedModels;
import io.flywheel.inference.tabular.ServedVersion;
import io.flywheel.inference.tabular.ServingState;
import io.flywheel.inference.tabular.TabularLoader;
import io.flywheel.shared.deployment.DeployedVersion;
import io.flywheel.shared.deployment.Deployments;
import io.flywheel.shared.deployment.ModelDeployment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps this pod serving what mlops-app deploys. Every {@code poll-interval} it asks {@code GET /api/deployments} with
 * {@code If-None-Match} (an unchanged state costs a 304); on a change it fetches the artifacts of versions it does not
 * hold yet, has each kind's loader check, compile and warm them up on a worker thread, and only then swaps the model's
 * whole serving state in. A version that fails a check is refused, logged and remembered (not fetched again); the
 * version served before stays. When mlops-app cannot be reached nothing changes: the pod keeps serving what it has and
 * asks again at the next tick. A poll whose downloads failed for a transient reason keeps the previous ETag, so the
 * next poll tries them again.
 */
@ApplicationScoped
public class DeploymentSync {

    private static final Logger LOG = Logger.getLogger(DeploymentSync.class);

    static final String PATH = "/api/deployments";
    static final String TABULAR = "tabular-classifier";
    static final String RAG_INDEX = "rag-index";
    static final String ASSISTANT_CONFIG = "assistant-config";
    private static final int OK = 200;
    private static final int NOT_MODIFIED = 304;
    private static final int NOT_FOUND = 404;
    /** A deployments document is about 300 bytes per model. */
    private static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    private final DeploymentSettings settings;
    private final MlopsClient mlops;
    private final ObjectMapper json;
    private final ServedModels served;
    private final TabularLoader tabular;
    private final RagIndexLoader ragIndexes;
    private final ActiveIndex activeIndex;
    private final RetrievalConfig retrieval;
    private final AssistantConfigLoader assistantConfigs;
    private final ActiveAssistantConfig activeConfig;
    private final AssistantSettings assistant;
    private final AtomicBoolean polling = new AtomicBoolean();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Set<String> deployedByMlops = ConcurrentHashMap.newKeySet();
    private final Counter failedPolls;
    private final Counter refusedVersions;
    private volatile String etag;
    private volatile long revision = -1;
    private volatile Instant lastAnswer;
    private volatile String unreachable;
    private volatile boolean warnedNoEndpoint;

    public DeploymentSync(DeploymentSettings settings, MlopsClient mlops, ObjectMapper json, ServedModels served,
                          TabularLoader tabular, RagIndexLoader ragIndexes, ActiveIndex activeIndex,
                          RetrievalConfig retrieval, AssistantConfigLoader assistantConfigs,
                          ActiveAssistantConfig activeConfig, AssistantSettings assistant, MeterRegistry registry) {
        this.settings = settings;
        this.mlops = mlops;
        this.json = json;
        this.served = served;
        this.tabular = tabular;
        this.ragIndexes = ragIndexes;
        this.activeIndex = activeIndex;
        this.retrieval = retrieval;
        this.assistantConfigs = assistantConfigs;
        this.activeConfig = activeConfig;
        this.assistant = assistant;
        this.failedPolls = Counter.builder("flywheel.deployments.poll.failures")
                .description("Polls of mlops-app's deployments that failed (mlops-app unreachable or confused)")
                .register(registry);
        this.refusedVersions = Counter.builder("flywheel.deployments.refused")
                .description("Deployed versions refused by a check (sha256, format, warm-up)").register(registry);
    }

    /** Where this pod stands with mlops-app, for readiness. */
    public record Status(String mlopsUrl, long revision, Instant lastAnswer, String unreachable) {
    }

    public Status status() {
        return new Status(mlops.url(), revision, lastAnswer, unreachable);
    }

    // a Vert.x timer rather than the scheduler, which does not go below one second (tests poll faster)
    void start(@Observes StartupEvent start, Vertx vertx) {
        if (!settings.enabled()) {
            LOG.info("deployments from mlops-app are off (flywheel.deployments.enabled=false)");
            return;
        }
        poll().subscribe().with(done -> { });
        vertx.setPeriodic(settings.pollInterval().toMillis(), id -> poll().subscribe().with(done -> { }));
    }

    /** One poll and what follows from it; never fails, and does nothing while the previous one still runs. */
    public Uni<Void> poll() {
        if (!polling.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return mlops.get(PATH, etag, settings.requestTimeout(), MAX_DOCUMENT_BYTES)
                .chain(this::handle)
                .onFailure().invoke(this::failed)
                .onFailure().recoverWithNull()
                .eventually(() -> polling.set(false))
                .replaceWithVoid();
    }

    private Uni<Void> handle(MlopsClient.Answer answer) {
        lastAnswer = Instant.now();
        if (unreachable != null) {
            LOG.infof("mlops-app at %s answers again", mlops.url());
            unreachable = null;
        }
        return switch (answer.status()) {
            case NOT_MODIFIED -> Uni.createFrom().voidItem();
            case OK -> apply(read(answer), answer.etag());
            case NOT_FOUND -> noEndpoint();
            default -> Uni.createFrom().failure(new IOException("mlops-app answered " + answer.status() + " on "
                    + PATH));
        };
    }

    private Deployments read(MlopsClient.Answer answer) {
        try {
            return json.readValue(answer.body().getBytes(), Deployments.class);
        } catch (IOException e) {
            throw new UncheckedIOException("mlops-app's deployments cannot be read: " + e.getMessage(), e);
        }
    }

    // An mlops-app without the endpoint deploys nothing: the pod serves what it has (model files) and says so once.
    private Uni<Void> noEndpoint() {
        if (!warnedNoEndpoint) {
            warnedNoEndpoint = true;
            LOG.warnf("mlops-app at %s does not publish deployments (%s answers 404): no model is deployed to this pod",
                    mlops.url(), PATH);
        }
        return apply(new Deployments(0, List.of()), null);
    }

    private Uni<Void> apply(Deployments document, String newEtag) {
        return Multi.createFrom().iterable(document.models())
                .onItem().transformToUniAndConcatenate(this::applyModel)
                .collect().asList()
                .invoke(settled -> {
                    retireUndeployed(document);
                    if (settled.stream().allMatch(Boolean::booleanValue)) {
                        etag = newEtag;
                        revision = document.revision();
                        served.deploymentsReceived();
                    }
                })
                .replaceWithVoid();
    }

    /** Applies one model's deployment; true when it is settled (served or refused), false to try again. */
    private Uni<Boolean> applyModel(ModelDeployment deployment) {
        String kind = String.valueOf(deployment.kind());
        if (kind.equals(TABULAR)) {
            return applyTabular(deployment);
        }
        if (kind.equals(RAG_INDEX) && deployment.model().equals(retrieval.indexFileModel())) {
            return applyRagIndex(deployment);
        }
        if (kind.equals(ASSISTANT_CONFIG) && deployment.model().equals(assistant.name())) {
            return applyAssistantConfig(deployment);
        }
        LOG.debugf("deployment of %s (%s) is not for this pod", deployment.model(), kind);
        return Uni.createFrom().item(true);
    }

    private Uni<Boolean> applyTabular(ModelDeployment deployment) {
        String model = deployment.model();
        deployedByMlops.add(model);
        Optional<ServingState> current = served.find(model);
        return obtain(model, deployment.stable(), current).chain(stable -> (deployment.canary() == null
                        ? Uni.createFrom().item(Obtained.<ServedVersion>none())
                        : obtain(model, deployment.canary(), current))
                .map(canary -> settle(deployment, current, stable, canary)));
    }

    private Uni<Obtained<ServedVersion>> obtain(String model, DeployedVersion wanted, Optional<ServingState> current) {
        Optional<ServedVersion> held = current.flatMap(state -> state.find(wanted.version(), wanted.sha256()));
        if (held.isPresent()) {
            return Uni.createFrom().item(Obtained.of(held.get()));
        }
        return fetchAndLoad(model, wanted, bytes -> tabular.load(model, wanted.version(), bytes, wanted.sha256()));
    }

    private Boolean settle(ModelDeployment deployment, Optional<ServingState> current, Obtained<ServedVersion> stable,
                           Obtained<ServedVersion> canary) {
        String model = deployment.model();
        if (stable.value() == null) {
            if (current.isEmpty()) {
                served.unavailable(model, stable.failure());
            } else {
                LOG.warnf("model %s: stable v%d cannot be served (%s); still serving v%s", model,
                        deployment.stable().version(), stable.failure(), current.get().stable().label());
            }
            return !stable.retry();
        }
        if (canary.failure() != null) {
            LOG.warnf("model %s: canary v%d cannot be served (%s); all traffic goes to v%s", model,
                    deployment.canary().version(), canary.failure(), stable.value().label());
        }
        ServingState next = new ServingState(stable.value(), canary.value(),
                canary.value() == null ? 0 : deployment.canaryWeight());
        if (!next.equals(current.orElse(null))) {
            served.swap(model, next);
            LOG.infof("model %s: serving v%s%s", model, next.stable().label(), next.canary() == null ? ""
                    : ", canary v" + next.canary().label() + " at " + Math.round(next.canaryWeight() * 1000) / 10.0 + "%");
        }
        return !stable.retry() && !canary.retry();
    }

    private void retireUndeployed(Deployments document) {
        Set<String> deployed = document.models().stream().filter(d -> TABULAR.equals(d.kind()))
                .map(ModelDeployment::model).collect(Collectors.toSet());
        for (String model : Set.copyOf(deployedByMlops)) {
            if (!deployed.contains(model)) {
                deployedByMlops.remove(model);
                served.remove(model).ifPresent(state -> LOG.infof("model %s: no longer deployed, unloaded", model));
            }
        }
    }

    private Uni<Boolean> applyRagIndex(ModelDeployment deployment) {
        DeployedVersion wanted = deployment.stable();
        boolean held = activeIndex.current().filter(index -> index.model().equals(deployment.model())
                && index.version() == wanted.version() && index.sha256().equalsIgnoreCase(wanted.sha256())).isPresent();
        if (held) {
            return Uni.createFrom().item(true);
        }
        return fetchAndLoad(deployment.model(), wanted, bytes -> {
            ragIndexes.deploy(ragIndexes.load(deployment.model(), wanted.version(), bytes, wanted.sha256()));
            return true;
        }).map(outcome -> !outcome.retry());
    }

    private Uni<Boolean> applyAssistantConfig(ModelDeployment deployment) {
        DeployedVersion wanted = deployment.stable();
        String version = Integer.toString(wanted.version());
        if (activeConfig.current().version().equals(version)) {
            return Uni.createFrom().item(true);
        }
        return fetchAndLoad(deployment.model(), wanted,
                bytes -> assistantConfigs.deploy(deployment.model(), version, bytes, wanted.sha256()))
                .map(outcome -> !outcome.retry());
    }

    /**
     * Downloads a version's artifact and hands it to a loader on a worker thread. A download that fails is worth
     * another try; a loader that refuses the bytes refuses this version for good.
     */
    private <T> Uni<Obtained<T>> fetchAndLoad(String model, DeployedVersion wanted, Function<byte[], T> loader) {
        String key = model + "/" + wanted.version() + "/" + wanted.sha256();
        if (refused.contains(key)) {
            return Uni.createFrom().item(Obtained.refused("v" + wanted.version() + " was refused earlier"));
        }
        if (wanted.artifact() == null || !wanted.artifact().startsWith("/")) {
            return Uni.createFrom().item(refuse(key, model, wanted, "its artifact path `" + wanted.artifact()
                    + "` is not a path on mlops-app"));
        }
        return mlops.get(wanted.artifact(), null, settings.artifactTimeout(), settings.maxArtifactSize().asLongValue())
                .onItemOrFailure().transformToUni((answer, failure) -> {
                    if (failure instanceof MlopsClient.TooLarge tooLarge) {
                        return Uni.createFrom().item(refuse(key, model, wanted, tooLarge.getMessage()));
                    }
                    if (failure != null || answer.status() != OK) {
                        String why = failure != null ? String.valueOf(failure.getMessage())
                                : "mlops-app answered " + answer.status() + " on " + wanted.artifact();
                        LOG.warnf("model %s v%d: artifact not fetched (%s); trying again at the next poll", model,
                                wanted.version(), why);
                        return Uni.createFrom().item(Obtained.<T>unreachable(why));
                    }
                    byte[] bytes = answer.body().getBytes();
                    return onWorker(() -> loader.apply(bytes)).map(Obtained::of)
                            .onFailure().recoverWithItem(refusal -> refuse(key, model, wanted, refusal.getMessage()));
                });
    }

    private <T> Obtained<T> refuse(String key, String model, DeployedVersion version, String why) {
        refused.add(key);
        refusedVersions.increment();
        LOG.errorf("model %s v%d (sha256 %s) is refused: %s", model, version.version(), version.sha256(), why);
        return Obtained.refused(why);
    }

    private static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void failed(Throwable failure) {
        failedPolls.increment();
        if (unreachable == null) {
            LOG.warnf("cannot read deployments from %s (%s); serving what this pod has: %s", mlops.url(),
                    failure.getMessage(), served.all().keySet());
        }
        unreachable = String.valueOf(failure.getMessage());
    }

    /** What a fetch and load gave: a value, or why not and whether another try may help. */
    private record Obtained<T>(T value, String failure, boolean retry) {
        static <T> Obtained<T> of(T value) {
            return new Obtained<>(value, null, false);
        }

        static <T> Obtained<T> none() {
            return new Obtained<>(null, null, false);
        }

        static <T> Obtained<T> refused(String why) {
            return new Obtained<>(null, why, false);
        }

        static <T> Obtained<T> unreachable(String why) {
            return new Obtained<>(null, why, true);
        }
    }
}
