package lab.performance.observatory.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A response body read as UTF-8 text up to a limit: a larger one (by its Content-Length or by what
 * arrives) fails with an {@link IOException} and the rest is not read. Every HTTP answer the
 * observatory reads goes through one, so no server can make it buffer without bound
 * (docs/reliability.md). {@link #send} bounds the time too.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<String> {

    private final int maxBytes;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public static HttpResponse.BodyHandler<String> upTo(int maxBytes) {
        return info -> {
            long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
            BoundedBody subscriber = new BoundedBody(maxBytes);
            if (declared > maxBytes) {
                subscriber.body.completeExceptionally(tooLarge(maxBytes, declared + " bytes declared"));
            }
            return subscriber;
        };
    }

    /**
     * Sends and reads the answer, at most {@code maxBytes} of it, all within {@code within}, body
     * included: HttpClient's request timeout covers only the wait for the headers.
     */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request, int maxBytes, Duration within)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, upTo(maxBytes));
        try {
            return sent.get(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new HttpTimeoutException("no complete answer from " + request.uri() + " within " + within.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (body.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (received.size() + buffer.remaining() > maxBytes) {
                subscription.cancel();
                body.completeExceptionally(tooLarge(maxBytes, "more than that arrived"));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            received.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(received.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    private static IOException tooLarge(int maxBytes, String what) {
        return new IOException("answer larger than " + maxBytes + " bytes (" + what + "); not read");
    }
}
