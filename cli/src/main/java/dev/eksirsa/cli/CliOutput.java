package dev.eksirsa.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InvalidInputException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Result maps and errors as CLI.md prints them: JSON on stdout, or text; exit 2 for input, 1 for failures. */
final class CliOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;

    CliOutput(String format, PrintStream out, PrintStream err) {
        if (!"text".equals(format) && !"json".equals(format)) {
            throw new IllegalArgumentException("--output must be text or json");
        }
        this.json = "json".equals(format);
        this.out = out;
        this.err = err;
    }

    boolean json() {
        return json;
    }

    void json(Map<String, Object> map) {
        jsonValue(map);
    }

    /** Any JSON value on stdout: apply prints the list of its steps' results. */
    void jsonValue(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result is not JSON-serialisable", e);
        }
    }

    /** Prints the error (stderr, and stdout as JSON with --output json) and returns the exit code. */
    int error(RuntimeException e) {
        boolean input = e instanceof InvalidInputException;
        err.println("error: " + e.getMessage());
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", e instanceof EksIrsaException eks ? eks.type() : "Failure");
            if (e instanceof InvalidInputException invalid) {
                error.put("field", invalid.field());
            }
            error.put("message", e.getMessage());
            if (e instanceof EksIrsaException eks) {
                eks.requestId().ifPresent(id -> error.put("requestId", id));
            }
            json(Map.of("error", error));
        }
        return input ? ExitCodes.INVALID_INPUT : ExitCodes.FAILURE;
    }
}
