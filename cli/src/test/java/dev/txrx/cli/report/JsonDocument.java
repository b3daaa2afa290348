package dev.txrx.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The schema {@code docs/JSON.md} documents: for each level-3 heading (an event, a kind of
 * summary), the fields its table names in its first column, in backticks. Tests hold what the
 * code prints to it, so that the document cannot drift from the code.
 */
public final class JsonDocument {

    private static final Pattern HEADING = Pattern.compile("(?m)^### (.+?)\\s*$");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

    private final Map<String, Set<String>> sections = new LinkedHashMap<>();

    private JsonDocument(String text) {
        Matcher heading = HEADING.matcher(text);
        String name = null;
        int start = 0;
        while (heading.find()) {
            if (name != null) {
                sections.put(name, rows(text.substring(start, heading.start())));
            }
            name = heading.group(1);
            start = heading.end();
        }
        if (name != null) {
            sections.put(name, rows(text.substring(start)));
        }
    }

    /** The document, found from the working directory of any module's tests. */
    public static JsonDocument read() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/JSON.md");
            if (Files.isRegularFile(doc)) {
                try {
                    return new JsonDocument(Files.readString(doc, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("docs/JSON.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The fields the section headed {@code heading} documents. */
    public Set<String> fields(String heading) {
        Set<String> fields = sections.get(heading);
        if (fields == null) {
            throw new AssertionError("docs/JSON.md has no section '### " + heading + "'; it has " + sections.keySet());
        }
        return fields;
    }

    /** The names of {@code node}'s fields, those of an object inside it as {@code outer.inner}. */
    public static Set<String> namesOf(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            names.add(field.getKey());
            if (field.getValue().isObject()) {
                namesOf(field.getValue()).forEach(inner -> names.add(field.getKey() + "." + inner));
            }
        }
        return names;
    }

    private static Set<String> rows(String section) {
        Set<String> fields = new LinkedHashSet<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            fields.add(row.group(1));
        }
        return fields;
    }
}
