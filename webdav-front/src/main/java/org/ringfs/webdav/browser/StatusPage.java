package org.ringfs.webdav.browser;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.MetaMember;
import org.ringfs.api.ServerInfo;
import org.ringfs.api.ServerVitals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The cluster at a glance, at {@value #PATH}: the meta group's members, one row per data server
 * (liveness, blocks, bytes, free space, rebuild), the ring as a picture ({@link RingPicture}), the
 * under-replicated and corrupt counts, rebuild and drain progress with bars and rates (a drain's ETA), and the
 * last errors the front saw ({@link ClusterWatch}). It reloads itself every {@value #REFRESH_SECONDS}
 * seconds with a meta refresh (no script). Everything meta or a server says is escaped.
 */
public final class StatusPage {
    /** Where the page is: a query on the root, which no name of the drive can be or shadow. */
    public static final String PATH = "/?status";
    static final String QUERY = "status";
    static final int REFRESH_SECONDS = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private StatusPage() {}

    static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }

    public static String render(ClusterWatch.Snapshot s) {
        StringBuilder out = new StringBuilder(16 * 1024);
        PageFrame.open(out, "Cluster status - RingFS", "<meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\">");
        out.append("<nav aria-label=\"Path\"><h1><a href=\"/\">RingFS</a> / cluster status</h1></nav>\n");
        ClusterMap map = s.map();
        out.append("<p class=\"free\">As of ").append(time(s.at())).append(" UTC; this page reloads every ")
                .append(REFRESH_SECONDS).append(" s.");
        if (map != null) {
            out.append(" Cluster <code>").append(Html.escape(map.clusterId())).append("</code>, ring epoch ")
                    .append(map.epoch()).append(", block size ").append(HumanSize.of(map.blockSize())).append('.');
        }
        out.append("</p>\n");
        if (map == null) {
            out.append("<p class=\"error\">Meta did not answer: ").append(Html.escape(s.mapError())).append("</p>\n");
            errors(out, s.errors());
            PageFrame.close(out);
            return out.toString();
        }
        summary(out, s);
        members(out, s);
        servers(out, s);
        ring(out, s);
        progress(out, s);
        errors(out, s.errors());
        PageFrame.close(out);
        return out.toString();
    }

    private static void summary(StringBuilder out, ClusterWatch.Snapshot s) {
        ClusterMap map = s.map();
        long alive = map.ring().stream().filter(ServerInfo::alive).count();
        long corrupt = map.ring().stream().mapToLong(i -> i.vitals().corruptBlocks()).sum();
        out.append("<ul class=\"cards\">");
        card(out, alive == map.ring().size(), alive + " of " + map.ring().size(), "data servers alive");
        card(out, map.underReplicatedBlocks() == 0, Long.toString(map.underReplicatedBlocks()), "under-replicated blocks");
        card(out, corrupt == 0, Long.toString(corrupt), "corrupt copies found");
        String deletes = map.deletesAllowed() ? "allowed" : map.waitingForReports() ? "held back" : "REFUSED";
        card(out, map.deletesAllowed(), "deletes", deletes);
        out.append("</ul>\n");
        if (!map.deletesAllowed()) {
            out.append("<p class=\"").append(map.waitingForReports() ? "free" : "error").append("\">Deletes: ")
                    .append(Html.escape(map.deleteRefusal()))
                    .append(map.waitingForReports() ? " (normal for a few seconds after meta starts)" : "").append("</p>\n");
        }
    }

    private static void card(StringBuilder out, boolean good, String figure, String label) {
        out.append("<li class=\"").append(good ? "ok" : "bad").append("\"><b>").append(Html.escape(figure))
                .append("</b> ").append(Html.escape(label)).append("</li>");
    }

    private static void members(StringBuilder out, ClusterWatch.Snapshot s) {
        out.append("<h2>Meta</h2>\n");
        if (s.members() == null) {
            out.append("<p class=\"error\">The meta group did not say who its members are: ")
                    .append(Html.escape(s.membersError())).append("</p>\n");
            return;
        }
        out.append("<div class=\"wide\"><table><thead><tr><th>Member</th><th>Address</th><th>Role</th>")
                .append("<th class=\"size\">Lag</th><th class=\"size\">Term</th></tr></thead><tbody>\n");
        for (MetaMember m : s.members()) {
            boolean up = m.role() != MetaMember.Role.UNKNOWN;
            out.append("<tr><td>").append(Html.escape(m.name())).append("</td><td>")
                    .append(Html.escape(m.callAddress().isEmpty() ? "-" : m.callAddress())).append("</td><td class=\"")
                    .append(up ? "ok" : "bad").append("\">")
                    .append(up ? m.role().name().toLowerCase(Locale.ROOT) : "not answering").append("</td><td class=\"size\">")
                    .append(m.lag() >= 0 ? Long.toString(m.lag()) : "-").append("</td><td class=\"size\">")
                    .append(m.term() >= 0 ? Long.toString(m.term()) : "-").append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    private static void servers(StringBuilder out, ClusterWatch.Snapshot s) {
        out.append("<h2>Data servers</h2>\n<div class=\"wide\"><table><thead><tr><th>Name</th><th>Address</th>")
                .append("<th>Alive</th><th class=\"size\">Blocks</th><th class=\"size\">Bytes</th><th>Free</th>")
                .append("<th>Rebuild</th><th class=\"size\">Corrupt</th></tr></thead><tbody>\n");
        for (ClusterWatch.Server server : s.servers()) {
            ServerInfo i = server.info();
            ServerVitals v = i.vitals();
            out.append("<tr><td>").append(Html.escape(i.name())).append(i.retiring() ? " <small>(retiring)</small>" : "")
                    .append("</td><td>").append(Html.escape(i.address().isEmpty() ? "-" : i.address())).append("</td>");
            if (i.alive()) {
                out.append("<td class=\"ok\">yes</td>");
            } else {
                out.append("<td class=\"bad\">DOWN");
                if (i.lastHeartbeatMillis() > 0) out.append(" <small>since ").append(time(i.lastHeartbeatMillis())).append("</small>");
                out.append("</td>");
            }
            out.append("<td class=\"size\">").append(v.blocks()).append("</td><td class=\"size\">")
                    .append(HumanSize.of(v.bytes())).append("</td><td>");
            if (v.capacityBytes() > 0) {
                out.append("<meter min=\"0\" max=\"").append(v.capacityBytes()).append("\" low=\"")
                        .append(v.capacityBytes() / 10).append("\" optimum=\"").append(v.capacityBytes())
                        .append("\" value=\"").append(Math.max(0, v.freeBytes())).append("\"></meter> ")
                        .append(HumanSize.of(Math.max(0, v.freeBytes()))).append(" of ").append(HumanSize.of(v.capacityBytes()));
            } else {
                out.append('-');
            }
            out.append("</td><td>");
            if (v.rebuilding()) {
                bar(out, v.rebuildDone(), v.rebuildTotal());
                out.append(' ').append(v.rebuildDone()).append('/').append(v.rebuildTotal());
            } else {
                out.append('-');
            }
            out.append("</td><td class=\"size").append(v.corruptBlocks() > 0 ? " bad" : "").append("\">")
                    .append(v.corruptBlocks()).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    private static void ring(StringBuilder out, ClusterWatch.Snapshot s) {
        out.append("<h2>The ring</h2>\n");
        if (s.shares().isEmpty()) {
            out.append("<p>Placement needs at least three data servers; the ring has ").append(s.map().placementNames().size())
                    .append(".</p>\n");
            return;
        }
        out.append("<div class=\"ring\">").append(RingPicture.svg(s.map(), s.shares())).append("<div>")
                .append("<p>Each slice is a data server's share of the hash circle: the blocks whose first copy it holds. ")
                .append("A block's three copies go to the first three servers clockwise from its point, so every server ")
                .append("holds about three times its slice. (On the real circle each server's share is 256 small arcs ")
                .append("spread round it; the picture adds them up.)</p>");
        out.append("<table><thead><tr><th>Server</th><th class=\"size\">First copies</th><th class=\"size\">All copies</th></tr></thead><tbody>");
        int k = 0;
        for (var e : s.shares().entrySet()) {
            out.append("<tr><td><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"")
                    .append(RingPicture.colour(s.map().server(e.getKey()), k++)).append("\"/></svg> ")
                    .append(Html.escape(e.getKey())).append("</td><td class=\"size\">").append(percent(e.getValue()[0]))
                    .append("</td><td class=\"size\">").append(percent(e.getValue()[1])).append("</td></tr>");
        }
        out.append("</tbody></table>");
        List<String> retiring = s.map().ring().stream().filter(ServerInfo::retiring).map(ServerInfo::name).toList();
        if (!retiring.isEmpty()) {
            out.append("<p>Not on the ring while they drain: ").append(Html.escape(String.join(", ", retiring))).append(".</p>");
        }
        out.append("</div></div>\n");
    }

    private static void progress(StringBuilder out, ClusterWatch.Snapshot s) {
        out.append("<h2>Rebuild, drain and scrub</h2>\n<ul class=\"progress\">");
        boolean any = false;
        for (ClusterWatch.Server server : s.servers()) {
            ServerInfo i = server.info();
            ServerVitals v = i.vitals();
            if (v.rebuilding()) {
                any = true;
                out.append("<li><b>").append(Html.escape(i.name())).append("</b> rebuilding: ");
                bar(out, v.rebuildDone(), v.rebuildTotal());
                // The pass counts what to fetch while it reads meta's block list: the total grows until the end.
                out.append(' ').append(v.rebuildDone()).append(" blocks fetched of ").append(v.rebuildTotal())
                        .append(" found so far");
                rate(out, server.rebuildPerSecond(), "blocks", -1);
                out.append("</li>");
            }
            if (i.retiring()) {
                any = true;
                out.append("<li><b>").append(Html.escape(i.name())).append("</b> draining: ");
                if (i.drainLeft() < 0) {
                    out.append("no drain pass reported yet");
                } else {
                    long total = Math.max(server.drainFirstSeen(), i.drainLeft());
                    bar(out, total - i.drainLeft(), total);
                    out.append(' ').append(i.drainLeft()).append(" copies not yet verified on their targets");
                    rate(out, server.drainPerSecond(), "copies", server.drainEtaSeconds());
                }
                out.append(" (it leaves the ring at 0)</li>");
            }
        }
        if (!any) out.append("<li>No rebuild or drain is running.</li>");
        out.append("<li>Scrub: the data servers report the corrupt copies their scrubbers found (the table above), ")
                .append("not how far a pass has got.</li></ul>\n");
    }

    private static void rate(StringBuilder out, double perSecond, String unit, long etaSeconds) {
        if (perSecond < 0) return;
        out.append(", ").append(String.format(Locale.ROOT, perSecond < 10 ? "%.1f" : "%.0f", perSecond)).append(' ')
                .append(unit).append("/s");
        if (etaSeconds >= 0) out.append(", about ").append(duration(etaSeconds)).append(" left");
    }

    static String duration(long seconds) {
        if (seconds < 60) return seconds + " s";
        if (seconds < 3600) return (seconds / 60) + " min " + (seconds % 60) + " s";
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }

    private static void bar(StringBuilder out, long done, long total) {
        long max = Math.max(1, total);
        out.append("<progress max=\"").append(max).append("\" value=\"").append(Math.min(Math.max(0, done), max))
                .append("\">").append(percent(Math.max(0, done) / (double) max)).append("</progress>");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static void errors(StringBuilder out, List<ClusterWatch.Event> errors) {
        out.append("<h2>Last errors</h2>\n");
        if (errors.isEmpty()) {
            out.append("<p>None since this front started.</p>\n");
            return;
        }
        out.append("<ul class=\"errors\">");
        for (ClusterWatch.Event e : errors) {
            out.append("<li><span class=\"when\">").append(time(e.at())).append("</span> ").append(Html.escape(e.text())).append("</li>");
        }
        out.append("</ul>\n<p class=\"free\">As this front saw them happen (the last ").append(ClusterWatch.ERRORS)
                .append(", newest first, UTC).</p>\n");
    }
}
