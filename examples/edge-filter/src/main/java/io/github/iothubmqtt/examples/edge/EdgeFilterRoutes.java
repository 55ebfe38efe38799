package io.github.iothubmqtt.examples.edge;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;

/**
 * Two IoT Edge modules of one device. The sensor module sends a reading every half second to its output
 * {@code readings}; edgeHub routes it to the filter module's input {@code readings}; the filter forwards the
 * readings above {@code filter.threshold} to its output {@code alerts}, which edgeHub routes upstream.
 */
public class EdgeFilterRoutes extends RouteBuilder {

    /** The simulated sensor's readings, in turn (°C). */
    static final double[] READINGS = {21.5, 24.0, 31.2, 26.8, 33.9, 29.9, 35.4};

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong sent = new AtomicLong();

    @Override
    public void configure() {
        // tag::routes[]
        from("timer:sensor?period=500").routeId("sensor")
                .setBody(exchange -> Map.of("temperature", reading(sent.incrementAndGet())))
                .to("iothub-mqtt:telemetry?connectionString=RAW({{sensor.connection-string}})&outputName=readings")
                .log("Sent ${body}");

        from("iothub-mqtt:inputs?connectionString=RAW({{filter.connection-string}})&inputName=readings")
                .routeId("filter")
                .setHeader("temperature", method(EdgeFilterRoutes.class, "temperature"))
                .choice()
                .when(simple("${header.temperature} > {{filter.threshold}}"))
                .to("iothub-mqtt:telemetry?connectionString=RAW({{filter.connection-string}})&outputName=alerts")
                .log("Forwarded ${header.temperature} °C upstream")
                .otherwise()
                .log("Kept ${header.temperature} °C on the edge");
        // end::routes[]
    }

    /** The sensor's n-th reading (from 1), going round {@link #READINGS}. */
    static double reading(long n) {
        return READINGS[(int) ((n - 1) % READINGS.length)];
    }

    /** The temperature of a reading, whose body arrives as the JSON bytes the sensor sent. */
    public static double temperature(byte[] body) throws IOException {
        return JSON.readTree(body).path("temperature").asDouble();
    }
}
