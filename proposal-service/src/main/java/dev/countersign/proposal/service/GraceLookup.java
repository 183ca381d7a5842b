package dev.countersign.proposal.service;

import dev.countersign.kit.vertx.EventLoop;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Repeats a lookup until it finds something or a grace period ends, waiting between attempts with a Mutiny
 * delay (a timer, never a sleeping thread). Used for an action the replica may not have caught up with yet. Each
 * attempt after a wait runs on the caller's Vert.x context again, where Hibernate Reactive sessions must be used.
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
        Executor back = EventLoop.ofCurrentContext();
        return attempt(lookup, found, deadline, poll, back);
    }

    private static <T> Uni<T> attempt(Supplier<Uni<T>> lookup, Predicate<T> found, long deadline, Duration poll,
            Executor back) {
        return Uni.createFrom().<T>deferred(lookup::get).flatMap(result -> {
            if (found.test(result) || System.nanoTime() >= deadline) {
                return Uni.createFrom().item(result);
            }
            // The delay fires on a Mutiny timer thread; come back to the caller's context before looking again.
            return Uni.createFrom().voidItem().onItem().delayIt().by(poll).emitOn(back)
                    .flatMap(ignored -> attempt(lookup, found, deadline, poll, back));
        });
    }
}
