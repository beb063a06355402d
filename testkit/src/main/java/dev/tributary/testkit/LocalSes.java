package dev.tributary.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.internal.ChildProcess;
import dev.tributary.testkit.internal.JvmShared;
import dev.tributary.testkit.internal.Ports;
import dev.tributary.testkit.internal.SesEmulatorInstall;
import dev.tributary.testkit.internal.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SES v2 API emulator ({@code aws-ses-v2-local}, run with node) on a free loopback port, with read-back
 * of what was sent.
 *
 * <p>The emulator supports SendEmail (Simple, Raw, Template), SendBulkEmail, the template operations,
 * GetAccount (answered from {@link SesAccount}) and, through {@code tools/ses-emulator/extensions}, the account
 * suppression list (Put/Get/Delete/ListSuppressedDestinations, emptied by {@link #clearStore()}) and
 * configuration sets with event destinations (Create/Get/List/Delete, emptied too) plus {@link #sendRequests()};
 * identity operations answer 404, so always give SDK clients an API call timeout. Needs node and npm (Node.js 20): on first use the test kit
 * installs its pinned emulator with {@code npm ci} (verified against the lock file's integrity hashes) into
 * {@code ~/.cache/tributary/ses-emulator} ({@code $XDG_CACHE_HOME/tributary}, or the folder named by
 * {@code -Dtributary.testkit.cache} or {@code TRIBUTARY_TESTKIT_CACHE}); a project's own
 * {@code tools/ses-emulator/node_modules} or {@code -Dtributary.testkit.ses-emulator=<path to dist/cli.js>} is
 * used instead when present. Thread-safe.
 *
 * <pre>{@code
 * @ExtendWith(SesEmulatorExtension.class)
 * class WelcomeMailIT {
 *     @Test
 *     void send_welcome_isStored(LocalSes ses) {
 *         ses.clearStore();
 *         // send through an SesV2Client with endpointOverride(ses.endpoint()) ...
 *         assertThat(ses.emails()).singleElement().extracting(StoredEmail::subject).isEqualTo("Welcome");
 *     }
 * }
 * }</pre>
 */
public final class LocalSes implements AutoCloseable {
    private static final String CLI = "tools/ses-emulator/node_modules/aws-ses-v2-local/dist/cli.js";
    private static final String EXTENSIONS = "tools/ses-emulator/extensions.js";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JvmShared<LocalSes> SHARED = new JvmShared<>(() -> start(SesAccount.defaults()));

    private final URI endpoint;
    private final ChildProcess process;

    private LocalSes(URI endpoint, ChildProcess process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    /**
     * Returns the JVM-wide emulator with the {@linkplain SesAccount#defaults() default account}.
     *
     * @return the shared emulator
     */
    public static LocalSes shared() {
        return SHARED.get();
    }

    /**
     * Starts a new emulator whose GetAccount answers with {@code account}.
     *
     * @param account the quota and status to report
     * @return the running emulator; close it when done
     * @throws IllegalStateException naming the install command when node or the emulator is missing
     */
    public static LocalSes start(SesAccount account) {
        Path node = Tools.require("node", "Node.js 20 with npm (Debian/Ubuntu: apt-get install nodejs npm)");
        SesEmulatorInstall.Installed emulator = emulator();
        int port = Ports.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        List<String> command = new ArrayList<>(List.of(node.toString()));
        // Our additions to the emulator (the account suppression list), preloaded so node_modules stays as npm
        // installed it.
        if (Files.exists(emulator.extensions())) {
            command.addAll(List.of("-r", emulator.extensions().toString()));
        }
        command.addAll(List.of(emulator.cli().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)));
        ChildProcess p = ChildProcess.start(
                "ses-emulator",
                command,
                Map.of("AWS_SES_ACCOUNT", account.toEmulatorJson()),
                Tools.workDir("ses-emulator"),
                Duration.ofSeconds(30),
                () -> Ports.httpAnswers(endpoint.resolve("/health-check")));
        return new LocalSes(endpoint, p);
    }

    /**
     * Finds the emulator: {@code -Dtributary.testkit.ses-emulator}, else {@code tools/ses-emulator/node_modules} of
     * this project when someone ran {@code npm ci} there, else the copy the test kit installs in its cache.
     */
    private static SesEmulatorInstall.Installed emulator() {
        String configured = System.getProperty("tributary.testkit.ses-emulator");
        Path projectExtensions = Tools.findUpwards(EXTENSIONS).orElse(Path.of(EXTENSIONS));
        if (configured != null) {
            return new SesEmulatorInstall.Installed(Path.of(configured), projectExtensions);
        }
        return Tools.findUpwards(CLI)
                .map(cli -> new SesEmulatorInstall.Installed(cli, projectExtensions))
                .orElseGet(SesEmulatorInstall::ensureInstalled);
    }

    /** Returns the endpoint to pass to an {@code SesV2Client}'s {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every stored e-mail and template; call it before each test, as the store only grows. */
    public void clearStore() {
        send(HttpRequest.newBuilder(endpoint.resolve("/clear-store"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Returns the emulator's raw store document: {@code {"emails": [...], "templates": [...]}}. */
    public JsonNode store() {
        try {
            return JSON.readTree(send(HttpRequest.newBuilder(endpoint.resolve("/store")).GET().build()));
        } catch (IOException e) {
            throw new UncheckedIOException("The SES emulator's /store did not return JSON", e);
        }
    }

    /**
     * Returns what each accepted send request carried besides the mail, oldest first: one object per SendEmail
     * or SendBulkEmail call with {@code operation}, {@code messageIds}, {@code configurationSetName},
     * {@code listManagementOptions} ({@code ContactListName}, {@code TopicName}) and {@code emailTags}. Served
     * by the test kit's emulator extension ({@code extensions/configuration-sets.js}); empty without it.
     */
    public List<JsonNode> sendRequests() {
        try {
            String body = send(HttpRequest.newBuilder(endpoint.resolve("/tributary/send-requests")).GET().build());
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(body).path("requests").forEach(out::add);
            return List.copyOf(out);
        } catch (IOException | IllegalStateException e) {
            return List.of();
        }
    }

    /** Returns the e-mails sent since the last {@link #clearStore()}, oldest first. */
    public List<StoredEmail> emails() {
        List<StoredEmail> out = new ArrayList<>();
        for (JsonNode e : store().path("emails")) {
            out.add(toEmail(e));
        }
        return List.copyOf(out);
    }

    private static StoredEmail toEmail(JsonNode e) {
        JsonNode dest = e.path("destination");
        List<StoredEmail.Attachment> attachments = new ArrayList<>();
        for (JsonNode a : e.path("attachments")) {
            attachments.add(new StoredEmail.Attachment(
                    a.hasNonNull("filename") ? a.get("filename").asText() : null,
                    a.path("contentType").asText(),
                    Base64.getDecoder().decode(a.path("content").asText())));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode h : e.path("headers")) {
            headers.put(h.path("name").asText(), h.path("value").asText());
        }
        return new StoredEmail(
                e.path("messageId").asText(),
                e.path("from").asText(),
                strings(dest.path("to")),
                strings(dest.path("cc")),
                strings(dest.path("bcc")),
                strings(e.path("replyTo")),
                e.path("subject").asText(),
                e.path("body").hasNonNull("text") ? e.path("body").get("text").asText() : null,
                e.path("body").hasNonNull("html") ? e.path("body").get("html").asText() : null,
                List.copyOf(attachments),
                Map.copyOf(headers));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("SES emulator answered HTTP " + r.statusCode() + " to "
                        + request.uri().getPath());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("SES emulator unreachable at " + endpoint + "; its log ends with:\n"
                    + process.logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to the SES emulator", e);
        }
    }

    /** Stops the emulator. Closing the shared instance is ignored: it stops with the JVM. */
    @Override
    public void close() {
        if (!SHARED.is(this)) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return "LocalSes[" + endpoint + "]";
    }
}
