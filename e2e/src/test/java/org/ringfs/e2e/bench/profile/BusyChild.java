package org.ringfs.e2e.bench.profile;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A process for ProfilerTest: burns CPU in {@code spinAlpha} or {@code spinBeta}, as told on stdin;
 * ends at EOF. It answers "now MODE" only once the spinner has left the old mode's method, so a
 * window the test begins after the answer holds no sample of the old one.
 */
public final class BusyChild {
    static volatile String mode = "alpha";
    /** The mode of the spin the spinner is in (or about to start). */
    static volatile String spinning = "";
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        Thread spinner = new Thread(() -> {
            while (true) {
                String m = mode;
                spinning = m;
                if (m.equals("alpha")) spinAlpha();
                else spinBeta();
            }
        }, "spinner");
        spinner.setDaemon(true);
        spinner.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            String wanted = line.trim();
            mode = wanted;
            while (!spinning.equals(wanted)) Thread.onSpinWait();
            System.out.println("now " + wanted);
            System.out.flush();
        }
    }

    static void spinAlpha() {
        long x = sink;
        for (int i = 0; i < 1_000_000; i++) x = x * 31 + i;
        sink = x;
    }

    static void spinBeta() {
        long x = sink;
        for (int i = 0; i < 1_000_000; i++) x = x * 17 + i;
        sink = x;
    }
}
