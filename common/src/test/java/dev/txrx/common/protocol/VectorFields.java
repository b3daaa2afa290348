package dev.txrx.common.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field table of one test vector of {@code docs/PROTOCOL.md}: a Markdown table whose header
 * is {@code | Field | Value |}, one row per field of the frame, in the notation the document's
 * "Test vectors" section defines. Each accessor reads one field as what it is on the wire; a
 * value the notation does not allow, a field asked for that the table lacks, or a row nobody
 * asked for ({@link #requireAllRead}) fails the test, naming the vector and the field.
 */
final class VectorFields {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*(.*?)\\s*\\|\\s*(.*?)\\s*\\|\\s*$");
    private static final Pattern HEADER = Pattern.compile("(?m)^\\|\\s*Field\\s*\\|\\s*Value\\s*\\|\\s*$");
    private static final Pattern CODE = Pattern.compile("(\\d+) (\\S+)");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern ZEROS = Pattern.compile("(\\d+) zero bytes?");

    private final String vector;
    private final Map<String, String> values;
    private final List<String> read = new ArrayList<>();

    private VectorFields(String vector, Map<String, String> values) {
        this.vector = vector;
        this.values = values;
    }

    /** The table in {@code section}, the text of vector {@code vector}; none at all for a frame without fields. */
    static VectorFields in(String vector, String section) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher header = HEADER.matcher(section);
        if (header.find()) {
            String[] lines = section.substring(header.end()).strip().split("\n");
            // lines[0] is the row of dashes under the header
            for (int i = 1; i < lines.length && lines[i].startsWith("|"); i++) {
                Matcher row = ROW.matcher(lines[i]);
                if (!row.matches() || values.put(row.group(1), row.group(2)) != null) {
                    throw new AssertionError("vector " + vector + ": bad or repeated row: " + lines[i]);
                }
            }
        }
        return new VectorFields(vector, values);
    }

    /** Fails unless every row of the table was read: a field the document gives must be one the frame has. */
    void requireAllRead() {
        List<String> unread = new ArrayList<>(values.keySet());
        unread.removeAll(read);
        if (!unread.isEmpty()) {
            throw new AssertionError("vector " + vector + " gives fields its frame does not have: " + unread);
        }
    }

    /** An integer: decimal, {@code 0x} and hex digits, or a leading {@code 0} and octal digits (a mode). */
    long integer(String field) {
        String value = value(field);
        try {
            if (value.startsWith("0x")) {
                return Long.parseUnsignedLong(value.substring(2), 16);
            }
            if (value.length() > 1 && value.startsWith("0")) {
                return Long.parseLong(value.substring(1), 8);
            }
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(field, value, "an integer");
        }
    }

    /** An integer that must fit in 32 bits, such as a CRC32C or a mode. */
    int int32(String field) {
        long value = integer(field);
        if (value < Integer.MIN_VALUE || value > 0xffff_ffffL) {
            throw bad(field, values.get(field), "a 32-bit integer");
        }
        return (int) value;
    }

    /** A field whose value the protocol fixes (the magic, reserved flags): the document must give that value. */
    void constant(String field, long expected) {
        long value = integer(field);
        if (value != expected) {
            throw bad(field, values.get(field), "the value " + expected);
        }
    }

    /** A code and its name, {@code <number> <NAME>}: the constant of {@code values} with that code, which must have that name. */
    <E extends Enum<E>> E code(String field, E[] constants, ToIntFunction<E> code) {
        Matcher m = matching(CODE, field, "<code> <NAME>");
        for (E constant : constants) {
            if (code.applyAsInt(constant) == Integer.parseInt(m.group(1))) {
                if (!constant.name().equals(m.group(2))) {
                    throw bad(field, values.get(field), "code " + m.group(1) + " named " + constant.name());
                }
                return constant;
            }
        }
        throw bad(field, values.get(field), "a known code");
    }

    /** A code of 0 or 1 and its name, {@code <number> <name>}, as section 4 names the two values: true for 1. */
    boolean oneOf(String field, String zero, String one) {
        Matcher m = matching(CODE, field, "0 " + zero + " or 1 " + one);
        String expected = m.group(1).equals("0") ? zero : m.group(1).equals("1") ? one : null;
        if (!m.group(2).equals(expected)) {
            throw bad(field, values.get(field), "0 " + zero + " or 1 " + one);
        }
        return m.group(1).equals("1");
    }

    /** A string: its characters between double quotes, as they are. */
    String string(String field) {
        return matching(STRING, field, "a string in double quotes").group(1);
    }

    /** Strings separated by commas, or {@code none}. */
    List<String> strings(String field) {
        String value = value(field);
        List<String> strings = new ArrayList<>();
        if (value.equals("none")) {
            return strings;
        }
        for (String part : value.split(",")) {
            Matcher m = STRING.matcher(part.strip());
            if (!m.matches()) {
                throw bad(field, value, "strings in double quotes separated by commas, or none");
            }
            strings.add(m.group(1));
        }
        return strings;
    }

    /** A string's UTF-8 bytes, for data. */
    byte[] bytesOfString(String field) {
        return string(field).getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes in hex, without spaces, such as a digest. */
    byte[] hexBytes(String field) {
        String value = value(field);
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw bad(field, value, "hex digits");
        }
    }

    /** Padding, {@code <n> zero bytes}: how many. */
    int zeroBytes(String field) {
        return Integer.parseInt(matching(ZEROS, field, "<n> zero bytes").group(1));
    }

    /** A UUID, in its usual 8-4-4-4-12 hex form. */
    UUID uuid(String field) {
        String value = value(field);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw bad(field, value, "a UUID");
        }
    }

    /** A UUID, or null when the table has no row for this optional field. */
    UUID optionalUuid(String field) {
        return values.containsKey(field) ? uuid(field) : null;
    }

    /** True if the table has a row for {@code field}. */
    boolean has(String field) {
        return values.containsKey(field);
    }

    private Matcher matching(Pattern pattern, String field, String what) {
        String value = value(field);
        Matcher m = pattern.matcher(value);
        if (!m.matches()) {
            throw bad(field, value, what);
        }
        return m;
    }

    private String value(String field) {
        String value = values.get(field);
        if (value == null) {
            throw new AssertionError("vector " + vector + " gives no value for the field '" + field + "'");
        }
        read.add(field);
        return value;
    }

    private AssertionError bad(String field, String value, String what) {
        return new AssertionError("vector " + vector + ": field '" + field + "' is '" + value + "', not " + what);
    }
}
