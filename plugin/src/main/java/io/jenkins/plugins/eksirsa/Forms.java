package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.steps.FormShape;
import java.util.List;
import net.sf.json.JSONObject;

/** The glue between Jenkins form data and the engine's declarations. */
final class Forms {
    private Forms() {}

    static JSONObject normalize(JSONObject formData, ArgumentSet declarations) {
        return formData == null ? null : FormShape.normalizeForm(formData, declarations);
    }

    /** A list argument in a textarea, one item per line. */
    static String lines(List<String> items) {
        return items == null ? "" : String.join("\n", items);
    }
}
