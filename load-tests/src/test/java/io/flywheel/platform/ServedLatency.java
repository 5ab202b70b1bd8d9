package io.flywheel.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * inference-app's own measure of a model's scoring latency: the cumulative buckets of
 * {@code flywheel_inference_latency_seconds} (all versions of the model summed), read from {@code /q/metrics}. Two
 * readings give the requests served in between, and the share of them answered within a bucket's bound — exactly
 * "p(95) < 3 ms" when a bucket sits at 3 ms. It needs no client on the machine, so it judges the tight infer bounds the
 * loopback runner cannot resolve on a shared 2-core machine (it excludes the time before the body is read).
 */
record ServedLatency(Map<Double, Double> bucketsBySeconds, double count) {

    private static final Pattern LINE = Pattern.compile(
            "flywheel_inference_latency_seconds_(bucket|count)\\{([^}]*)}\\s+([0-9.eE+-]+)");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static ServedLatency read(int port, String model) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return parse(text, model);
    }

    static ServedLatency parse(String text, String model) {
        Map<Double, Double> buckets = new TreeMap<>();
        double count = 0;
        Matcher line = LINE.matcher(text);
        while (line.find()) {
            if (!line.group(2).contains("model=\"" + model + "\"")) {
                continue;
            }
            double value = Double.parseDouble(line.group(3));
            if (line.group(1).equals("count")) {
                count += value;
                continue;
            }
            Matcher le = LE.matcher(line.group(2));
            if (le.find() && !le.group(1).equals("+Inf")) {
                buckets.merge(Double.parseDouble(le.group(1)), value, Double::sum);
            }
        }
        return new ServedLatency(buckets, count);
    }

    /** Requests served between {@code before} and this reading. */
    double servedSince(ServedLatency before) {
        return count - before.count;
    }

    /**
     * The share of the requests served since {@code before} that took at most {@code millis}; NaN when no bucket sits
     * at that bound (then the histogram cannot say it exactly) or nothing was served.
     */
    double shareWithin(ServedLatency before, double millis) {
        double seconds = millis / 1_000;
        Double key = bucketsBySeconds.keySet().stream().filter(b -> Math.abs(b - seconds) < 1e-9).findFirst()
                .orElse(null);
        double served = servedSince(before);
        if (key == null || served <= 0) {
            return Double.NaN;
        }
        return (bucketsBySeconds.get(key) - before.bucketsBySeconds.getOrDefault(key, 0.0)) / served;
    }
}
