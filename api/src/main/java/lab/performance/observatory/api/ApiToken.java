package lab.performance.observatory.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The API's one guard, in front of REST and GraphQL alike: a request that changes something (any
 * method but GET, HEAD and OPTIONS under {@code /api/}; a dry-run plan is a read, and GraphQL has
 * only queries) needs {@code Authorization: Bearer TOKEN} with the configured token, compared in
 * constant time; without a configured token changes are refused (403, saying how to enable them),
 * never open. Reads need it only with {@code observatory.api.protect-reads}. Missing credentials
 * are 401 with a Bearer challenge, wrong ones 403.
 */
@ApplicationScoped
public class ApiToken {

    static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    static final Set<String> READ_POSTS = Set.of("/api/v1/plan");

    void install(@Observes Router router, ApiSettings settings) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String path = ctx.normalizedPath();
            boolean graphql = path.equals("/graphql") || path.startsWith("/graphql/");
            if (!graphql && !path.startsWith("/api/")) {
                ctx.next();
                return;
            }
            boolean read = graphql || READS.contains(ctx.request().method()) || READ_POSTS.contains(path);
            Decision decision = decide(read, settings.protectReads(), settings.token(), ctx.request().getHeader("Authorization"));
            if (decision == Decision.ALLOW) {
                ctx.next();
                return;
            }
            var response = ctx.response().setStatusCode(decision.status).putHeader("Content-Type", ProblemMappers.PROBLEM_JSON);
            if (decision == Decision.MISSING) {
                response.putHeader("WWW-Authenticate", "Bearer realm=\"observatory\"");
            }
            response.end(ProblemMappers.problemJson(decision.status, decision.title, decision.detail, null));
        });
    }

    /** What a request gets, from what it is and what it carries. */
    enum Decision {
        ALLOW(200, "", ""),
        MISSING(401, "Unauthorized", "send Authorization: Bearer TOKEN with the API's token (observatory.api.token)"),
        WRONG(403, "Forbidden", "the bearer token is not the API's token"),
        DISABLED(403, "Forbidden", "changes are disabled: this API has no token; set observatory.api.token (OBSERVATORY_API_TOKEN) to enable them");

        final int status;
        final String title;
        final String detail;

        Decision(int status, String title, String detail) {
            this.status = status;
            this.title = title;
            this.detail = detail;
        }
    }

    /** Pure. */
    static Decision decide(boolean read, boolean protectReads, Optional<String> token, String authorization) {
        if (read && !protectReads) {
            return Decision.ALLOW;
        }
        if (token.isEmpty() || token.get().isEmpty()) {
            return read ? Decision.ALLOW : Decision.DISABLED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Decision.MISSING;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8)) ? Decision.ALLOW : Decision.WRONG;
    }
}
