package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.steps.StepCall;
import hudson.model.TaskListener;
import java.util.Map;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs one step on the agent of the enclosing {@code node {}}: there, "no credentials id" means the agent's own
 * identity (IRSA on EKS, an instance profile on EC2). The payload is the plain {@link StepCall}; credentials
 * looked up on the controller travel inside it in memory and are never written down.
 */
final class AgentStepCall extends MasterToSlaveCallable<Map<String, Object>, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final StepCall call;
    private final TaskListener listener;

    AgentStepCall(StepCall call, TaskListener listener) {
        this.call = call;
        this.listener = listener;
    }

    @Override
    public Map<String, Object> call() {
        return call.run(new ConsoleProgress(listener, call.step()));
    }

    @Override
    public String toString() {
        return "AgentStepCall[" + call + "]";
    }
}
