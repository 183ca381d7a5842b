package dev.countersign.kit.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void commandsFromAnotherThreadRunOnTheContextsEventLoop() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Executor> bound = new CompletableFuture<>();
        CompletableFuture<Thread> loop = new CompletableFuture<>();
        context.runOnContext(v -> {
            bound.complete(EventLoop.ofCurrentContext());
            loop.complete(Thread.currentThread());
        });
        Executor executor = bound.get(10, TimeUnit.SECONDS);

        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        CompletableFuture<Thread> where = new CompletableFuture<>();
        // the test thread is not the event loop: the command must hop onto it
        executor.execute(() -> {
            ran.complete(Context.isOnEventLoopThread() && Vertx.currentContext() == context);
            where.complete(Thread.currentThread());
        });
        assertThat(ran.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(where.get(10, TimeUnit.SECONDS)).isSameAs(loop.get());
    }

    @Test
    void aCommandAlreadyOnTheEventLoopRunsInPlace() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Boolean> inline = new CompletableFuture<>();
        context.runOnContext(v -> {
            boolean[] ran = {false};
            EventLoop.ofCurrentContext().execute(() -> ran[0] = true);
            inline.complete(ran[0]);
        });
        assertThat(inline.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void withoutAContextCommandsRunWhereTheyAre() {
        boolean[] ran = {false};
        EventLoop.of(null).execute(() -> ran[0] = true);
        assertThat(ran[0]).isTrue();
    }
}
