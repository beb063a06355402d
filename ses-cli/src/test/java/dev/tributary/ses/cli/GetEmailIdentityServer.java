package dev.tributary.ses.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers SESv2 GetEmailIdentity ({@code GET /v2/email/identities/<id>}) with the JSON SES returns, for the
 * identities it is given; unknown identities get SES's 404 NotFoundException. The SES emulator the test kit
 * runs has no identity operations (it answers 404 UnknownOperation), so the answer side of {@code --from-ses}
 * needs this; the request side is the real SDK client the command builds.
 */
final class GetEmailIdentityServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> identities;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    GetEmailIdentityServer(Map<String, String> identities) throws IOException {
        this.identities = Map.copyOf(identities);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/email/identities/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Returns the Authorization headers seen, oldest first. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    static String easyDkim(String mailFrom, String... tokens) {
        return "{\"IdentityType\":\"DOMAIN\",\"VerifiedForSendingStatus\":true,\"FeedbackForwardingStatus\":true,"
                + "\"DkimAttributes\":{\"SigningEnabled\":true,\"Status\":\"SUCCESS\",\"Tokens\":[\""
                + String.join("\",\"", tokens) + "\"],\"SigningAttributesOrigin\":\"AWS_SES\"},"
                + "\"MailFromAttributes\":{\"MailFromDomain\":\"" + mailFrom + "\",\"MailFromDomainStatus\":"
                + "\"SUCCESS\",\"BehaviorOnMxFailure\":\"USE_DEFAULT_VALUE\"},\"Policies\":{},\"Tags\":[]}";
    }

    static String byodkim(String selector) {
        return "{\"IdentityType\":\"DOMAIN\",\"VerifiedForSendingStatus\":true,"
                + "\"DkimAttributes\":{\"SigningEnabled\":true,\"Status\":\"SUCCESS\",\"Tokens\":[\"" + selector
                + "\"],\"SigningAttributesOrigin\":\"EXTERNAL\"},\"MailFromAttributes\":{\"BehaviorOnMxFailure\":"
                + "\"USE_DEFAULT_VALUE\"}}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        String id = exchange.getRequestURI().getPath().substring("/v2/email/identities/".length());
        String body = identities.get(id);
        int status = 200;
        if (!"GET".equals(exchange.getRequestMethod()) || body == null) {
            status = 404;
            body = "{\"message\":\"Email identity <" + id + "> does not exist.\"}";
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "NotFoundException");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
