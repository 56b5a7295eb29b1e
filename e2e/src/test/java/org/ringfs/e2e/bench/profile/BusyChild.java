package org.ringfs.e2e.bench.profile;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A process for ProfilerTest: burns CPU in {@code spinAlpha} or {@code spinBeta}, as told on stdin; ends at EOF. */
public final class BusyChild {
    static volatile String mode = "alpha";
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        Thread spinner = new Thread(() -> {
            while (true) {
                if (mode.equals("alpha")) spinAlpha();
                else spinBeta();
            }
        }, "spinner");
        spinner.setDaemon(true);
        spinner.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            mode = line.trim();
            System.out.println("now " + mode);
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
