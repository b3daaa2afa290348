package dev.txrx.cli;

import dev.txrx.common.text.Rates;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a rate in bytes per second: {@code 500K} and {@code 10M} in bytes (1024-based), or
 * {@code 100Mbit} and {@code 1Gbps} in bits (1000-based), as {@link Rates} defines.
 */
public final class RateConverter implements ITypeConverter<Long> {

    /** The grammar in a few words, for option descriptions. */
    public static final String GRAMMAR = "bytes as sizes are (500K, 10M, 1G: 1024-based) or bits with "
            + "bit, bits or bps (100Mbit, 1Gbps: 1000-based); /s may follow (10M/s, 100Mbit/s)";

    @Override
    public Long convert(String value) {
        try {
            return Rates.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
