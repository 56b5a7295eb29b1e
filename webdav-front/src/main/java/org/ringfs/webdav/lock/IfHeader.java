package org.ringfs.webdav.lock;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The RFC 4918 section 10.4 If header: lists of conditions, OR'd; the conditions of one list AND'd;
 * each list untagged (about the request URI) or tagged with the resource it is about.
 */
public record IfHeader(List<ConditionList> lists) {
    private static final int MAX_CONDITIONS = 256;

    /** A state token ({@code <opaquelocktoken:...>}, {@code <DAV:no-lock>}) or an entity tag, maybe negated. */
    public record Condition(boolean not, String stateToken, String etag) {}

    /** One parenthesised list; {@code resourceTag} is null for an untagged list. */
    public record ConditionList(String resourceTag, List<Condition> conditions) {}

    /** A malformed If header: the request is answered 400. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) { super(message); }
    }

    /** The lock tokens the client submits: every state token named without Not (RFC 4918 7.1, 10.4.1). */
    public Set<String> submittedTokens() {
        Set<String> tokens = new LinkedHashSet<>();
        for (ConditionList l : lists) {
            for (Condition c : l.conditions()) {
                if (!c.not() && c.stateToken() != null) tokens.add(c.stateToken());
            }
        }
        return tokens;
    }

    public static IfHeader parse(String header) throws MalformedException {
        List<ConditionList> lists = new ArrayList<>();
        int count = 0;
        String tag = null;
        int i = 0;
        int n = header.length();
        while (true) {
            i = skipSpace(header, i);
            if (i >= n) break;
            char c = header.charAt(i);
            if (c == '<') {
                int close = header.indexOf('>', i);
                if (close < 0) throw new MalformedException("unterminated resource tag");
                tag = header.substring(i + 1, close);
                i = close + 1;
                i = skipSpace(header, i);
                if (i >= n || header.charAt(i) != '(') throw new MalformedException("a resource tag without a list");
                continue;
            }
            if (c != '(') throw new MalformedException("expected '(' at " + i);
            i++;
            List<Condition> conditions = new ArrayList<>();
            while (true) {
                i = skipSpace(header, i);
                if (i >= n) throw new MalformedException("unterminated list");
                if (header.charAt(i) == ')') {
                    i++;
                    break;
                }
                boolean not = false;
                if (header.regionMatches(true, i, "Not", 0, 3)) {
                    not = true;
                    i = skipSpace(header, i + 3);
                    if (i >= n) throw new MalformedException("Not without a condition");
                }
                char open = header.charAt(i);
                if (open == '<') {
                    int close = header.indexOf('>', i);
                    if (close < 0) throw new MalformedException("unterminated state token");
                    conditions.add(new Condition(not, header.substring(i + 1, close).trim(), null));
                    i = close + 1;
                } else if (open == '[') {
                    int close = header.indexOf(']', i);
                    if (close < 0) throw new MalformedException("unterminated entity tag");
                    conditions.add(new Condition(not, null, header.substring(i + 1, close).trim()));
                    i = close + 1;
                } else {
                    throw new MalformedException("expected a state token or an entity tag at " + i);
                }
                if (++count > MAX_CONDITIONS) throw new MalformedException("too many conditions");
            }
            if (conditions.isEmpty()) throw new MalformedException("an empty list");
            lists.add(new ConditionList(tag, conditions));
        }
        if (lists.isEmpty()) throw new MalformedException("no list");
        return new IfHeader(lists);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }
}
