package io.github.iothubmqtt.emulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.github.iothubmqtt.protocol.ClientText;
import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps web pages away from the unauthenticated HTTP API. A request is served only when its Host names this machine
 * (localhost, 127.0.0.1, [::1]) or the bind host, and its Origin, if any, does too: a page elsewhere cannot drive
 * the emulator with a simple cross-origin POST, nor read it after rebinding its own DNS name to 127.0.0.1. When the
 * API listens on every interface, any IP-literal host is accepted as well: rebinding needs a DNS name, and remote
 * clients reach a wildcard listener by address.
 */
final class LocalRequestGuard implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRequestGuard.class);
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    private static final Set<String> WILDCARD_ADDRESSES = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*");

    private final String bindHost;
    private final boolean wildcard;

    LocalRequestGuard(String bindHost) {
        this.bindHost = normalize(bindHost);
        this.wildcard = WILDCARD_ADDRESSES.contains(this.bindHost);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        String origin = ctx.request().getHeader("Origin");
        if (authority == null || !isAllowed(authority.host())) {
            refuse(ctx, "Host " + (authority == null ? "missing" : ClientText.quote(authority.host())));
        } else if (origin != null && !isAllowed(originHost(origin))) {
            refuse(ctx, "Origin " + ClientText.quote(origin));
        } else {
            ctx.next();
        }
    }

    private boolean isAllowed(String host) {
        if (host == null) {
            return false;
        }
        String name = normalize(host);
        return LOOPBACK_NAMES.contains(name) || name.equals(bindHost) || wildcard && IP_LITERAL.matcher(name).matches();
    }

    private static String originHost(String origin) {
        try {
            return new URI(origin).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String normalize(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    private static void refuse(RoutingContext ctx, String what) {
        String message = what + " is not this machine: the HTTP API serves local clients only (see --bind)";
        LOG.debug("HTTP {} {} refused: {}", ctx.request().method(), ClientText.quote(ctx.request().path()), message);
        ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                .end(JsonNodeFactory.instance.objectNode().put("message", message).toString());
    }
}
