package io.github.iothubmqtt.emulator;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iothubmqtt.protocol.Identity;

/**
 * One edgeHub route, {@code FROM <source> [WHERE <condition>] INTO <sink>}: a source such as {@code /messages/*},
 * {@code /messages/modules/a/*} or {@code /messages/modules/a/outputs/x}; a sink that is {@code $upstream} or
 * {@code BrokeredEndpoint("/modules/b/inputs/y")}. Keywords are case-insensitive, as in edgeHub.
 *
 * @param inputModule the module of a BrokeredEndpoint sink; {@code null} for {@code $upstream}
 * @param inputName   the input of a BrokeredEndpoint sink; {@code null} for {@code $upstream}
 */
record EdgeRoute(String name, String source, RouteCondition condition, String inputModule, String inputName) {

    static final String UPSTREAM = "$upstream";

    private static final Pattern ROUTE = Pattern.compile("\\s*FROM\\s+(\\S+)(?:\\s+WHERE\\s+(.+))?\\s+INTO\\s+(.+?)\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile(
            "/\\*|/twinChangeNotifications|/messages/(\\*|modules/(\\*|[^/*]+/(\\*|outputs/(\\*|[^/*]+))))");
    private static final Pattern BROKERED = Pattern.compile(
            "BrokeredEndpoint\\(\\s*[\"']/modules/([^/\"']+)/inputs/([^/\"']+)[\"']\\s*\\)", Pattern.CASE_INSENSITIVE);

    /** Parses a route; throws {@link IllegalArgumentException} naming the route and what is wrong with it. */
    static EdgeRoute parse(String name, String text) {
        Matcher route = ROUTE.matcher(text == null ? "" : text);
        if (!route.matches()) {
            throw new IllegalArgumentException("route '" + name + "': expected FROM <source> [WHERE <condition>]"
                    + " INTO <sink>, got '" + text + "'");
        }
        String source = route.group(1);
        if (!SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("route '" + name + "': source '" + source + "' is not /*, /messages/*,"
                    + " /messages/modules/*, /messages/modules/{m}/*, /messages/modules/{m}/outputs/* or"
                    + " /messages/modules/{m}/outputs/{o}");
        }
        RouteCondition condition;
        try {
            condition = route.group(2) == null ? null : RouteCondition.parse(route.group(2).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route '" + name + "': " + e.getMessage(), e);
        }
        String sink = route.group(3);
        if (sink.equalsIgnoreCase(UPSTREAM)) {
            return new EdgeRoute(name, source, condition, null, null);
        }
        Matcher brokered = BROKERED.matcher(sink);
        if (!brokered.matches()) {
            throw new IllegalArgumentException("route '" + name + "': sink '" + sink + "' is not $upstream or"
                    + " BrokeredEndpoint(\"/modules/{module}/inputs/{input}\")");
        }
        return new EdgeRoute(name, source, condition, brokered.group(1), brokered.group(2));
    }

    boolean isUpstream() {
        return inputModule == null;
    }

    /**
     * Whether a message from {@code path} ({@code /messages/modules/{m}/outputs/{o}}, {@code /messages/modules/{m}}
     * or, from a device, {@code /messages/events}) takes this route.
     */
    boolean matches(String path, Function<String, Object> resolver) {
        return sourceMatches(path) && (condition == null || condition.test(resolver));
    }

    private boolean sourceMatches(String path) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.equals("/twinchangenotifications")) {
            return false;
        }
        if (source.endsWith("/*")) {
            String prefix = source.substring(0, source.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return path.equals(source);
    }

    /** Where a message comes from, in the terms route sources use. */
    static String sourcePath(Identity sender, String outputName) {
        if (!sender.isModule()) {
            return "/messages/events";
        }
        String module = "/messages/modules/" + sender.moduleId();
        return outputName == null || outputName.isEmpty() ? module : module + "/outputs/" + outputName;
    }
}
