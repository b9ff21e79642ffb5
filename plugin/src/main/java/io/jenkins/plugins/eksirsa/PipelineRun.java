package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.steps.ResultVariables;
import dev.eksirsa.engine.steps.Steps;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** A Pipeline step's run: on the agent of the enclosing {@code node {}}, else on the controller. */
final class PipelineRun {
    private PipelineRun() {}

    static Map<String, Object> run(String step, Map<String, Object> arguments, StepContext context)
            throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars env = context.get(EnvVars.class);
        FilePath workspace = context.get(FilePath.class);
        Computer computer = context.get(Computer.class);
        // the built-in node is the controller: the controller rule applies there too
        boolean onController = workspace == null || computer == null || computer == Jenkins.get().toComputer();
        Map<String, Object> result = StepRunner.run(
                step,
                arguments,
                run,
                env,
                listener,
                onController ? null : workspace.getChannel(),
                workspace == null ? null : workspace.getRemote());
        if (Steps.VERIFY.pipelineName().equals(step)) {
            // the verification's checks on the build page, as its builder shows them
            run.addAction(new EksIrsaResultAction(step, result, ResultVariables.of(Steps.VERIFY, result)));
        }
        return result;
    }
}
