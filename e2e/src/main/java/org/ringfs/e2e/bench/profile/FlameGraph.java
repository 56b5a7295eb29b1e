package org.ringfs.e2e.bench.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One workload's CPU samples as an SVG, one graph per process (the busiest first), drawn top-down
 * (an icicle: the outermost frame on top, callees below, each frame as wide as its share of the
 * process's samples). Hovering a frame shows its name and samples; nothing is loaded from outside.
 */
final class FlameGraph {
    static final int WIDTH = 1200;
    static final int ROW = 16;
    private static final int MARGIN = 10;
    private static final int HEADER = 24;
    /** Frames narrower than this are left out (and their callees with them). */
    private static final double MIN_PIXELS = 0.5;

    private final String title;
    private final Map<String, StackCounts> processes;

    /** @param processes samples per process name */
    FlameGraph(String title, Map<String, StackCounts> processes) {
        this.title = title;
        this.processes = processes;
    }

    void write(Path file) throws IOException {
        Files.writeString(file, svg(), StandardCharsets.UTF_8);
    }

    String svg() {
        long all = processes.values().stream().mapToLong(StackCounts::total).sum();
        List<Map.Entry<String, StackCounts>> busiest = new ArrayList<>(processes.entrySet());
        busiest.sort(Comparator.comparingLong((Map.Entry<String, StackCounts> e) -> e.getValue().total()).reversed()
                .thenComparing(Map.Entry::getKey));
        StringBuilder body = new StringBuilder();
        int y = MARGIN + HEADER;
        for (Map.Entry<String, StackCounts> p : busiest) {
            StackCounts counts = p.getValue();
            if (counts.isEmpty()) continue;
            body.append(text(MARGIN, y + 14, String.format(Locale.ROOT, "%s: %d CPU samples, %.0f%% of this workload's",
                    p.getKey(), counts.total(), 100.0 * counts.total() / all), "section"));
            y += HEADER;
            Frame root = tree(counts);
            double scale = (WIDTH - 2.0 * MARGIN) / counts.total();
            int depth = draw(body, root, MARGIN, y, scale, counts.total(), 0);
            y += (depth + 1) * ROW + MARGIN;
        }
        int height = y + MARGIN;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" font-family=\"monospace\" font-size=\"11\">\n"
                + "<style>.section{font-size:13px;font-weight:bold} .f:hover rect{stroke:#000;stroke-width:0.5}</style>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
                + text(MARGIN, MARGIN + 14, title + " (" + all + " CPU samples in all; hover a frame for its name and share)", "section")
                + body + "</svg>\n";
    }

    /** A frame and its callees, with the samples that passed through it. */
    static final class Frame {
        final String name;
        long samples;
        final Map<String, Frame> callees = new TreeMap<>();

        Frame(String name) { this.name = name; }
    }

    static Frame tree(StackCounts counts) {
        Frame root = new Frame("all");
        for (Map.Entry<String, Long> s : counts.stacks().entrySet()) {
            Frame at = root;
            at.samples += s.getValue();
            for (String frame : s.getKey().split(";")) {
                at = at.callees.computeIfAbsent(frame, Frame::new);
                at.samples += s.getValue();
            }
        }
        return root;
    }

    /** Draws {@code f}'s callees below the row at {@code y}; the deepest row drawn, relative. */
    private static int draw(StringBuilder out, Frame f, double x, int y, double scale, long total, int depth) {
        int deepest = depth;
        double at = x;
        for (Frame c : f.callees.values()) {
            double w = c.samples * scale;
            if (w >= MIN_PIXELS) {
                out.append(rect(c, at, y + depth * ROW, w, total));
                deepest = Math.max(deepest, draw(out, c, at, y, scale, total, depth + 1));
            }
            at += w;
        }
        return deepest;
    }

    private static String rect(Frame f, double x, int y, double w, long total) {
        String label = f.name;
        int fits = (int) ((w - 4) / 6.6);
        String shown = fits < 3 ? "" : label.length() <= fits ? label : label.substring(0, Math.max(0, fits - 2)) + "..";
        return String.format(Locale.ROOT,
                "<g class=\"f\"><title>%s (%d samples, %.2f%%)</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%s</g>%n",
                escape(label), f.samples, 100.0 * f.samples / total, x, y, w, ROW - 1, color(label),
                shown.isEmpty() ? "" : String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", x + 2, y + 12, escape(shown)));
    }

    /** Warm hues by where the code comes from: RingFS, the JDK, JE, Jetty, the rest. */
    static String color(String frame) {
        int hue;
        if (frame.startsWith("org.ringfs.")) hue = 25;
        else if (frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.")) hue = 50;
        else if (frame.startsWith("com.sleepycat.")) hue = 100;
        else if (frame.startsWith("org.eclipse.jetty.")) hue = 190;
        else hue = 0;
        int vary = Math.floorMod(frame.hashCode(), 20);
        return "hsl(" + (hue + vary / 2) + "," + (60 + vary) + "%," + (62 + vary / 2) + "%)";
    }

    private static String text(int x, int y, String s, String cls) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" class=\"" + cls + "\">" + escape(s) + "</text>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
