package dev.tributary.testkit.internal;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Main class of the child JVM that runs one OpenSearch node for {@code LocalOpenSearch}. Runs on the
 * OpenSearch runner's own classpath, never the tests'.
 *
 * <p>Arguments: HTTP port, transport port, base path, cluster name, then any {@code key=value} node settings.
 */
public final class OpenSearchNodeMain {
    private OpenSearchNodeMain() {}

    /**
     * Starts the node, prints a ready line and blocks until the process is stopped.
     *
     * @param args HTTP port, transport port, base path, cluster name
     * @throws InterruptedException when interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        String httpPort = args[0];
        String transportPort = args[1];
        String basePath = args[2];
        String clusterName = args[3];
        OpenSearchRunner runner = new OpenSearchRunner();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("close failed: " + e);
            }
        }));
        runner.onBuild((index, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", httpPort);
            settings.put("transport.port", transportPort);
            settings.put("discovery.type", "single-node");
            settings.put("action.auto_create_index", "true");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            for (int i = 4; i < args.length; i++) {
                int eq = args[i].indexOf('=');
                settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
        });
        runner.build(OpenSearchRunner.newConfigs()
                .numOfNode(1)
                .basePath(basePath)
                .clusterName(clusterName)
                .disableESLogger());
        runner.ensureYellow();
        System.out.println("TRIBUTARY-OPENSEARCH-READY http=" + httpPort);
        Thread.currentThread().join();
    }
}
