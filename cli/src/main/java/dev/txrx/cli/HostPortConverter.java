package dev.txrx.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code HOST:PORT} (or {@code [IPv6]:PORT}) as an unresolved address; the port is required. */
public final class HostPortConverter implements ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) {
        PeerAddress address;
        try {
            address = PeerAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        if (address.port() == null) {
            throw new TypeConversionException("'" + value + "' is not HOST:PORT");
        }
        return InetSocketAddress.createUnresolved(address.host(), address.port());
    }
}
