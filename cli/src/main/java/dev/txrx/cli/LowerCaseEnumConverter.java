package dev.txrx.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an enum option as a person types it, in any case, and names the choices as they are typed
 * (lower case) when the value is none of them: {@code 'clobber' is not one of rename, overwrite,
 * skip, fail}. Picocli's own message would list the Java names, in upper case.
 *
 * @param <E> the enum
 */
final class LowerCaseEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;

    LowerCaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    /** The choices as they are typed: the constants' names in lower case, with '-' for '_'. */
    static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (spelling(constant).equalsIgnoreCase(value.trim()) || constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(LowerCaseEnumConverter::spelling)
                        .collect(Collectors.joining(", ")));
    }
}
