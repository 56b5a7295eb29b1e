package org.ringfs.e2e.bench.profile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuLedgerTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void aBusyWorkloadIsCountedToTheProcessThatSpentItAndNotToAnIdleOne() throws Exception {
        Process idle = new ProcessBuilder("sleep", "30").start();
        try {
            CpuLedger ledger = new CpuLedger();
            ledger.watch("client", () -> OptionalLong.of(SELF));
            ledger.watch("meta", () -> OptionalLong.of(idle.pid()));

            ledger.begin("client.busy");
            double spent = CpuSpin.spin(400);
            ledger.end();

            CpuUse use = ledger.of("client.busy").orElseThrow();
            ProcessCpu.Sample busy = use.processes().get("client");
            assertThat(spent).isGreaterThanOrEqualTo(0.4);
            assertThat(busy.total()).isGreaterThanOrEqualTo(spent - 0.05); // /proc counts in 10 ms ticks
            assertThat(use.processes().get("meta").total()).isLessThan(0.05);
            assertThat(use.machine().busy()).isGreaterThanOrEqualTo(busy.total() - 0.05);
            assertThat(use.wall()).isGreaterThanOrEqualTo(0.4);
        } finally {
            idle.destroyForcibly();
        }
    }

    @Test
    void timeSpentInSystemCallsIsTheKernelPartAndABusyLoopHasNone() throws Exception {
        CpuLedger ledger = new CpuLedger();
        ledger.watch("client", () -> OptionalLong.of(SELF));

        ledger.begin("client.reads");
        double spent = CpuSpin.inKernel(400);
        ledger.end();
        ledger.begin("client.loop");
        CpuSpin.spin(400);
        ledger.end();

        ProcessCpu.Sample reads = ledger.of("client.reads").orElseThrow().processes().get("client");
        assertThat(reads.kernel()).isGreaterThanOrEqualTo(0.5 * spent);
        assertThat(reads.kernel()).isLessThanOrEqualTo(reads.total() - reads.jit() - reads.gc() + 1e-9);
        ProcessCpu.Sample loop = ledger.of("client.loop").orElseThrow().processes().get("client");
        assertThat(loop.kernel()).isLessThan(0.1);
    }

    @Test
    void theKernelPartOfAWindowNeverExceedsWhatTheWorkThreadsRan() {
        // as CI saw: the process's system time rose 0.42 s while its work threads ran 0.41 s in all,
        // because Linux scales the process's user/system split apart from its threads'
        ProcessCpu.Sample before = new ProcessCpu.Sample(10.00, 4.00, 1.00, 0.50);
        ProcessCpu.Sample after = new ProcessCpu.Sample(10.45, 4.42, 1.02, 0.52);
        ProcessCpu.Sample used = after.minus(before);
        assertThat(used.kernel()).isCloseTo(0.41, within(1e-9));
        assertThat(used.kernel() + used.jit() + used.gc()).isCloseTo(used.total(), within(1e-9));

        ProcessCpu.Sample userOnly = new ProcessCpu.Sample(10.30, 4.05, 1.00, 0.50).minus(before);
        assertThat(userOnly.kernel()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void runsOfOneWorkloadAddUpAndTheSummaryIsPerRun() {
        CpuLedger ledger = new CpuLedger();
        ledger.watch("client", () -> OptionalLong.of(SELF));
        for (int run = 0; run < 2; run++) {
            ledger.begin("client.seq-read");
            CpuSpin.spin(200);
            ledger.end();
        }
        CpuUse use = ledger.of("client.seq-read").orElseThrow();
        assertThat(use.runs()).isEqualTo(2);
        assertThat(use.perRunByRole().get("client").total()).isLessThan(use.processes().get("client").total());
        assertThat(ledger.of("client.never-ran")).isEmpty();
    }

    @Test
    void aProcessKilledOrRestartedInTheWindowIsLeftOut() throws Exception {
        Process killed = new ProcessBuilder("sleep", "30").start();
        Process first = new ProcessBuilder("sleep", "30").start();
        Process second = new ProcessBuilder("sleep", "30").start();
        try {
            AtomicLong restarted = new AtomicLong(first.pid());
            CpuLedger ledger = new CpuLedger();
            ledger.watch("client", () -> OptionalLong.of(SELF));
            ledger.watch("data-1", pidWhileAlive(killed));
            ledger.watch("data-2", () -> OptionalLong.of(restarted.get()));
            ledger.begin("client.degraded-read");
            killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            restarted.set(second.pid());
            ledger.end();
            assertThat(ledger.of("client.degraded-read").orElseThrow().processes()).containsOnlyKeys("client");
        } finally {
            for (Process p : List.of(killed, first, second)) p.destroyForcibly();
        }
    }

    @Test
    void jitAndGcThreadsAreToldByTheirJvmNames() {
        assertThat(ProcessCpu.kindOf("C2 CompilerThre")).isEqualTo(ProcessCpu.ThreadKind.JIT);
        assertThat(ProcessCpu.kindOf("C1 CompilerThre")).isEqualTo(ProcessCpu.ThreadKind.JIT);
        assertThat(ProcessCpu.kindOf("GC Thread#1")).isEqualTo(ProcessCpu.ThreadKind.GC);
        assertThat(ProcessCpu.kindOf("G1 Conc#0")).isEqualTo(ProcessCpu.ThreadKind.GC);
        assertThat(ProcessCpu.kindOf("VM Thread")).isEqualTo(ProcessCpu.ThreadKind.GC);
        assertThat(ProcessCpu.kindOf("ringfs-read-ahe")).isEqualTo(ProcessCpu.ThreadKind.WORK);
        assertThat(ProcessCpu.kindOf("data-data-1-36")).isEqualTo(ProcessCpu.ThreadKind.WORK);
    }

    @Test
    void aStatLineIsReadAfterTheNameWhateverTheNameHolds() {
        String line = "4242 (a) (b c)) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 99 1000 10";
        assertThat(ProcessCpu.seconds(line)).isEqualTo(3.25);
        assertThat(ProcessCpu.kernelSeconds(line)).isEqualTo(0.75);
    }

    @Test
    void theMachineIsBusyWhenItsCoresAreNotIdleOrWaiting() {
        MachineCpu m = MachineCpu.parse(List.of(
                "cpu  600 0 200 100 100 0 0 0 0 0",
                "cpu0 300 0 100 50 50 0 0 0 0 0",
                "cpu1 300 0 100 50 50 0 0 0 0 0",
                "intr 1 2 3"));
        assertThat(m.cores()).isEqualTo(2);
        assertThat(m.busy()).isEqualTo(8.0);
        assertThat(m.total()).isEqualTo(10.0);
        assertThat(m.busyShare()).isEqualTo(0.8);
    }

    @Test
    void theSummaryAddsUpTheDataServersAndPutsTheBusiestFirst() {
        Map<String, ProcessCpu.Sample> used = new LinkedHashMap<>();
        used.put("client", new ProcessCpu.Sample(2, 0, 0.4, 0.2));
        used.put("meta", new ProcessCpu.Sample(0.2, 0, 0, 0));
        used.put("data-1", new ProcessCpu.Sample(3, 0.6, 1, 0));
        used.put("data-2", new ProcessCpu.Sample(3, 1, 1, 0.2));
        CpuUse use = new CpuUse(2, 4, new MachineCpu(15.6, 16, 2), used);
        assertThat(use.summary()).isEqualTo("machine 98% busy (2 cores, 2.00 s a run); CPU-s a run: data servers 3.00"
                + " (kernel 0.80, JIT 1.00, GC 0.10), client 1.00 (JIT 0.20, GC 0.10), meta 0.10; elsewhere 3.70");
    }

    @Test
    void anObserverInsideAnotherSeesOnlyTheWorkloadBetweenTheOuterEdges() {
        List<String> calls = new ArrayList<>();
        WorkloadObserver both = WorkloadObserver.around(recording("outer", calls), recording("inner", calls));
        both.begin("w");
        both.end();
        assertThat(calls).containsExactly("outer begin w", "inner begin w", "inner end", "outer end");
    }

    private static WorkloadObserver recording(String name, List<String> calls) {
        return new WorkloadObserver() {
            @Override
            public void watch(String process, Supplier<OptionalLong> pid) {}

            @Override
            public void begin(String workload) { calls.add(name + " begin " + workload); }

            @Override
            public void end() { calls.add(name + " end"); }
        };
    }

    private static Supplier<OptionalLong> pidWhileAlive(Process p) {
        return () -> p.isAlive() ? OptionalLong.of(p.pid()) : OptionalLong.empty();
    }
}
