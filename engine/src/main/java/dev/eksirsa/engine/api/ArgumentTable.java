package dev.eksirsa.engine.api;

/** The Markdown table of a step's declared arguments, as docs/reference shows it; nested keys are flattened. */
public final class ArgumentTable {
    private ArgumentTable() {}

    public static String markdown(ArgumentSet arguments) {
        StringBuilder out = new StringBuilder();
        out.append("| Flag | `--spec` key / Jenkins argument | Type | Default | Description |\n");
        out.append("|---|---|---|---|---|\n");
        rows(arguments, "", out);
        return out.toString();
    }

    private static void rows(ArgumentSet arguments, String prefix, StringBuilder out) {
        for (Arg arg : arguments.args()) {
            String flag = arg.flag() == null
                    ? "—"
                    : "`" + arg.flagDisplay() + (arg.flagLabel() == null ? "" : " " + arg.flagLabel()) + "`"
                            + (repeatable(arg) ? " (repeat)" : "");
            String dflt =
                    arg.required() ? "required" : arg.defaultText().isEmpty() ? "—" : "`" + arg.defaultText() + "`";
            out.append("| ")
                    .append(flag)
                    .append(" | `")
                    .append(prefix)
                    .append(arg.name())
                    .append("` | ")
                    .append(arg.type().text())
                    .append(arg.secret() ? " (secret)" : "")
                    .append(" | ")
                    .append(escape(dflt))
                    .append(" | ")
                    .append(escape(arg.description()))
                    .append(" |\n");
            if (arg.nested() != null) {
                rows(arg.nested(), prefix + arg.name() + (arg.type() == ArgType.OBJECT_LIST ? "[]." : "."), out);
            }
        }
    }

    private static boolean repeatable(Arg arg) {
        return arg.type() == ArgType.LIST || arg.type() == ArgType.MAP || arg.type() == ArgType.DOCUMENTS;
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
