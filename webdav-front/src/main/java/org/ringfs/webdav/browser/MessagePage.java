package org.ringfs.webdav.browser;

import org.ringfs.webdav.dav.DavPath;

/** The page of a refused or failed action: what went wrong and a link back to the folder. */
public final class MessagePage {
    private MessagePage() {}

    public static String render(String title, String message, DavPath backTo) {
        StringBuilder out = new StringBuilder(512);
        PageFrame.open(out, title + " - RingFS");
        out.append("<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"error\">").append(Html.escape(message))
                .append("</p>\n<p><a href=\"").append(Html.href(backTo, true)).append("\">Back to the folder</a></p>\n");
        PageFrame.close(out);
        return out.toString();
    }
}
