package dev.eksirsa.engine.api;

import java.io.StringReader;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * What YAML input (specs, setup files, manifests) may use beyond plain maps, lists and scalars: nothing. Jackson
 * reads an alias as the text of its anchor's name and drops type tags, so {@code *prod} or {@code !!binary} would
 * silently become other values; anchors and aliases are also how billion-laughs files grow. Refused naming the line,
 * never quoting the text.
 */
public final class YamlRules {
    private static final String CORE = "tag:yaml.org,2002:";
    private static final Set<String> SCALAR_TAGS = Set.of(CORE + "str", CORE + "int", CORE + "bool", CORE + "float");

    private YamlRules() {}

    /** Refuses anchors, aliases and type tags other than YAML's own str, int, bool, float, map and seq. */
    public static void refuseAliasesAndTags(String field, String text) {
        LoaderOptions options = new LoaderOptions();
        try {
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                if (event instanceof AliasEvent) {
                    throw refused(field, event, "an alias (*name)");
                }
                if (event instanceof NodeEvent node && node.getAnchor() != null) {
                    throw refused(field, event, "an anchor (&name)");
                }
                String tag = tagOf(event);
                if (tag != null && !allowed(event, tag)) {
                    throw refused(field, event, "a type tag (!tag)");
                }
            }
        } catch (YAMLException e) {
            // the caller's own parser read it; anything SnakeYAML still objects to is malformed all the same
            throw new InvalidInputException(field, "is not valid YAML");
        }
    }

    /** The tag written in the text; SnakeYAML's parser leaves it null when none was. */
    private static String tagOf(Event event) {
        if (event instanceof ScalarEvent scalar) {
            return scalar.getTag();
        }
        if (event instanceof CollectionStartEvent collection) {
            return collection.getTag();
        }
        return null;
    }

    private static boolean allowed(Event event, String tag) {
        if (event instanceof ScalarEvent) {
            return SCALAR_TAGS.contains(tag);
        }
        return tag.equals(event instanceof MappingStartEvent ? CORE + "map" : CORE + "seq");
    }

    private static InvalidInputException refused(String field, Event event, String what) {
        Mark at = event.getStartMark();
        String where = at == null ? "" : " at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1);
        return new InvalidInputException(
                field, "uses " + what + where + "; anchors, aliases and type tags are not supported");
    }
}
