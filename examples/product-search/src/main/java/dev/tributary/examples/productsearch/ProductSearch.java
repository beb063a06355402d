package dev.tributary.examples.productsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.opensearch.model.SearchPage;
import dev.tributary.opensearch.sync.ReconcileReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The product-search example's command line: a DynamoDB product catalogue kept in sync into OpenSearch and
 * searched with partial matches. Run {@code --help} for the subcommands and flags.
 *
 * <p>Without endpoint flags every subcommand starts local servers (DynamoDB Local and an OpenSearch node)
 * for that run and stops them at exit. Exit status: 0 on success, 1 when a check failed, 2 on a usage error.
 */
public final class ProductSearch {
    private static final String HELP = """
            usage: product-search <command> [args] [flags]

            commands:
              demo                 start local servers, load 10,000 products, sync, search, check; exit 1 if
                                   the index differs from the table (--products N to change the count)
              load N               write N generated products with BatchWriteItem (progress bar on stderr)
              sync                 backfill the index from the table, then follow the table's stream until
                                   caught up; --follow keeps following until Ctrl-C; --no-backfill skips the scan
              search "wire mou"    ranked hits with highlights (--size N, default 10)
              reconcile            compare index and table (ids, versions); repairs and reports
                                   missing / outdated / extra documents

            flags:
              --dynamo-endpoint URL   DynamoDB endpoint (default: DynamoDB Local started for this run)
              --opensearch-url URL    OpenSearch URL (default: an OpenSearch node started for this run)
              --aws-region REGION     real AWS: default credentials, SigV4 (es) for --opensearch-url
              --table NAME            table (default products); checkpoints go to NAME-checkpoints
              --index NAME            index alias (default products)
              --json                  machine-readable output (search, reconcile, demo)
              --ansi                  bold instead of [brackets] for matches (default when on a terminal)

            Without endpoint flags, the local servers (and all data) are gone when the command ends: only
            'demo' is useful that way; point load/sync/search/reconcile at real endpoints to keep data.
            """;

    private ProductSearch() {}

    /**
     * Runs a subcommand and exits with its status.
     *
     * @param args the command line (see {@code --help})
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a subcommand.
     *
     * @param args the command line
     * @param out results
     * @param err progress, metrics and errors
     * @return the exit status: 0 ok, 1 a check failed or a backend refused, 2 usage error
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (o.has("help") || o.command().isEmpty()) {
            out.print(HELP);
            return o.has("help") ? 0 : 2;
        }
        if (!List.of("demo", "load", "sync", "search", "reconcile").contains(o.command())) {
            err.println("unknown command '" + o.command() + "' (see --help)");
            return 2;
        }
        try {
            checkUsage(o);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        try (Backends backends = Backends.open(o, err)) {
            return switch (o.command()) {
                case "demo" -> demo(backends, o, out, err, started);
                case "load" -> load(backends, o, out, err);
                case "sync" -> sync(backends, o, err);
                case "search" -> search(backends, o, out);
                default -> reconcile(backends, o, out);
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("failed: " + e.getMessage());
            return 1;
        }
    }

    private static int demo(Backends b, Options o, PrintStream out, PrintStream err, long started) {
        int products = positiveInt(o.value("products", "10000"), "--products");
        Demo.Result r = Demo.run(b, products, err);
        double total = (System.nanoTime() - started) / 1e9;
        if (o.has("json")) {
            out.print(new ObjectMapper().valueToTree(java.util.Map.of(
                    "products", r.products(), "loadSeconds", r.loadSeconds(), "syncSeconds", r.syncSeconds(),
                    "docsPerSecond", r.docsPerSecond(), "searchMillis", r.searchMillis(), "hits", r.hits(),
                    "tableCount", r.tableCount(), "indexCount", r.indexCount(), "reconcile", r.reconcile(),
                    "problems", r.problems())).toPrettyString() + "\n");
        } else {
            out.println();
            out.print(Demo.summary(r, total));
        }
        return r.problems().isEmpty() ? 0 : 1;
    }

    private static int load(Backends b, Options o, PrintStream out, PrintStream err) {
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("usage: load N");
        }
        int n = positiveInt(o.positional().get(0), "N");
        b.ensureCreated();
        long t = System.nanoTime();
        new Loader(b.dynamo(), b.table(), 4).load(n, err);
        out.printf("loaded %,d products in %.1f s%n", n, (System.nanoTime() - t) / 1e9);
        return 0;
    }

    private static int sync(Backends b, Options o, PrintStream err) {
        try (Sync sync = Sync.open(b, err)) {
            long t = System.nanoTime();
            long copied = o.has("no-backfill") ? 0 : sync.backfill();
            sync.startCapture(Duration.ofSeconds(2));
            if (o.has("follow")) {
                err.println("following the stream; Ctrl-C stops (the capture checkpoints and closes)");
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(sync::close, "sync-shutdown"));
                try {
                    forever.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            }
            if (!sync.awaitCaughtUp(0, Duration.ofMinutes(30))) {
                err.println("the capture did not catch up within 30 minutes");
                return 1;
            }
            long[] w = sync.writes();
            err.printf("caught up in %.1f s: %,d backfilled, %,d stream records, %,d writes (%,d stale)%n",
                    (System.nanoTime() - t) / 1e9, copied, sync.metrics().records(), w[0], w[1]);
            return 0;
        }
    }

    private static int search(Backends b, Options o, PrintStream out) {
        if (o.positional().isEmpty()) {
            throw new IllegalArgumentException("usage: search \"wire mou\"");
        }
        String text = String.join(" ", o.positional());
        b.ensureCreated();
        SearchPage<Product> page = Searcher.search(b.searchIndex(), text, positiveInt(o.value("size", "10"), "--size"));
        boolean ansi = o.has("ansi") || System.console() != null;
        out.print(o.has("json") ? Searcher.json(text, page) : Searcher.table(page, ansi));
        return 0;
    }

    private static int reconcile(Backends b, Options o, PrintStream out) {
        b.ensureCreated();
        ReconcileReport r = Sync.reconcile(b);
        if (o.has("json")) {
            out.print(new ObjectMapper().valueToTree(r).toPrettyString() + "\n");
        } else {
            out.print(new TextTable("finding", ">documents", "action")
                    .row("matched", Long.toString(r.matched()), "none")
                    .row("missing", Long.toString(r.missing()), "indexed")
                    .row("outdated", Long.toString(r.outdated()), "re-indexed")
                    .row("extra", Long.toString(r.extra()), "tombstoned")
                    .row("unsettled", Long.toString(r.unsettled()), "none (written recently, left to the capture)")
                    .render());
            out.println(r.clean() ? "clean: the index matched the table" : "repaired: run again to confirm clean");
        }
        return r.clean() ? 0 : 1;
    }

    /** Refuses bad arguments before any server starts. */
    private static void checkUsage(Options o) {
        if (o.command().equals("load") && o.positional().size() != 1) {
            throw new IllegalArgumentException("usage: load N");
        }
        if (o.command().equals("load")) {
            positiveInt(o.positional().get(0), "N");
        }
        if (o.command().equals("search") && o.positional().isEmpty()) {
            throw new IllegalArgumentException("usage: search \"wire mou\"");
        }
        positiveInt(o.value("size", "10"), "--size");
        positiveInt(o.value("products", "10000"), "--products");
    }

    private static int positiveInt(String value, String what) {
        try {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Fall through to the message below.
        }
        throw new IllegalArgumentException(what + " must be a positive whole number, not '" + value + "'");
    }
}
