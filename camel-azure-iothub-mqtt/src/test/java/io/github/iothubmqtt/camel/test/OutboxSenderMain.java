package io.github.iothubmqtt.camel.test;

import java.io.PrintStream;
import java.util.concurrent.Semaphore;

import org.apache.camel.Endpoint;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A Camel application in its own JVM, for crash tests: sends telemetry numbered {@code first} to {@code first+count-1}
 * through the endpoint URI given, and prints {@code done N} when exchange N completed, so the test knows what the
 * route saw as sent when it kills this JVM. With a count of 0 it only opens the endpoint (and so its outbox) and waits.
 * <p>
 * Arguments: endpoint URI (with {@code sslContextParameters=#hubTls}), trust store path (PKCS12), its password, first,
 * count.
 */
public final class OutboxSenderMain {

    private static final int IN_FLIGHT = 200;

    private OutboxSenderMain() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int first = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        PrintStream out = System.out;
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("hubTls", TrustStores.sslContextParameters(args[1], args[2]));
            context.start();
            Endpoint endpoint = context.getEndpoint(uri);
            ProducerTemplate template = context.createProducerTemplate();
            template.start();
            if (count == 0) {
                endpoint.createProducer().start(); // opens the identity's session, and so its outbox, which drains
                out.println("opened");
                out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            Semaphore window = new Semaphore(IN_FLIGHT);
            for (int n = first; n < first + count; n++) {
                window.acquire();
                int sequence = n;
                template.asyncSend(endpoint, exchange -> {
                    exchange.setPattern(ExchangePattern.InOnly);
                    exchange.getMessage().setBody(Integer.toString(sequence));
                }).whenComplete((exchange, error) -> {
                    if (error == null && exchange.getException() == null) {
                        synchronized (out) {
                            out.println("done " + sequence);
                            out.flush();
                        }
                    }
                    window.release();
                });
            }
            window.acquire(IN_FLIGHT);
            out.println("finished");
            out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
