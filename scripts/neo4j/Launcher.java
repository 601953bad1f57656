// Runs a local Neo4j Community DBMS for development and tests, without Docker or a Neo4j install:
//
//   java -Xmx1g -Xms1g -XX:+UseG1GC -cp '.neo4j/lib/*' scripts/neo4j/Launcher.java \
//        --port 7687 --data <dir> --password <pw> [--page-cache 256m] [--exit-on-stdin-eof]
//
// (src/localNeo4j/javaCommand.ts adds the JVM flags Neo4j asks for.) The jars come from
// scripts/neo4j/pom.xml. Contract with src/localNeo4j/launch.ts: stdout carries exactly
// one line, "USERGRAPH_NEO4J_READY bolt://127.0.0.1:<port>", printed once a Bolt client can log in as
// neo4j with the given password and run RETURN 1 on the neo4j database; anything else goes to stderr,
// and a failure exits non-zero. Neo4j's own logs stay under <dir>/logs.
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.impl.index.LuceneSettings;

public final class Launcher {
    private static final String READY = "USERGRAPH_NEO4J_READY";
    private static final String HOST = "127.0.0.1";
    private static final String USER = "neo4j";
    private static final Duration DATABASE_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration BOLT_TIMEOUT = Duration.ofSeconds(20);
    private static final int LUCENE_MERGE_FACTOR = 10;
    private static final String USAGE =
            "usage: Launcher --port <port> --data <dir> --password <password> [--page-cache <size, e.g. 256m>]"
                    + " [--exit-on-stdin-eof]";

    private record Options(int port, Path dataDir, String password, long pageCacheBytes, boolean exitOnStdinEof) {}

    public static void main(String[] args) {
        // Libraries that print to System.out would break the one-line contract, so stdout is kept for us alone.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Launcher: invalid arguments: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }

        try {
            DatabaseManagementService dbms = build(options);
            // Registered as soon as there is a DBMS, so every later exit (SIGTERM, SIGINT, stdin EOF, an error
            // below) checkpoints and closes the store and the next start needs no recovery.
            Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
            awaitDatabases(dbms);
            setInitialPasswordPatiently(dbms, options.password());
            checkBolt(options);
        } catch (Throwable e) {
            // The stack first and the one-line summary last, where a reader of the output's tail finds it.
            e.printStackTrace();
            System.err.println("Launcher: Neo4j did not start on " + HOST + ":" + options.port()
                    + " with data in " + options.dataDir() + ": " + causeChain(e));
            System.exit(1);
        }

        stdout.println(READY + " bolt://" + HOST + ":" + options.port());
        stdout.flush();

        if (options.exitOnStdinEof()) {
            waitForEof(System.in);
            System.err.println("Launcher: stdin closed, shutting Neo4j down");
            System.exit(0);
        }
        // Neo4j's own threads would keep the JVM alive today, but that is not a contract; parking here is.
        awaitForever();
    }

    private static DatabaseManagementService build(Options options) {
        // Transaction state lives on the heap; without a bound one runaway query takes the JVM down
        // with OutOfMemoryError instead of failing alone.
        long heap = Runtime.getRuntime().maxMemory();
        Map<org.neo4j.graphdb.config.Setting<?>, Object> config = new HashMap<>();
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, new SocketAddress(HOST, options.port()));
        config.put(BoltConnector.advertised_address, new SocketAddress(HOST, options.port()));
        config.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        config.put(HttpConnector.enabled, false);
        config.put(HttpsConnector.enabled, false);
        config.put(GraphDatabaseSettings.auth_enabled, true);
        config.put(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes());
        config.put(GraphDatabaseSettings.memory_transaction_global_max_size, heap / 2);
        config.put(GraphDatabaseSettings.memory_transaction_max_size, heap / 4);
        // Throwaway test stores should not reserve a 256 MiB transaction log each.
        config.put(GraphDatabaseSettings.preallocate_logical_logs, false);
        config.put(GraphDatabaseSettings.udc_enabled, false);
        // Netty waits a 5 s quiet period per event loop group (two of them) before the Bolt server stops,
        // which made every stop take 10 s. The databases are already closed by then, so nothing is lost.
        // The setting is internal (unsupported) and may vanish in a later Neo4j.
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        // Neo4j merges the segments of its Lucene-backed indexes (the users' search text, the graph's full-text
        // indexes) two at a time, so every entry is rewritten about log2(entries / commit) times as an index
        // grows: during a bulk import that was 43% of Neo4j's CPU. Ten at a time, Lucene's own default, rewrites
        // each about log10 times, for a few more segments to search (measured in the README's import figures).
        // Internal as well; docker-compose.yml sets the same.
        config.put(LuceneSettings.lucene_merge_factor, LUCENE_MERGE_FACTOR);
        return new DatabaseManagementServiceBuilder(options.dataDir()).setConfig(config).build();
    }

    private static void awaitDatabases(DatabaseManagementService dbms) {
        for (String name : new String[] {GraphDatabaseSettings.SYSTEM_DATABASE_NAME, GraphDatabaseSettings.DEFAULT_DATABASE_NAME}) {
            if (!dbms.database(name).isAvailable(DATABASE_START_TIMEOUT.toMillis())) {
                throw new IllegalStateException("database '" + name + "' not available after " + DATABASE_START_TIMEOUT);
            }
        }
    }

    // On a busy machine the system database may report itself unavailable for a moment after it came
    // online (the transaction is terminated); that passes, so the password is set again until it sticks.
    private static void setInitialPasswordPatiently(DatabaseManagementService dbms, String password) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                setInitialPassword(dbms, password);
                return;
            } catch (IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= 30) throw e;
                Thread.sleep(1000);
            }
        }
    }

    // A fresh store holds neo4j/neo4j with a forced change; Community has no setting for an initial
    // password, but embedded code runs with full rights on the system database and may set it. A store
    // whose password was already set is left alone: checkBolt then reports a mismatch.
    private static void setInitialPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Boolean changeRequired = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = $user RETURN passwordChangeRequired",
                Map.of("user", USER),
                result -> result.hasNext() ? (Boolean) result.next().get("passwordChangeRequired") : null);
        if (changeRequired == null) {
            throw new IllegalStateException("the store has no user '" + USER + "'; delete the data directory to start afresh");
        }
        if (changeRequired) {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        }
    }

    // Logs in over Bolt exactly as the service will, so "ready" also proves the port, the auth and the
    // neo4j database, not just that the embedded API works. The Java driver is on the classpath because
    // Neo4j itself depends on it.
    private static void checkBolt(Options options) throws InterruptedException {
        String uri = "bolt://" + HOST + ":" + options.port();
        Config config = Config.builder().withLogging(Logging.none()).build();
        long deadline = System.nanoTime() + BOLT_TIMEOUT.toNanos();
        try (Driver driver = GraphDatabase.driver(uri, AuthTokens.basic(USER, options.password()), config)) {
            while (true) {
                try {
                    driver.executableQuery("RETURN 1")
                            .withConfig(QueryConfig.builder().withDatabase(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).build())
                            .execute();
                    return;
                } catch (AuthenticationException e) {
                    throw new IllegalStateException("the store in " + options.dataDir() + " already has a different password for '"
                            + USER + "'; pass that password or delete the directory", e);
                } catch (ServiceUnavailableException e) {
                    if (System.nanoTime() > deadline) throw e;
                    Thread.sleep(200);
                }
            }
        }
    }

    // Neo4j wraps the real reason (a short password, a port in use) a few causes deep.
    private static String causeChain(Throwable error) {
        StringBuilder chain = new StringBuilder(error.getMessage() != null ? error.getMessage() : error.toString());
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && chain.indexOf(message) < 0) chain.append("; caused by: ").append(message);
        }
        return chain.toString();
    }

    private static void waitForEof(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // Whatever the parent writes is ignored; only the end of the stream matters.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone too.
        }
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Options parse(String[] args) {
        Integer port = null;
        Path dataDir = null;
        String password = null;
        long pageCache = ByteUnit.mebiBytes(256);
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = parsePort(value(args, ++i, arg));
                case "--data" -> dataDir = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--password" -> password = value(args, ++i, arg);
                case "--page-cache" -> pageCache = parseBytes(value(args, ++i, arg));
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (port == null) throw new IllegalArgumentException("--port is required");
        if (dataDir == null) throw new IllegalArgumentException("--data is required");
        if (password == null || password.isEmpty()) throw new IllegalArgumentException("--password is required");
        return new Options(port, dataDir, password, pageCache, exitOnStdinEof);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new IllegalArgumentException("--port must be an integer from 1 to 65535, got '" + text + "'");
    }

    private static long parseBytes(String text) {
        try {
            return ByteUnit.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--page-cache must be a size such as 256m or 1g, got '" + text + "'");
        }
    }
}
