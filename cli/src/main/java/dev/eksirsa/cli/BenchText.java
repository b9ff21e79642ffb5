package dev.eksirsa.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The benchmark's figures as a person reads them. */
final class BenchText {
    private BenchText() {}

    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> report, PrintStream out) {
        out.println("Machine: " + report.get("machine"));
        out.println("Sandbox: its own process, " + report.get("latencyMs") + " ms per call, IAM writes "
                + report.get("iamWriteRate") + "/s per account, clusters ACTIVE after "
                + report.get("clusterActivationDelaySeconds") + " s");
        out.println("Runbook tools: " + report.get("awsCli") + "; " + report.get("kubectl"));
        out.println();
        out.println("API calls per step (reads/writes; minimum in brackets), and the warm wall time of each run");
        out.printf("  %-16s %-22s %-22s %s%n", "step", "first run", "no-op re-run", "ms first / re-run");
        for (Map<String, Object> step : (List<Map<String, Object>>) report.get("steps")) {
            Map<String, Object> first = (Map<String, Object>) step.get("firstRun");
            Map<String, Object> again = (Map<String, Object>) step.get("reRun");
            Map<String, Object> min = (Map<String, Object>) step.get("minimum");
            out.printf(
                    "  %-16s %-22s %-22s %s%n",
                    step.get("step"),
                    first.get("reads") + "/" + first.get("writes") + " [" + min.get("firstRunReads") + "/"
                            + min.get("firstRunWrites") + "]",
                    again.get("reads") + "/" + again.get("writes") + " [" + min.get("reRunReads") + "/0]",
                    first.get("millis") + " / " + again.get("millis"));
        }
        out.println("  no-op re-run writes: " + report.get("noopWrites"));
        out.println();
        out.println("Cluster + OIDC provider + both roles + annotated service account (activation waits apart)");
        out.printf(
                "  tutorial's way     %6.2f s  (%s processes; waited %.2f s for ACTIVE)%n",
                report.get("runbookSeconds"),
                report.get("runbookProcesses"),
                report.get("runbookActivationWaitSeconds"));
        out.printf(
                "  eks-irsa, cold     %6.2f s  (%s calls; waited %.2f s)  speedup %.1fx%n",
                report.get("engineSeconds"),
                report.get("engineCalls"),
                report.get("engineActivationWaitSeconds"),
                report.get("speedup"));
        out.printf(
                "  eks-irsa, warm     %6.2f s  (waited %.2f s)  speedup %.1fx%n",
                report.get("engineWarmSeconds"),
                report.get("engineWarmActivationWaitSeconds"),
                report.get("warmSpeedup"));
        out.printf("  plain java -cp     %6.2f s  (no launcher)%n", report.get("enginePlainJvmSeconds"));
        out.printf(
                "  launcher's first run on a machine (no-op, writes its class-data archive): %.2f s%n",
                report.get("launcherFirstRunSeconds"));
        out.printf("  cold start (JVM start to a completed no-op run): %.2f s%n", report.get("coldStartSeconds"));
        out.println("  the tutorial's way, command by command:");
        for (Map<String, Object> command : (List<Map<String, Object>>) report.get("runbookCommands")) {
            out.printf("    %6.2f s  %s%n", command.get("seconds"), command.get("command"));
        }
        out.println();
        out.println("Scale: service accounts with roles");
        out.printf(
                "  %8s %9s %7s %10s %10s %9s%n", "accounts", "seconds", "calls", "IAM writes", "throttled", "peak MiB");
        for (Map<String, Object> row : (List<Map<String, Object>>) report.get("scale")) {
            out.printf(
                    "  %8s %9s %7s %10s %10s %9s%n",
                    row.get("serviceAccounts"),
                    row.get("seconds"),
                    row.get("calls"),
                    row.get("iamWrites"),
                    row.get("throttled"),
                    row.get("peakHeapMiB"));
        }
    }
}
