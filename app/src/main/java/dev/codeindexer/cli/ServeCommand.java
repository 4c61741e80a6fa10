package dev.codeindexer.cli;

import dev.codeindexer.chunk.walk.WalkOptions;
import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.config.ConfigException;
import dev.codeindexer.config.ServerConfig;
import dev.codeindexer.index.GitRevision;
import dev.codeindexer.server.AllowedRoots;
import dev.codeindexer.server.IndexMetrics;
import dev.codeindexer.server.IndexService;
import dev.codeindexer.server.KeptRepositories;
import dev.codeindexer.server.http.ApiServer;
import dev.codeindexer.server.http.ServerSettings;
import dev.codeindexer.text.Printable;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the JSON API (/api, described at /openapi.json), the search page (/), Prometheus "
                + "metrics (/metrics) and health checks (/health) until Ctrl-C.",
                "Binds to 127.0.0.1 unless told otherwise; any other address needs a bearer token "
                        + "(server.token in the config, or CODE_INDEXER_TOKEN)."})
final class ServeCommand implements Callable<Integer> {
    static final String TOKEN_ENV = "CODE_INDEXER_TOKEN";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--host", paramLabel = "ADDR", description = "address to listen on (default: server.host, 127.0.0.1)")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "port to listen on, 0 for any free one (default: server.port, 8080)")
    Integer port;

    @Override
    public Integer call() throws Exception {
        CodeIndexerConfig config = common.loadServerConfig();
        ServerConfig sc = config.server();
        String token = sc.token() != null ? sc.token() : common.env().get(TOKEN_ENV);
        ServerSettings settings = new ServerSettings(host != null ? host : sc.host(), port != null ? port : sc.port(),
                token, sc.maxRequestBytes(), sc.allowedHosts());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        PrintWriter out = spec.commandLine().getOut();
        AllowedRoots roots = AllowedRoots.of(sc.roots(), common.env());
        List<KeptRepositories.Kept> repositories = repositories(sc, roots);
        try (StopSignal stop = new StopSignal();
             ServerAccess access = new ServerAccess(config, common.env(), registry);
             IndexService service = new IndexService(access, roots, new IndexMetrics(registry));
             ApiServer server = ApiServer.start(settings, service, registry);
             KeptRepositories kept = repositories.isEmpty() ? null : new KeptRepositories(service, repositories,
                     WalkOptions.defaults().excludedDirectories(), Duration.ofSeconds(sc.refreshSeconds()))) {
            out.println("code-indexer: serving on " + server.address() + " (search page at /, API under /api, "
                    + "metrics at /metrics" + (settings.token() == null ? "" : ", bearer token required") + "); Ctrl-C stops");
            if (kept != null) {
                out.println("code-indexer: keeping " + repositories.size() + " repositories indexed ("
                        + (sc.refreshSeconds() == 0 ? "on change" : "on change and every " + sc.refreshSeconds() + " s")
                        + "): " + repositories.stream().map(k -> Printable.field(k.toString())).toList());
            }
            out.flush();
            Thread.sleep(Long.MAX_VALUE); // until Ctrl-C (the stop signal interrupts) or the caller interrupts
        } catch (InterruptedException e) {
            // The normal way to stop: everything above is closed by now.
        } finally {
            registry.close();
        }
        return Main.OK;
    }

    /**
     * The configured repositories: directories, or {@code DIR@REV} for a git revision of the repository holding
     * {@code DIR}; each checked to exist (the revision to name a commit) and to lie inside the server's roots.
     */
    private List<KeptRepositories.Kept> repositories(ServerConfig sc, AllowedRoots roots) {
        List<KeptRepositories.Kept> out = new ArrayList<>();
        for (String configured : sc.repositories()) {
            int at = configured.lastIndexOf('@');
            String rev = null;
            String where = configured;
            if (at > 0 && !Files.isDirectory(AllowedRoots.directory(configured, common.env()))) {
                where = configured.substring(0, at);
                rev = configured.substring(at + 1);
            }
            Path dir = AllowedRoots.directory(where, common.env());
            if (!Files.isDirectory(dir)) {
                throw new ConfigException("server.repositories holds '" + configured + "', which is not a directory; "
                        + "give the root of a checkout, or DIR@REV for a git revision of one");
            }
            if (!roots.allows(dir)) {
                throw new ConfigException("server.repositories holds '" + configured + "', which is outside the "
                        + "directories this server may index; add it (or a directory above it) to server.roots");
            }
            if (rev != null) {
                GitRevision.resolve(dir, rev, common.env()); // a revision that names no commit stops the start
            }
            out.add(new KeptRepositories.Kept(dir, rev));
        }
        return out;
    }
}
