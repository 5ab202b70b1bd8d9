package io.flywheel.mlops.registry;

import static io.flywheel.mlops.registry.RegistryJournal.facts;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Moves and removes aliases inside the caller's transaction, recording each move. */
@ApplicationScoped
class AliasPointers {

    private final RegistryJournal journal;

    AliasPointers(RegistryJournal journal) {
        this.journal = journal;
    }

    /** Points {@code alias} at {@code version}; nothing happens (nor is recorded) when it points there already. */
    Uni<Void> point(String model, String alias, int version, Attribution by) {
        return find(model, alias).chain(found -> {
            if (found != null && found.version == version) {
                return Uni.createFrom().voidItem();
            }
            Integer from = found == null ? null : found.version;
            ModelAlias pointer = found == null ? new ModelAlias() : found;
            pointer.model = model;
            pointer.alias = alias;
            pointer.version = version;
            pointer.updatedAt = RegistryService.now();
            Uni<?> saved = found == null ? pointer.persist() : Uni.createFrom().item(pointer);
            return saved.call(() -> journal.record(model, version, "model.alias.set", by,
                    facts("alias", alias, "from_version", from, "to_version", version))).replaceWithVoid();
        });
    }

    /** Removes {@code alias}; {@code false} when the model had no such alias. */
    Uni<Boolean> remove(String model, String alias, Attribution by) {
        return find(model, alias).chain(found -> found == null ? Uni.createFrom().item(false)
                : found.delete().call(() -> journal.record(model, found.version, "model.alias.removed", by,
                        facts("alias", alias, "version", found.version))).replaceWith(true));
    }

    private static Uni<ModelAlias> find(String model, String alias) {
        return ModelAlias.<ModelAlias>find("model = ?1 and alias = ?2", model, alias).<ModelAlias>firstResult();
    }
}
