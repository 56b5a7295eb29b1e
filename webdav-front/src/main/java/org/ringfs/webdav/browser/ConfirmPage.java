package org.ringfs.webdav.browser;

import org.ringfs.webdav.dav.DavPath;

/**
 * The confirmation step of a rename or a delete: a page naming the entry, with the form that does
 * it (POST, with the form token) and a way back. Nothing changes until that form is sent.
 */
public final class ConfirmPage {
    private ConfirmPage() {}

    public static String delete(DavPath folder, String name, boolean isFolder, String token) {
        StringBuilder out = new StringBuilder(1024);
        PageFrame.open(out, "Delete " + name + " - RingFS");
        out.append("<h1>Delete ").append(isFolder ? "the folder " : "").append("&ldquo;").append(Html.escape(name))
                .append("&rdquo;").append(isFolder ? " and everything in it" : "").append("?</h1>\n");
        form(out, folder, token, "delete", name);
        out.append("<button type=\"submit\">Delete</button> <a href=\"").append(Html.href(folder, true))
                .append("\">Cancel</a></form>\n");
        PageFrame.close(out);
        return out.toString();
    }

    public static String rename(DavPath folder, String name, String token) {
        StringBuilder out = new StringBuilder(1024);
        PageFrame.open(out, "Rename " + name + " - RingFS");
        out.append("<h1>Rename &ldquo;").append(Html.escape(name)).append("&rdquo;</h1>\n");
        form(out, folder, token, "rename", name);
        out.append("<input type=\"text\" name=\"to\" required maxlength=\"255\" value=\"").append(Html.escape(name))
                .append("\" aria-label=\"New name\"> <button type=\"submit\">Rename</button> <a href=\"")
                .append(Html.href(folder, true)).append("\">Cancel</a></form>\n");
        PageFrame.close(out);
        return out.toString();
    }

    private static void form(StringBuilder out, DavPath folder, String token, String op, String name) {
        out.append("<form class=\"bar\" method=\"post\" action=\"").append(Html.href(folder, true)).append("\">")
                .append("<input type=\"hidden\" name=\"token\" value=\"").append(Html.escape(token)).append("\">")
                .append("<input type=\"hidden\" name=\"op\" value=\"").append(op).append("\">")
                .append("<input type=\"hidden\" name=\"name\" value=\"").append(Html.escape(name)).append("\">");
    }
}
