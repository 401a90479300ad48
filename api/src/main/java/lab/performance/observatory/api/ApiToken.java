package lab.performance.observatory.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The API's one guard: a request that changes something (any method but GET, HEAD and OPTIONS;
 * a dry-run plan is a read) needs {@code Authorization: Bearer TOKEN} with the configured token,
 * compared in constant time; without a configured token mutations are refused (403, saying how to
 * enable them), never open. Reads need it only with {@code observatory.api.protect-reads}.
 * Missing credentials are 401 with a Bearer challenge, wrong ones 403.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiToken implements ContainerRequestFilter {

    static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    static final Set<String> READ_POSTS = Set.of("api/v1/plan");

    /** Looked up per request: REST providers are built at static init, before runtime configuration exists. */
    private final jakarta.inject.Provider<ApiSettings> settings;

    public ApiToken(jakarta.inject.Provider<ApiSettings> settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("api/")) {
            return;
        }
        boolean read = READS.contains(request.getMethod()) || READ_POSTS.contains(path);
        ApiSettings current = settings.get();
        Decision decision = decide(read, current.protectReads(), current.token(), request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (decision != Decision.ALLOW) {
            request.abortWith(decision.response());
        }
    }

    /** What a request gets, from what it is and what it carries. Pure. */
    enum Decision {
        ALLOW, MISSING, WRONG, DISABLED;

        jakarta.ws.rs.core.Response response() {
            return switch (this) {
                case MISSING -> jakarta.ws.rs.core.Response.fromResponse(ProblemMappers.problem(401, "Unauthorized",
                        "send Authorization: Bearer TOKEN with the API's token (observatory.api.token)", null))
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"observatory\"").build();
                case WRONG -> ProblemMappers.problem(403, "Forbidden", "the bearer token is not the API's token", null);
                case DISABLED -> ProblemMappers.problem(403, "Forbidden",
                        "changes are disabled: this API has no token; set observatory.api.token (OBSERVATORY_API_TOKEN) to enable them", null);
                case ALLOW -> throw new IllegalStateException("nothing to refuse");
            };
        }
    }

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
