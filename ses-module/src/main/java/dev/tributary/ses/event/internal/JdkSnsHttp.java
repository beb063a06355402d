package dev.tributary.ses.event.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@link SnsHttp} over the JDK client; the JDK trust store checks the server's TLS certificate. */
final class JdkSnsHttp implements SnsHttp {
    static final JdkSnsHttp INSTANCE = new JdkSnsHttp();

    // A signing certificate is ~2 KB and a confirmation answer smaller: a bigger body is not SNS.
    private static final int MAX_BODY = 64 * 1024;

    // Redirects are off: a redirect could leave the host that was checked.
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private JdkSnsHttp() {}

    @Override
    public byte[] get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(10)).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching from SNS", e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new IOException("SNS answered HTTP status " + response.statusCode());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) != -1; ) {
                if (out.size() + n > MAX_BODY) {
                    throw new IOException("SNS answer is larger than " + MAX_BODY + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }
}
