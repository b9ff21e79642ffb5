package dev.eksirsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bad-input corpus under {@code src/test/resources/bad-inputs/}: one YAML file per command, each a list of cases
 * {@code {name, args, field, files, setup}}. Text may hold {@code ${repeat:N:TEXT}} (TEXT N times, for huge values),
 * {@code ${file:NAME}} (the path the case's file NAME is written to), {@code ${env:NAME}} (a variable of the test's
 * environment: a secret pasted where it does not belong) and {@code ${dir}} (the case's directory).
 * {@code setup} is an {@code apply} case's whole setup file, given to {@code apply -f}.
 */
record BadInputCorpus(List<Case> cases) {
    static final List<String> FILES = List.of("cluster", "role", "delegate", "verify", "apply");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\$\\{(repeat:(\\d+):([^}]*)|file:([^}]+)|env:([A-Z_]+)|dir)}");

    /**
     * One bad input.
     *
     * @param category the corpus file it comes from (the command, or apply)
     * @param field the key path the error must name, exactly as the JSON error's {@code field}
     * @param files name to raw content (placeholders not yet expanded)
     */
    record Case(
            String category, String name, String command, List<String> args, String field, Map<String, String> files) {
        @Override
        public String toString() {
            return category + ": " + name;
        }

        /** Writes the case's files into {@code dir} and returns its command line, placeholders expanded. */
        List<String> materialise(Path dir, Map<String, String> env) throws IOException {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(
                        dir.resolve(file.getKey()), expand(file.getValue(), dir, env), StandardCharsets.UTF_8);
            }
            List<String> out = new ArrayList<>(List.of(command));
            for (String arg : args) {
                out.add(expand(arg, dir, env));
            }
            return out;
        }

        /** The lines of the case's files as written, for the no-echo check. */
        List<String> fileLines(Path dir, Map<String, String> env) {
            List<String> lines = new ArrayList<>();
            files.values()
                    .forEach(content ->
                            lines.addAll(expand(content, dir, env).lines().toList()));
            return lines;
        }
    }

    static BadInputCorpus load() {
        List<Case> cases = new ArrayList<>();
        for (String category : FILES) {
            String resource = "/bad-inputs/" + category + ".yaml";
            try (InputStream in = BadInputCorpus.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource);
                }
                JsonNode root = YAML.readTree(in);
                String command = root.path("command").asText(category);
                for (JsonNode c : root.path("cases")) {
                    cases.add(parse(category, command, c));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(resource, e);
            }
        }
        return new BadInputCorpus(cases);
    }

    private static Case parse(String category, String command, JsonNode c) {
        String name = require(c, "name", category);
        List<String> args = new ArrayList<>();
        c.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> files = new LinkedHashMap<>();
        c.path("files")
                .fields()
                .forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
        if (c.has("setup")) {
            files.put("setup.yaml", c.get("setup").asText());
            args.addAll(0, List.of("-f", "${file:setup.yaml}"));
        }
        return new Case(category, name, command, args, require(c, "field", name), files);
    }

    private static String require(JsonNode c, String key, String where) {
        if (!c.hasNonNull(key)) {
            throw new IllegalStateException("bad-inputs case without " + key + " in " + where);
        }
        return c.get(key).asText();
    }

    static String expand(String text, Path dir, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(2) != null) {
                value = m.group(3).repeat(Integer.parseInt(m.group(2)));
            } else if (m.group(4) != null) {
                value = dir.resolve(m.group(4)).toString();
            } else if (m.group(5) != null) {
                value = env.get(m.group(5));
                if (value == null) {
                    throw new IllegalStateException("the corpus names an unknown variable " + m.group(5));
                }
            } else {
                value = dir.toString();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
