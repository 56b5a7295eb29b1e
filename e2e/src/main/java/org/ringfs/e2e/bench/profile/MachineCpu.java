package org.ringfs.e2e.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The whole machine's CPU time so far, busy and in all, over its cores, from /proc/stat. */
public record MachineCpu(double busy, double total, int cores) {

    MachineCpu minus(MachineCpu earlier) {
        return new MachineCpu(busy - earlier.busy, total - earlier.total, cores);
    }

    MachineCpu plus(MachineCpu other) {
        return new MachineCpu(busy + other.busy, total + other.total, Math.max(cores, other.cores));
    }

    /** Busy share of the time the cores had, 0 to 1. */
    double busyShare() { return total == 0 ? 0 : busy / total; }

    /** Now; empty where /proc/stat cannot be read. */
    static Optional<MachineCpu> now() {
        try {
            return Optional.of(parse(Files.readAllLines(Path.of("/proc/stat"))));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The first line sums every core: user nice system idle iowait irq softirq steal (guest time is
     * inside user already). Idle and iowait are time no thread wanted the core.
     */
    static MachineCpu parse(List<String> procStat) {
        String[] f = procStat.get(0).trim().split("\\s+");
        if (!f[0].equals("cpu")) throw new IllegalArgumentException("not /proc/stat: " + procStat.get(0));
        long all = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) all += Long.parseLong(f[i]);
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        int cores = (int) procStat.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        return new MachineCpu((all - idle) / ProcessCpu.TICKS_PER_SECOND, all / ProcessCpu.TICKS_PER_SECOND, cores);
    }
}
