package io.github.iothubmqtt.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects result rows, prints them as a Markdown table and draws the ratios as an SVG bar chart. */
final class Report {

    /**
     * One measured figure; {@code ratio} says how the component compares with the baseline, higher being better:
     * component / baseline for rates, baseline / component for times and costs; NaN without a baseline.
     */
    record Row(String measure, String component, String baseline, double ratio, String goal) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String measure, String component, String baseline, double ratio, String goal) {
        rows.add(new Row(measure, component, baseline, ratio, goal));
        System.out.println(line(rows.get(rows.size() - 1)));
    }

    String markdown() {
        StringBuilder table = new StringBuilder(
                "| measure | iothub-mqtt | baseline | relative speed | goal |\n| --- | --- | --- | --- | --- |\n");
        rows.forEach(row -> table.append(line(row)).append('\n'));
        return table.toString();
    }

    void write(Path directory, String environment) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("benchmark-results.md"), environment + "\n\n" + markdown());
        Files.writeString(directory.resolve("benchmark-ratios.svg"), svg());
    }

    private static String line(Row row) {
        return "| " + row.measure() + " | " + row.component() + " | " + row.baseline() + " | "
                + (Double.isNaN(row.ratio()) ? "" : format("%.2f", row.ratio())) + " | " + row.goal() + " |";
    }

    /** Horizontal bars of the ratios with a line at 1.0 (parity with the baseline). */
    private String svg() {
        List<Row> ratios = rows.stream().filter(row -> !Double.isNaN(row.ratio())).toList();
        int barHeight = 26;
        // about 7 px a character at 13 px sans-serif, so that no label runs under its bar
        int labelWidth = 20 + 7 * ratios.stream().mapToInt(row -> row.measure().length()).max().orElse(0);
        int chartWidth = 400;
        double max = Math.max(1.5, ratios.stream().mapToDouble(Row::ratio).max().orElse(1));
        int height = 50 + ratios.size() * (barHeight + 10);
        StringBuilder svg = new StringBuilder(format(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"13\">%n",
                labelWidth + chartWidth + 80, height));
        svg.append(format(
                "<text x=\"10\" y=\"20\" font-weight=\"bold\">iothub-mqtt relative to the baseline of each row (1.0 = parity, higher is better)</text>%n"));
        for (int i = 0; i < ratios.size(); i++) {
            Row row = ratios.get(i);
            int y = 35 + i * (barHeight + 10);
            int width = (int) (row.ratio() / max * chartWidth);
            svg.append(format("<text x=\"10\" y=\"%d\">%s</text>%n", y + 18, escape(row.measure())));
            svg.append(format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", labelWidth, y, width,
                    barHeight,
                    row.ratio() >= 0.9 ? "#2e7d32" : "#c62828"));
            svg.append(format("<text x=\"%d\" y=\"%d\">%.2f</text>%n", labelWidth + width + 6, y + 18, row.ratio()));
        }
        int parity = labelWidth + (int) (1 / max * chartWidth);
        svg.append(format("<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"4\"/>%n", parity,
                parity, height - 5));
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
