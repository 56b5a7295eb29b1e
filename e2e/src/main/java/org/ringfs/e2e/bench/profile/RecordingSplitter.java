package org.ringfs.e2e.bench.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one process's flight recording and sorts its CPU samples ({@code jdk.ExecutionSample}:
 * threads running Java code, not those blocked) into the workloads whose window holds them.
 */
final class RecordingSplitter {
    static final String CPU_SAMPLE = "jdk.ExecutionSample";
    /** Deeper stacks are cut at their outer end: the frames that say what runs are the inner ones. */
    static final int MAX_DEPTH = 128;

    private RecordingSplitter() {}

    /** Per workload (in the order given), the process's samples in its window; workloads without samples are absent. */
    static Map<String, StackCounts> split(Path recording, List<Workload> workloads) throws IOException {
        Map<String, StackCounts> out = new LinkedHashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals(CPU_SAMPLE)) continue;
                Workload w = windowOf(e.getStartTime(), workloads);
                RecordedStackTrace trace = e.getStackTrace();
                if (w == null || trace == null) continue;
                out.computeIfAbsent(w.name(), k -> new StackCounts()).add(frames(trace), 1);
            }
        }
        return out;
    }

    private static Workload windowOf(Instant t, List<Workload> workloads) {
        for (Workload w : workloads) if (w.contains(t)) return w;
        return null;
    }

    /** Outermost first, as a flame graph stacks them. */
    static List<String> frames(RecordedStackTrace trace) {
        List<RecordedFrame> inner = trace.getFrames(); // innermost first
        int n = Math.min(inner.size(), MAX_DEPTH);
        List<String> out = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) {
            RecordedFrame f = inner.get(i);
            if (!f.isJavaFrame()) continue;
            out.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
        }
        return out;
    }
}
