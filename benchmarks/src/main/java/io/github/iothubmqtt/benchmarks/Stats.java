package io.github.iothubmqtt.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles of measured samples. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> samples) {
        return percentile(samples.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] samples, double percent) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
