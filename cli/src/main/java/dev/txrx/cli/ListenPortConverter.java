package dev.txrx.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a TCP port to listen on, 0 to 65535: 0 asks the system for a free one, which the app
 * prints once it listens. Tests and scripts use it, so that they never pick a port that another
 * process may take before they bind it.
 */
public final class ListenPortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        if (value.trim().equals("0")) {
            return 0;
        }
        return new PortConverter().convert(value);
    }
}
