package org.ringfs.webdav.browser;

import org.ringfs.webdav.dav.DavPath;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The page a browser gets for a folder: breadcrumbs, the free space, the upload and new-folder
 * forms, and the entries, folders first, each with its size, modified time (UTC), and links to
 * download, rename and delete (the last two lead to a confirmation page). Every name is escaped
 * and every link percent-encoded ({@link Html}).
 */
public final class FolderPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** One entry of the folder. */
    public record Entry(String name, boolean folder, long size, long mtimeNanos) {}

    private FolderPage() {}

    /**
     * @param freeBytes  usable bytes left (after every copy), or -1 when unknown
     * @param totalBytes usable bytes in all
     * @param token      the form token of the logged-in user
     */
    public static String render(DavPath folder, List<Entry> entries, long freeBytes, long totalBytes, String token) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((Entry e) -> !e.folder())
                .thenComparing(Entry::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Entry::name));
        StringBuilder out = new StringBuilder(2048 + 400 * sorted.size());
        PageFrame.open(out, (folder.isRoot() ? "/" : folder.name()) + " - RingFS");
        breadcrumbs(out, folder);
        if (freeBytes >= 0) {
            out.append("<p class=\"free\">").append(HumanSize.of(freeBytes)).append(" free of ")
                    .append(HumanSize.of(totalBytes)).append("</p>\n");
        }
        String action = Html.href(folder, true);
        String hidden = "<input type=\"hidden\" name=\"token\" value=\"" + Html.escape(token) + "\">";
        // The token comes first: the upload's parts are read in order and files are only stored after it.
        out.append("<form class=\"bar\" method=\"post\" enctype=\"multipart/form-data\" action=\"").append(action)
                .append("?op=upload\">").append(hidden)
                .append("<input type=\"file\" name=\"file\" multiple required aria-label=\"Files to upload\">")
                .append("<label><input type=\"checkbox\" name=\"replace\" value=\"1\"> replace existing</label>")
                .append("<button type=\"submit\">Upload</button></form>\n");
        out.append("<form class=\"bar\" method=\"post\" action=\"").append(action).append("\">").append(hidden)
                .append("<input type=\"hidden\" name=\"op\" value=\"mkdir\">")
                .append("<input type=\"text\" name=\"name\" required maxlength=\"255\" placeholder=\"New folder name\" aria-label=\"New folder name\">")
                .append("<button type=\"submit\">New folder</button></form>\n");
        out.append("<table><thead><tr><th>Name</th><th class=\"size\">Size</th><th class=\"when\">Modified (UTC)</th><th></th></tr></thead><tbody>\n");
        if (!folder.isRoot()) {
            out.append("<tr><td class=\"name\"><a href=\"").append(Html.href(folder.parent(), true))
                    .append("\">../</a></td><td></td><td class=\"when\"></td><td></td></tr>\n");
        }
        for (Entry e : sorted) {
            DavPath p = folder.child(e.name());
            String q = Html.escape(Html.query(e.name()));
            out.append("<tr><td class=\"name\"><a href=\"").append(Html.href(p, e.folder())).append('"');
            if (!e.folder()) out.append(" download=\"").append(Html.escape(e.name())).append('"');
            out.append('>').append(Html.escape(e.name())).append(e.folder() ? "/" : "").append("</a></td>")
                    .append("<td class=\"size\">").append(e.folder() ? "" : HumanSize.of(e.size())).append("</td>")
                    .append("<td class=\"when\">").append(WHEN.format(Instant.ofEpochSecond(0, e.mtimeNanos()))).append("</td>")
                    .append("<td class=\"acts\"><a href=\"").append(action).append("?confirm=rename&amp;name=").append(q)
                    .append("\">rename</a><a href=\"").append(action).append("?confirm=delete&amp;name=").append(q)
                    .append("\">delete</a></td></tr>\n");
        }
        out.append("</tbody></table>\n");
        if (sorted.isEmpty()) out.append("<p>This folder is empty.</p>\n");
        PageFrame.close(out);
        return out.toString();
    }

    private static void breadcrumbs(StringBuilder out, DavPath folder) {
        out.append("<nav class=\"top\" aria-label=\"Path\"><h1><a href=\"/\">RingFS</a>");
        DavPath at = DavPath.ROOT;
        for (String segment : folder.value().split("/")) {
            if (segment.isEmpty()) continue;
            at = at.child(segment);
            out.append(" / <a href=\"").append(Html.href(at, true)).append("\">").append(Html.escape(segment)).append("</a>");
        }
        out.append("</h1><a href=\"").append(Html.escape(StatusPage.PATH)).append("\">Cluster status</a></nav>\n");
    }
}
