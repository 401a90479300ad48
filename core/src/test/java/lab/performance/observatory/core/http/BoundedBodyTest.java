package lab.performance.observatory.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    static final class Recording implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    static HttpResponse.BodySubscriber<String> subscriber(int max, Map<String, List<String>> headers) {
        HttpHeaders h = HttpHeaders.of(headers, (k, v) -> true);
        return BoundedBody.upTo(max).apply(new HttpResponse.ResponseInfo() {
            public int statusCode() {
                return 200;
            }

            public HttpHeaders headers() {
                return h;
            }

            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        });
    }

    static String failure(HttpResponse.BodySubscriber<String> s) {
        try {
            ((CompletableFuture<String>) s.getBody()).get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static List<ByteBuffer> text(String s) {
        return List.of(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBodyWithinTheLimitIsReadWhole() {
        var s = subscriber(10, Map.of());
        Recording subscription = new Recording();
        s.onSubscribe(subscription);
        s.onNext(text("héllo"));
        s.onNext(text("!!!"));
        s.onComplete();
        assertThat(s.getBody().toCompletableFuture().join()).isEqualTo("héllo!!!");
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void aBodyThatGrowsPastTheLimitFailsAndTheRestIsNotRead() {
        var s = subscriber(10, Map.of());
        Recording subscription = new Recording();
        s.onSubscribe(subscription);
        s.onNext(text("0123456"));
        s.onNext(text("789a"));
        s.onNext(text("ignored"));
        assertThat(subscription.cancelled).isTrue();
        assertThat(failure(s)).isEqualTo("answer larger than 10 bytes (more than that arrived); not read");
    }

    @Test
    void aDeclaredLengthOverTheLimitFailsBeforeAnyByteIsRead() {
        var s = subscriber(10, Map.of("content-length", List.of("1073741824")));
        Recording subscription = new Recording();
        s.onSubscribe(subscription);
        assertThat(subscription.cancelled).isTrue();
        assertThat(subscription.requested).isZero();
        assertThat(failure(s)).isEqualTo("answer larger than 10 bytes (1073741824 bytes declared); not read");
    }

    @Test
    void aFailedTransferFailsTheBody() {
        var s = subscriber(10, Map.of());
        s.onSubscribe(new Recording());
        s.onError(new java.io.IOException("connection reset"));
        assertThat(failure(s)).isEqualTo("connection reset");
    }
}
