package org.ringfs.transport;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One call's way to the meta master. It starts at the member the route last found to be master. A
 * member that names the master sends the call there at once (at most {@link #MAX_HOPS} times between
 * pauses: members with stale views may name each other). A member that is unreachable, or not master
 * while no master is known (an election), sends it on to the next member not yet asked; once every
 * member was asked, it pauses (a growing backoff) and asks again, until the window has passed
 * (members found unreachable are asked last: a host that is down may cost a connect timeout). Then
 * the call fails UNAVAILABLE naming every member and what each answered last.
 *
 * <p>The caller sends every try under the same call name, so meta's reply cache answers a retry of a
 * mutation that did commit with its first reply, whichever member is master by then.
 */
final class MasterSearch {
    /** Redirects followed in a row before the members' answers count as "no master known". */
    static final int MAX_HOPS = 4;

    private final MetaRoute route;
    private final Duration window;
    private final long deadline;
    /** Per address asked (the members, then any master they named): what it answered last. */
    private final Map<String, String> answers = new LinkedHashMap<>();
    /** Addresses asked since the last pause. */
    private final Set<String> asked = new HashSet<>();
    /** Addresses whose last try in this call found them unreachable. */
    private final Set<String> unreachable = new HashSet<>();
    private int hops;
    private int pauses;

    /** @param window how long to keep looking for a master after the first try */
    MasterSearch(MetaRoute route, Duration window) {
        this.route = route;
        this.window = window;
        this.deadline = System.nanoTime() + window.toNanos();
    }

    /** Where the call goes first. */
    String first() {
        return route.current();
    }

    /**
     * {@code member} is not master and names {@code master}: where to send the call at once, or
     * empty after {@link #MAX_HOPS} redirects since the last pause (then the caller reports the
     * member {@link #refused}).
     */
    Optional<String> redirected(String member, String master) {
        unreachable.remove(member);
        answers.put(member, "not master (names " + master + ")");
        asked.add(member);
        if (hops >= MAX_HOPS) return Optional.empty();
        hops++;
        return Optional.of(master);
    }

    /** {@code member} is unreachable ({@code reason}: what the connection said). See {@link #failed}. */
    String unreachable(String member, String reason, RingFsException failure) throws RingFsException {
        unreachable.add(member);
        return failed(member, "unreachable (" + reason + ")", failure);
    }

    /** {@code member} answered, but did not carry the call out ({@code answer}: how). See {@link #failed}. */
    String refused(String member, String answer, RingFsException failure) throws RingFsException {
        unreachable.remove(member);
        return failed(member, answer, failure);
    }

    /**
     * Answers the address to try next: at once a member not asked since the last pause, else, after
     * a pause, the route's current member again, while the window lasts. Members that were
     * unreachable in this call come last (a host that is down may cost a connect timeout each).
     *
     * @throws RingFsException UNAVAILABLE once the window has passed (or the thread is interrupted);
     *                         a single member that was only ever unreachable fails as it did
     */
    private String failed(String member, String answer, RingFsException failure) throws RingFsException {
        answers.put(member, answer);
        asked.add(member);
        String next = pick(route.after(member));
        if (next != null) return next;
        long left = deadline - System.nanoTime();
        if (left <= 0) throw giveUp(failure);
        try {
            Thread.sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, backoffMillis(++pauses)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw giveUp(failure);
        }
        asked.clear();
        hops = 0;
        return pick(route.current());
    }

    /**
     * From {@code start} on in the members' order (round the end), the first address not asked since
     * the last pause and not found unreachable in this call, else the first not asked; null when all were.
     */
    private String pick(String start) {
        String fallback = null;
        String candidate = start;
        for (int i = 0; i <= route.members().size(); i++, candidate = route.after(candidate)) {
            if (asked.contains(candidate)) continue;
            if (!unreachable.contains(candidate)) return candidate;
            if (fallback == null) fallback = candidate;
        }
        return fallback;
    }

    /** A lone meta is waited for as before (restarts); a group is searched in shorter steps. */
    private long backoffMillis(int pause) {
        return route.group() ? Math.min(1000, 100L << Math.min(pause - 1, 4)) : Math.min(2000, 100L << Math.min(pause, 5));
    }

    private RingFsException giveUp(RingFsException last) {
        if (!route.group() && answers.size() == 1 && last.code() == ErrorCode.UNAVAILABLE) return last;
        Map<String, String> all = new LinkedHashMap<>();
        for (String m : route.members()) all.put(m, answers.getOrDefault(m, "not asked"));
        answers.forEach(all::putIfAbsent);
        String said = all.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return new RingFsException(ErrorCode.UNAVAILABLE, "no meta master " + (route.group() ? "among " : "at ")
                + String.join(", ", route.members()) + " after " + describe(window) + ": " + said, last);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
