package lab.performance.observatory.api;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code /graphql} over HTTP: SmallRye GraphQL's engine (the schema from {@link RunsGraph}, its
 * depth and complexity limits), answered with the statuses and media types of the
 * GraphQL-over-HTTP spec ({@link GraphQlOverHttp} decides them), which SmallRye's own handler does
 * not (it answers 200 to everything). GET and POST; executed on a worker thread, as JDBC blocks.
 */
@ApplicationScoped
public class GraphQlEndpoint {

    private static final Logger LOG = Logger.getLogger(GraphQlEndpoint.class);

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") io.quarkus.runtime.configuration.MemorySize limit) {
        router.route("/graphql").order(Integer.MIN_VALUE + 2).handler(BodyHandler.create().setBodyLimit(limit.asLongValue()))
                .blockingHandler(this::handle, false);
    }

    private void handle(RoutingContext ctx) {
        String mediaType = GraphQlOverHttp.JSON;
        try {
            mediaType = GraphQlOverHttp.accept(ctx.request().getHeader("Accept"));
            HttpMethod method = ctx.request().method();
            GraphQlOverHttp.Request request;
            if (method == HttpMethod.GET) {
                request = GraphQlOverHttp.fromQueryString(ctx.request().getParam("query"), ctx.request().getParam("variables"),
                        ctx.request().getParam("operationName"));
            } else if (method == HttpMethod.POST) {
                request = GraphQlOverHttp.fromBody(ctx.request().getHeader("Content-Type"), ctx.body().asString());
            } else {
                ctx.response().putHeader("Allow", "GET, POST");
                throw new GraphQlOverHttp.Refusal(405, "use GET or POST");
            }
            ExecutionResponse response = execute(request, ctx);
            boolean data = response.getExecutionResult().isDataPresent();
            String body = data ? response.getExecutionResultAsString() : syntaxError(request.query()).orElse(response.getExecutionResultAsString());
            ctx.response().setStatusCode(GraphQlOverHttp.status(mediaType, data)).putHeader("Content-Type", mediaType + "; charset=utf-8").end(body);
        } catch (GraphQlOverHttp.Refusal refusal) {
            ctx.response().setStatusCode(refusal.status).putHeader("Content-Type", mediaType + "; charset=utf-8")
                    .end(GraphQlOverHttp.error(refusal.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("GraphQL request failed", e);
            ctx.response().setStatusCode(500).putHeader("Content-Type", mediaType + "; charset=utf-8")
                    .end(GraphQlOverHttp.error("the request failed on the server; its log says why"));
        }
    }

    /**
     * SmallRye says only "Unparseable input document" of a document that does not parse: graphql-java's parser
     * says where and what it expected, which is what the caller needs to fix it.
     */
    private static java.util.Optional<String> syntaxError(String query) {
        try {
            graphql.parser.Parser.parse(query);
            return java.util.Optional.empty();
        } catch (graphql.parser.InvalidSyntaxException e) {
            return java.util.Optional.of(GraphQlOverHttp.error(e.getMessage()));
        }
    }

    private static ExecutionResponse execute(GraphQlOverHttp.Request request, RoutingContext ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.query());
        body.put("variables", request.variables());
        if (request.operationName() != null) {
            body.put("operationName", request.operationName());
        }
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(GraphQlOverHttp.json(body)))) {
            json = reader.readObject();
        }
        // what Quarkus's data fetchers look up in the GraphQL context: whether they may block (on this worker thread, yes)
        Map<String, Object> context = new java.util.concurrent.ConcurrentHashMap<>();
        context.put("runBlocking", Boolean.TRUE);
        Map<String, java.util.List<String>> headers = new java.util.HashMap<>();
        for (String name : ctx.request().headers().names()) {
            headers.put(name, ctx.request().headers().getAll(name));
        }
        context.put("httpHeaders", headers);
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            AtomicReference<ExecutionResponse> written = new AtomicReference<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Arc.container().instance(ExecutionService.class).get().executeSync(json, context, new ExecutionResponseWriter() {
                @Override
                public void write(ExecutionResponse response) {
                    written.set(response);
                }

                @Override
                public void fail(Throwable t) {
                    failed.set(t);
                }
            });
            if (failed.get() != null) {
                throw new IllegalStateException("GraphQL execution failed", failed.get());
            }
            return written.get();
        } finally {
            requestContext.terminate();
        }
    }
}
