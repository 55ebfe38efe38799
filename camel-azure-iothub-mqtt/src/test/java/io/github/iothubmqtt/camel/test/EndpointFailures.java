package io.github.iothubmqtt.camel.test;

import org.apache.camel.CamelContext;

/** Why an endpoint could not be created, for tests of option mistakes. */
public final class EndpointFailures {

    private EndpointFailures() {
    }

    /** The message of the error that failed the endpoint, with its causes', one per line. */
    public static String messages(CamelContext context, String uri) {
        try {
            context.getEndpoint(uri);
        } catch (RuntimeException e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            return messages.toString();
        }
        throw new AssertionError("the endpoint was created: " + uri);
    }
}
