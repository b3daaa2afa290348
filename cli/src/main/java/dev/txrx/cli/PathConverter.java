package dev.txrx.cli;

import dev.txrx.common.io.FileNameCharset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a path option; a path the locale's charset cannot represent (a non-ASCII name under
 * {@code LANG=C}) is refused with the fix ({@link FileNameCharset#problem}) instead of Java's
 * "Malformed input or input contains unmappable characters".
 */
public final class PathConverter implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "': " + FileNameCharset.problem());
        }
    }
}
