package org.ringfs.e2e.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SVG chart of the medians: one panel of bytes per second (linear) and one of operations per
 * second (logarithmic: stats and creates differ by orders), bars grouped by workload, one colour
 * per path. The disk bars are the references the bench measured: beside seq-write the synced
 * disk write, beside seq-read and degraded-read the cold disk read (the warm one, labelled so,
 * when the page cache could not be dropped), beside fsync-4k the disk's write+fsync rate.
 * Written by hand: a chart needs no dependency.
 */
final class ThroughputChart {
    private static final List<String> PATHS = List.of("disk", "client", "fuse", "webdav");
    private static final List<String> COLOURS = List.of("#888888", "#1f77b4", "#ff7f0e", "#2ca02c");
    private static final List<String> BYTE_WORKLOADS = List.of("seq-write", "seq-read", "degraded-read", "rebuild");
    private static final List<String> OP_WORKLOADS = List.of("fsync-4k", "random-read-4k", "small-create",
            "small-stat", "small-read", "small-delete");
    private static final int BAR = 14;
    private static final int GAP = 18;
    private static final int PANEL_HEIGHT = 220;
    private static final int LEFT = 70;

    private final Figures figures;

    ThroughputChart(Figures figures) {
        this.figures = figures;
    }

    void write(Path file) throws IOException {
        int groupWidth = PATHS.size() * BAR + GAP;
        int width = LEFT + Math.max(BYTE_WORKLOADS.size(), OP_WORKLOADS.size()) * groupWidth + 130;
        int height = 2 * (PANEL_HEIGHT + 90) + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(svg, "Throughput, MB/s (median)", BYTE_WORKLOADS, 30, false);
        panel(svg, "Operations per second (median, log scale)", OP_WORKLOADS, 30 + PANEL_HEIGHT + 90, true);
        legend(svg, width - 125, 30);
        svg.append("</svg>\n");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(svg.toString());
        }
    }

    private void panel(StringBuilder svg, String title, List<String> workloads, int top, boolean log) {
        int bottom = top + PANEL_HEIGHT;
        List<double[]> values = new ArrayList<>();
        double max = 1;
        for (String w : workloads) {
            double[] v = new double[PATHS.size()];
            for (int p = 0; p < PATHS.size(); p++) {
                Samples s = figures.get(figureName(PATHS.get(p), w));
                v[p] = s == null ? 0 : s.median();
                max = Math.max(max, v[p]);
            }
            values.add(v);
        }
        double top10 = Math.pow(10, Math.ceil(Math.log10(max)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>%n", LEFT, top - 10, title));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, top, LEFT, bottom));
        for (int tick = 0; tick <= 4; tick++) {
            double value = log ? Math.pow(10, Math.log10(top10) * tick / 4) : max * tick / 4;
            int y = bottom - (int) (PANEL_HEIGHT * tick / 4.0);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 4, y + 4,
                    Samples.format(value)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eeeeee\"/>%n",
                    LEFT + 1, y, LEFT + workloads.size() * (PATHS.size() * BAR + GAP), y));
        }
        for (int w = 0; w < workloads.size(); w++) {
            int x0 = LEFT + GAP / 2 + w * (PATHS.size() * BAR + GAP);
            for (int p = 0; p < PATHS.size(); p++) {
                double v = values.get(w)[p];
                if (v <= 0) continue;
                double fraction = log ? Math.max(0, Math.log10(v)) / Math.log10(top10) : v / max;
                int h = (int) Math.round(PANEL_HEIGHT * Math.min(1, fraction));
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s%s: %s</title></rect>%n",
                        x0 + p * BAR, bottom - h, BAR - 2, h, COLOURS.get(p), figureName(PATHS.get(p), workloads.get(w)),
                        "", Samples.format(v)));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x0 + PATHS.size() * BAR / 2, bottom + 15, workloads.get(w)));
        }
    }

    /** The figure a bar draws: the path's own, or for the disk the reference it is measured against. */
    String figureName(String path, String workload) {
        if (path.equals("disk") && (workload.equals("seq-read") || workload.equals("degraded-read"))) {
            return figures.get("disk.seq-read-cold") != null ? "disk.seq-read-cold" : "disk.seq-read-warm";
        }
        return path + "." + workload;
    }

    private void legend(StringBuilder svg, int x, int y) {
        for (int p = 0; p < PATHS.size(); p++) {
            String label = PATHS.get(p);
            if (label.equals("disk")) label = figures.get("disk.seq-read-cold") != null || figures.get("disk.seq-read-warm") == null
                    ? "disk (cold read)" : "disk (warm read)";
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y + p * 16, COLOURS.get(p), x + 14, y + p * 16 + 9, label));
        }
    }
}
