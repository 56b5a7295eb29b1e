package org.ringfs.webdav.browser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What every page shares: the document head (viewport for phones), the one inline style sheet and
 * the Content-Security-Policy that allows exactly that style sheet and nothing else: no script, no
 * image, font or frame from anywhere, forms posted only to this server, no framing by other sites.
 */
public final class PageFrame {
    static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:60rem;padding:.75rem;color:#1d1d1f;background:#fff}",
            "h1{font-size:1.2rem;margin:.5rem 0;overflow-wrap:anywhere}",
            "nav a{text-decoration:none}",
            "a{color:#0645ad}",
            "table{width:100%;border-collapse:collapse}",
            "th,td{text-align:left;padding:.4rem .3rem;border-bottom:1px solid #e3e3e3;vertical-align:top}",
            "td.name{overflow-wrap:anywhere;word-break:break-word}",
            "td.size,th.size{text-align:right;white-space:nowrap}",
            "td.when{white-space:nowrap;color:#555}",
            "td.acts{white-space:nowrap}",
            "td.acts a{margin-right:.5rem}",
            "form.bar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.75rem 0}",
            "input,button{font:inherit;padding:.35rem .5rem}",
            "p.free{color:#555}",
            "p.error{color:#a00000}",
            "nav.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem}",
            "h2{font-size:1.05rem;margin:1.2rem 0 .4rem}",
            "div.wide{overflow-x:auto}",
            ".ok{color:#0a7d2c}",
            ".bad{color:#a00000;font-weight:600}",
            "ul.cards{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}",
            "ul.cards li{border:1px solid #e3e3e3;border-radius:.4rem;padding:.4rem .7rem}",
            "ul.progress li,ul.errors li{margin:.3rem 0}",
            "progress{width:8rem;vertical-align:middle}",
            "meter{width:5rem;vertical-align:middle}",
            "div.ring{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}",
            "div.ring>div{flex:1 1 16rem}",
            "svg.ring{max-width:100%;height:auto}",
            "span.when{color:#555;font-variant-numeric:tabular-nums}",
            "@media (max-width:36rem){td.when,th.when{display:none}td.acts{white-space:normal}}");
    static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private PageFrame() {}

    /** The page up to and including the opening of body. */
    static void open(StringBuilder out, String title) {
        open(out, title, "");
    }

    /** The same, with {@code head} (trusted markup, such as a refresh) added to the document head. */
    static void open(StringBuilder out, String title, String head) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">").append(head)
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
    }

    static void close(StringBuilder out) {
        out.append("</body></html>\n");
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
