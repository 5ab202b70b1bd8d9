package io.flywheel.inference.retrieval;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code rag-index} version this pod answers from. A new version is built completely aside and then swapped in
 * with one reference write, so a query sees either the old index or the new one, never a mix, and none waits.
 */
@ApplicationScoped
public class ActiveIndex {

    private final AtomicReference<ServedIndex> current = new AtomicReference<>();

    public Optional<ServedIndex> current() {
        return Optional.ofNullable(current.get());
    }

    /** Serves {@code next} from now on; returns the version it replaced, if any. */
    public Optional<ServedIndex> swap(ServedIndex next) {
        return Optional.ofNullable(current.getAndSet(next));
    }
}
