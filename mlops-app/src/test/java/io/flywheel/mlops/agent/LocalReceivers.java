package io.flywheel.mlops.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flywheel.testing.AppProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The outside world the agent talks to, on this machine: a real SMTP server (GreenMail) and an HTTP server that records
 * every POST to the webhook, the Slack-compatible webhook and the agent's hooks. Tests read what was received over HTTP
 * ({@code GET /recorded/<receiver>}), which works whatever class loader the test runs in.
 */
public class LocalReceivers implements QuarkusTestResourceLifecycleManager {

    static final String URL_KEY = "test.receivers.url";
    static final String RECIPIENT = "oncall@flywheel.test";
    static final String WEBHOOK_KEY = "webhook-signing-key-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Map<String, Object>>> recorded = new LinkedHashMap<>();
    private GreenMail smtp;
    private HttpServer http;

    @Override
    public Map<String, String> start() {
        int smtpPort = AppProcess.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtp.start();
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String receiver : List.of("webhook", "slack", "scale-hook", "clear-cache-hook")) {
            recorded.put(receiver, new CopyOnWriteArrayList<>());
            http.createContext("/" + receiver, exchange -> record(receiver, exchange));
        }
        http.createContext("/recorded/", this::replay);
        http.start();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put(URL_KEY, base);
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(smtpPort));
        config.put("quarkus.mailer.from", "flywheel@flywheel.test");
        config.put("flywheel.notify.email.to", RECIPIENT);
        config.put("flywheel.notify.email.from", "flywheel@flywheel.test");
        config.put("flywheel.notify.webhook.url", base + "/webhook");
        config.put("flywheel.notify.webhook.signing-key", WEBHOOK_KEY);
        config.put("flywheel.notify.slack.url", base + "/slack/services/T000/B000/XXXXSECRET");
        config.put("flywheel.agent.hooks.clear-cache-url", base + "/clear-cache-hook");
        return config;
    }

    @Override
    public void stop() {
        if (http != null) {
            http.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private void record(String receiver, HttpExchange exchange) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("path", exchange.getRequestURI().getPath());
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        request.put("headers", headers);
        request.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        recorded.get(receiver).add(request);
        respond(exchange, 200, "{\"ok\":true}");
    }

    private void replay(HttpExchange exchange) throws IOException {
        String receiver = exchange.getRequestURI().getPath().substring("/recorded/".length());
        Object answer = "mail".equals(receiver) ? mails() : recorded.getOrDefault(receiver, List.of());
        respond(exchange, 200, JSON.writeValueAsString(answer));
    }

    private List<Map<String, String>> mails() {
        List<Map<String, String>> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                mails.add(Map.of("subject", message.getSubject(), "to", message.getAllRecipients()[0].toString(),
                        "body", GreenMailUtil.getBody(message)));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
