package dev.eksirsa.sandbox.http;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A small XML tree, serialised with the JDK's StAX writer (which does the escaping). */
public final class Xml {
    private final String name;
    private final String text;
    private final String namespace;
    private final List<Xml> children = new ArrayList<>();

    private Xml(String name, String text, String namespace) {
        this.name = name;
        this.text = text;
        this.namespace = namespace;
    }

    public static Xml el(String name) {
        return new Xml(name, null, null);
    }

    public static Xml root(String name, String namespace) {
        return new Xml(name, null, namespace);
    }

    /** Adds a text child; a null value adds nothing, as AWS omits absent members. */
    public Xml add(String childName, Object value) {
        if (value != null) {
            children.add(new Xml(childName, String.valueOf(value), null));
        }
        return this;
    }

    public Xml add(Xml child) {
        children.add(child);
        return this;
    }

    /** A query-protocol list: {@code <name><member>..</member></name>}. */
    public <T> Xml list(String listName, Collection<T> items, Function<T, Xml> member) {
        Xml list = el(listName);
        for (T item : items) {
            list.add(member.apply(item));
        }
        return add(list);
    }

    public Xml stringList(String listName, Collection<String> items) {
        Xml list = el(listName);
        items.forEach(i -> list.add("member", i));
        return add(list);
    }

    /** The same element under another name, e.g. an entity as a list's {@code <member>}. */
    public Xml renamed(String newName) {
        Xml copy = new Xml(newName, text, namespace);
        copy.children.addAll(children);
        return copy;
    }

    public String render() {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            writer.writeStartDocument("UTF-8", "1.0");
            write(writer);
            writer.writeEndDocument();
            writer.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(XMLStreamWriter writer) throws XMLStreamException {
        writer.writeStartElement(name);
        if (namespace != null) {
            writer.writeDefaultNamespace(namespace);
        }
        if (text != null) {
            writer.writeCharacters(text);
        }
        for (Xml child : children) {
            child.write(writer);
        }
        writer.writeEndElement();
    }
}
