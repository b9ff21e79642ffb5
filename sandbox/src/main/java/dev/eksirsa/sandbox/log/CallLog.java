package dev.eksirsa.sandbox.log;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The sandbox's record of every call it served, for tests asserting "the re-run made no mutating call". */
public final class CallLog {
    private final List<CallRecord> records = new ArrayList<>();
    private long nextSeq = 1;

    /**
     * The header the sandbox's own clients (the emulated Harness delegate testing a connector) send, so that their
     * calls are not counted as the client under test's.
     */
    public static final String ORIGIN_HEADER = "x-eks-irsa-sandbox-origin";

    public CallRecord add(
            String service,
            String action,
            String account,
            String principal,
            String target,
            int status,
            boolean mutating,
            String cluster) {
        return add(service, action, account, principal, target, status, mutating, cluster, null);
    }

    /** @param origin which of the sandbox's own clients made the call; null for the client under test */
    public synchronized CallRecord add(
            String service,
            String action,
            String account,
            String principal,
            String target,
            int status,
            boolean mutating,
            String cluster,
            String origin) {
        CallRecord record = new CallRecord(
                nextSeq++,
                service,
                action,
                account,
                principal,
                target,
                status,
                mutating,
                cluster,
                System.currentTimeMillis(),
                origin);
        records.add(record);
        return record;
    }

    public synchronized List<CallRecord> all() {
        return List.copyOf(records);
    }

    public synchronized List<CallRecord> matching(Predicate<CallRecord> filter) {
        return records.stream().filter(filter).toList();
    }

    public List<CallRecord> mutating() {
        return matching(CallRecord::mutating);
    }

    public synchronized void clear() {
        records.clear();
    }

    /** Every AWS action except Get*, List*, Describe*, GetCallerIdentity and AssumeRole* mutates. */
    public static boolean isMutatingAwsAction(String action) {
        return !(action.startsWith("Get")
                || action.startsWith("List")
                || action.startsWith("Describe")
                || action.startsWith("AssumeRole"));
    }

    public static List<CallRecord> since(List<CallRecord> records, long seq) {
        List<CallRecord> out = new ArrayList<>();
        for (CallRecord r : records) {
            if (r.seq() > seq) {
                out.add(r);
            }
        }
        return out;
    }
}
