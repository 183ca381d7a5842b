package dev.countersign.executor.client;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import io.vertx.core.streams.WriteStream;

/**
 * Reads a response body into memory up to a limit and fails with {@link ResponseTooLargeException} as soon as
 * it is exceeded, so a hostile or broken endpoint cannot make the executor buffer an unbounded body.
 */
final class LimitedBodyCodec implements BodyCodec<byte[]> {
    private final int limit;

    LimitedBodyCodec(int limit) {
        this.limit = limit;
    }

    @Override
    public void create(Handler<AsyncResult<BodyStream<byte[]>>> handler) {
        handler.handle(Future.succeededFuture(new Stream(limit)));
    }

    /** Thrown when the body exceeds the limit. */
    static final class ResponseTooLargeException extends RuntimeException {
        ResponseTooLargeException(int limit) {
            super("response body exceeds " + limit + " bytes", null, false, false);
        }
    }

    private static final class Stream implements BodyStream<byte[]> {
        private final int limit;
        private final Buffer body = Buffer.buffer();
        private final Promise<byte[]> result = Promise.promise();

        Stream(int limit) {
            this.limit = limit;
        }

        @Override
        public Future<byte[]> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (body.length() + data.length() > limit) {
                ResponseTooLargeException tooLarge = new ResponseTooLargeException(limit);
                result.tryFail(tooLarge);
                return Future.failedFuture(tooLarge);
            }
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                handler.handle(written);
            }
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            result.tryComplete(body.getBytes());
            if (handler != null) {
                handler.handle(Future.succeededFuture());
            }
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
