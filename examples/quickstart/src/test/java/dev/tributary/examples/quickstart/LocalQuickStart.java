package dev.tributary.examples.quickstart;

import dev.tributary.testkit.LocalDynamoDb;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@link QuickStart} against DynamoDB Local from the test kit unless {@code --dynamo-endpoint} or
 * {@code --aws-region} is given: {@code mvn exec:java} runs this class (the pom sets the test classpath), so the
 * test kit stays a test dependency and never reaches an application that copies {@code QuickStart}.
 */
public final class LocalQuickStart {
    private LocalQuickStart() {}

    /**
     * Runs the example, on DynamoDB Local by default.
     *
     * @param args the flags of {@link QuickStart}
     */
    public static void main(String[] args) {
        List<String> given = Arrays.asList(args);
        boolean targeted = given.stream().anyMatch(a -> a.startsWith("--dynamo-endpoint")
                || a.startsWith("--aws-region") || a.equals("--help") || a.equals("-h") || a.equals("--version")
                || a.equals("-V"));
        if (targeted) {
            QuickStart.main(args);
            return;
        }
        System.out.println("Starting DynamoDB Local (embedded default) ...");
        int code;
        try (LocalDynamoDb local = LocalDynamoDb.start()) {
            String[] withEndpoint = new String[args.length + 2];
            withEndpoint[0] = "--dynamo-endpoint";
            withEndpoint[1] = local.endpoint().toString();
            System.arraycopy(args, 0, withEndpoint, 2, args.length);
            code = QuickStart.execute(withEndpoint);
        }
        if (code != 0) {
            System.exit(code);
        }
    }
}
