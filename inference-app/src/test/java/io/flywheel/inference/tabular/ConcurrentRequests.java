package io.flywheel.inference.tabular;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Sends many requests over real HTTP with a bounded number in flight, and keeps every answer in request order. */
final class ConcurrentRequests {

    /** One request: its body and, if any, its routing key header. */
    record Call(byte[] body, String routingKey) {
    }

    /** One answer, or the exception that stood for it. */
    record Answer(int status, String contentType, String retryAfter, String body, Throwable failure) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ConcurrentRequests() {
    }

    static List<Answer> post(URI uri, List<Call> calls, int inFlight) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(calls.size(), null)));
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            int index = i;
            permits.acquire();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(calls.get(i).body()));
            if (calls.get(i).routingKey() != null) {
                request.header("X-Flywheel-Routing-Key", calls.get(i).routingKey());
            }
            pending.add(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .handle((answer, failure) -> {
                        answers.set(index, failure != null ? new Answer(0, "", null, "", failure) : new Answer(
                                answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""),
                                answer.headers().firstValue("Retry-After").orElse(null), answer.body(), null));
                        permits.release();
                        return null;
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return List.copyOf(answers);
    }
}
