package io.github.iothubmqtt.examples.thermostat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The simulated hardware of a thermostat: the temperature drifts towards the target with some noise, and the
 * readings since the last reboot are summarized. Its answers are maps, which the routes send as JSON, shaped as in
 * IoT Plug and Play's thermostat model (dtmi:com:example:Thermostat;1).
 */
public class Thermostat {

    private static final double INITIAL_TEMPERATURE = 21.0;
    /** The share of the gap to the target closed by each reading. */
    private static final double APPROACH = 0.2;
    private static final double NOISE = 0.2;

    private final Random random = new Random();
    private double temperature = INITIAL_TEMPERATURE;
    private double targetTemperature = INITIAL_TEMPERATURE;
    private Statistics statistics = new Statistics();

    /** Takes a reading: {@code {"temperature": 21.3}}. */
    public synchronized Map<String, Object> readTemperature() {
        temperature += (targetTemperature - temperature) * APPROACH + (random.nextDouble() - 0.5) * NOISE;
        temperature = Math.round(temperature * 10) / 10.0;
        statistics.add(temperature);
        return Map.of("temperature", temperature);
    }

    /** The read-only properties the device reports when it starts. */
    public synchronized Map<String, Object> startupProperties() {
        return Map.of("serialNumber", "THERMOSTAT-0001", "maxTempSinceLastReboot", statistics.max(temperature));
    }

    /**
     * Takes a new target and answers the value it took, which the route acknowledges as IoT Plug and Play does for
     * writable properties (the component adds the status code, the desired version and the description).
     */
    public synchronized Map<String, Object> applyTargetTemperature(double target) {
        targetTemperature = target;
        return Map.of("targetTemperature", target);
    }

    /** The answer to the getMaxMinReport command: the readings since the last reboot. */
    public synchronized Map<String, Object> maxMinReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("maxTemp", statistics.max(temperature));
        report.put("minTemp", statistics.min(temperature));
        report.put("avgTemp", statistics.average(temperature));
        report.put("startTime", statistics.since.toString());
        report.put("endTime", now().toString());
        return report;
    }

    /** Restarts the thermostat: the statistics start over, the target stays. */
    public synchronized Map<String, Object> reboot() {
        statistics = new Statistics();
        return Map.of("status", "rebooting");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Readings since the last reboot; before the first one, the current temperature stands for all. */
    private static final class Statistics {

        private final Instant since = now();
        private double min = Double.MAX_VALUE;
        private double max = -Double.MAX_VALUE;
        private double sum;
        private int count;

        void add(double reading) {
            min = Math.min(min, reading);
            max = Math.max(max, reading);
            sum += reading;
            count++;
        }

        double min(double current) {
            return count == 0 ? current : min;
        }

        double max(double current) {
            return count == 0 ? current : max;
        }

        double average(double current) {
            return count == 0 ? current : Math.round(sum / count * 10) / 10.0;
        }
    }
}
