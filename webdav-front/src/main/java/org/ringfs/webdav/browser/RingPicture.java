package org.ringfs.webdav.browser;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.ServerInfo;

import java.util.Locale;
import java.util.Map;

/**
 * The ring as inline SVG, drawn on the server (the page's CSP loads nothing and runs nothing): a
 * ring of slices, one per placement server in ring order, each as wide as its share of the hash
 * circle, coloured per server (a server that is down in red), named with its share; in the middle
 * the epoch and the number of servers. Only SVG presentation attributes, no style, so the CSP's
 * one style hash still holds.
 */
final class RingPicture {
    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31"};
    private static final String DOWN = "#d62728";
    private static final double OUTER = 110;
    private static final double INNER = 68;
    private static final double LABEL = 128;

    private RingPicture() {}

    /** The colour of the k-th server of the ring's shares; red when it is down. */
    static String colour(ServerInfo server, int k) {
        if (server != null && !server.alive()) return DOWN;
        return PALETTE[k % PALETTE.length];
    }

    static String svg(ClusterMap map, Map<String, double[]> shares) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<svg class=\"ring\" viewBox=\"-250 -165 500 330\" width=\"500\" height=\"330\" role=\"img\" aria-label=\"")
                .append("The ring: each server's share of the hash circle\">");
        double start = -Math.PI / 2; // twelve o'clock, clockwise
        int k = 0;
        for (Map.Entry<String, double[]> e : shares.entrySet()) {
            double share = e.getValue()[0];
            double end = start + share * 2 * Math.PI;
            ServerInfo server = map.server(e.getKey());
            out.append("<path d=\"").append(slice(start, end)).append("\" fill=\"").append(colour(server, k))
                    .append("\" stroke=\"#fff\" stroke-width=\"2\"><title>").append(Html.escape(e.getKey()))
                    .append(server != null && !server.alive() ? " (down)" : "").append(": first copies of ")
                    .append(pct(share)).append(" of the blocks, copies of ").append(pct(e.getValue()[1])).append("</title></path>");
            double mid = (start + end) / 2;
            double x = LABEL * Math.cos(mid);
            double y = LABEL * Math.sin(mid);
            String anchor = Math.abs(x) < 20 ? "middle" : x > 0 ? "start" : "end";
            out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"").append(anchor)
                    .append("\" dominant-baseline=\"middle\" font-size=\"13\" fill=\"#1d1d1f\">").append(Html.escape(e.getKey()))
                    .append(' ').append(pct(share)).append("</text>");
            start = end;
            k++;
        }
        out.append("<text x=\"0\" y=\"-8\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\" fill=\"#1d1d1f\">epoch ")
                .append(map.epoch()).append("</text><text x=\"0\" y=\"14\" text-anchor=\"middle\" font-size=\"12\" fill=\"#555\">")
                .append(shares.size()).append(" servers, 3 copies</text></svg>");
        return out.toString();
    }

    /** A donut slice from angle a to b (radians, clockwise on screen). */
    private static String slice(double a, double b) {
        int large = b - a > Math.PI ? 1 : 0;
        return "M" + num(OUTER * Math.cos(a)) + " " + num(OUTER * Math.sin(a))
                + "A" + num(OUTER) + " " + num(OUTER) + " 0 " + large + " 1 " + num(OUTER * Math.cos(b)) + " " + num(OUTER * Math.sin(b))
                + "L" + num(INNER * Math.cos(b)) + " " + num(INNER * Math.sin(b))
                + "A" + num(INNER) + " " + num(INNER) + " 0 " + large + " 0 " + num(INNER * Math.cos(a)) + " " + num(INNER * Math.sin(a)) + "Z";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
