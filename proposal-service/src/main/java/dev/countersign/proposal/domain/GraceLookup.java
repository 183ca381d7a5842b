package dev.countersign.proposal.domain;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Repeats a lookup until it finds something or a grace period ends, waiting between attempts with a Mutiny
 * delay (a timer, never a sleeping thread). Used for an action the replica may not have caught up with yet.
 */
public final class GraceLookup {

    private GraceLookup() {
    }

    /**
     * The first result of {@code lookup} accepted by {@code found}, or the last result once {@code grace} has
     * passed; attempts are {@code poll} apart.
     */
    public static <T> Uni<T> untilFound(Supplier<Uni<T>> lookup, Predicate<T> found, Duration grace, Duration poll) {
        long deadline = System.nanoTime() + grace.toNanos();
        return attempt(lookup, found, deadline, poll);
    }

    private static <T> Uni<T> attempt(Supplier<Uni<T>> lookup, Predicate<T> found, long deadline, Duration poll) {
        return Uni.createFrom().<T>deferred(lookup::get).flatMap(result -> {
            if (found.test(result) || System.nanoTime() >= deadline) {
                return Uni.createFrom().item(result);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(poll)
                    .flatMap(ignored -> attempt(lookup, found, deadline, poll));
        });
    }
}
