package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgumentTable;
import dev.eksirsa.engine.steps.Step;
import dev.eksirsa.engine.steps.Steps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The argument tables of docs/reference and the commands' --help come from the steps' declarations. Run with
 * {@code -Deksirsa.updateDocs=true} to rewrite the tables after changing a declaration.
 */
class ArgumentDocsTest {
    static final String BEGIN =
            "<!-- arguments: generated from the step's declarations; ArgumentDocsTest checks it -->";
    static final String END = "<!-- end of arguments -->";

    static java.util.List<Step<?, ?>> steps() {
        return Steps.all();
    }

    @ParameterizedTest
    @MethodSource("steps")
    void referenceTable_isTheDeclarations(Step<?, ?> step) throws IOException {
        Path doc = Path.of("..", "docs", "reference", step.command() + ".md");
        String text = Files.readString(doc);
        String table = ArgumentTable.markdown(step.arguments());
        if (Boolean.getBoolean("eksirsa.updateDocs")) {
            int from = text.indexOf(BEGIN);
            int to = text.indexOf(END);
            text = text.substring(0, from + BEGIN.length()) + "\n" + table + text.substring(to);
            Files.writeString(doc, text);
        }
        assertThat(text).contains(BEGIN).contains(END);
        String documented = text.substring(text.indexOf(BEGIN) + BEGIN.length() + 1, text.indexOf(END));
        assertThat(documented).isEqualTo(table);
    }

    @ParameterizedTest
    @MethodSource("steps")
    void help_showsEveryFlagWithItsDeclaredDescription(Step<?, ?> step) {
        CommandLine command = Map.of(
                        "cluster",
                        ClusterCommand.commandLine(CliIo.system()),
                        "role",
                        RoleCommand.commandLine(CliIo.system()),
                        "delegate",
                        DelegateCommand.commandLine(CliIo.system()),
                        "verify",
                        VerifyCommand.commandLine(CliIo.system()))
                .get(step.command());
        // picocli wraps lines anywhere, even after a dot inside a word: compare without whitespace
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", "");
        for (Arg arg : step.arguments().args()) {
            if (arg.flag() != null) {
                assertThat(help).contains(arg.flagDisplay());
                assertThat(help).contains(StepCommand.helpText(arg).replaceAll("\\s+", ""));
            }
        }
    }
}
