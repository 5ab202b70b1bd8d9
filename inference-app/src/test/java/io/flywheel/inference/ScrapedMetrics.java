package io.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.inference.tabular.Await;
import java.time.Duration;

/** Reads the app's own {@code /q/metrics}, as Prometheus would scrape it. */
public final class ScrapedMetrics {

    private ScrapedMetrics() {
    }

    /** The sum of every series of this name (any labels); exemplars after {@code #} are ignored. */
    public static double sum(String name) {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .map(line -> line.split(" # ", 2)[0].trim())
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Waits until the sum of the series exceeds the value. */
    public static void awaitAbove(String name, double value) {
        long deadline = System.nanoTime() + Await.DEADLINE.toNanos();
        while (sum(name) <= value && System.nanoTime() < deadline) {
            Await.pause(Duration.ofMillis(100));
        }
        assertThat(sum(name)).as(name).isGreaterThan(value);
    }
}
