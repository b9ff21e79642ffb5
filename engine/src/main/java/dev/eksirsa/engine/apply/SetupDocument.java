package dev.eksirsa.engine.apply;

import java.util.Map;

/**
 * One document of a setup file: the step it names ({@code kind}) and that step's arguments, the same keys as the
 * Jenkins step.
 *
 * @param index the document's position in the file, from 0 (errors name {@code documents[index]})
 * @param ordinal its position among the documents of its kind (the {@code [1]} of {@code ${irsaRole[1].roleArn}})
 */
public record SetupDocument(int index, int ordinal, String kind, Map<String, Object> arguments) {

    public String field() {
        return "documents[" + index + "]";
    }
}
