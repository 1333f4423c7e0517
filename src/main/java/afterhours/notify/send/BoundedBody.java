package afterhours.notify.send;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a webhook's answer and drops it, failing once it is longer than {@code limit} bytes; {@link #cancel()}
 * stops reading (closing the connection), for an answer still coming when the deadline passes.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<Void> {
    private final long limit;
    private final AtomicLong read = new AtomicLong();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    BoundedBody(long limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<Void> getBody() {
        return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.compareAndSet(null, s) || done.isDone()) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long total = read.addAndGet(buffers.stream().mapToLong(ByteBuffer::remaining).sum());
        if (total > limit) {
            cancel();
            done.completeExceptionally(new IOException("the receiver's answer is longer than " + limit + " bytes"));
        } else {
            subscription.get().request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    /** Stops reading; the connection is closed rather than reused. */
    void cancel() {
        Flow.Subscription s = subscription.getAndSet(CANCELLED);
        if (s != null && s != CANCELLED) {
            s.cancel();
        }
    }

    /** How much of the answer had come, for the reason of a timed-out try. */
    String sofar() {
        return subscription.get() == null ? " (no answer)" : " (the headers came, then " + read.get() + " bytes of the body)";
    }

    private static final Flow.Subscription CANCELLED = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };
}
