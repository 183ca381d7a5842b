package dev.countersign.kit.vertx;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * The one way to come back to the caller's Vert.x event loop after work elsewhere (a Mutiny delay or retry
 * backoff on a timer thread, CPU work or DNS on a worker): Hibernate Reactive sessions may only be used on the
 * event-loop thread of the context that opened them. Quarkus propagates the Vert.x context to its worker threads,
 * so "same context" is not enough: the thread must be the context's event loop too.
 */
public final class EventLoop {

    private EventLoop() {
    }

    /**
     * An executor bound to the current Vert.x context: it runs a command at once when already on that context's
     * event loop, and otherwise schedules it there. Without a current context (plain unit tests) commands run
     * where they are.
     */
    public static Executor ofCurrentContext() {
        return of(Vertx.currentContext());
    }

    /** Like {@link #ofCurrentContext()} for {@code context} (null: run in place). */
    public static Executor of(Context context) {
        if (context == null) {
            return Runnable::run;
        }
        return command -> {
            if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
                command.run();
            } else {
                context.runOnContext(ignored -> command.run());
            }
        };
    }
}
