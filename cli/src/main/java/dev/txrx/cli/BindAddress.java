package dev.txrx.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Checks a {@code --bind} value before any socket is opened. */
public final class BindAddress {

    private BindAddress() {
    }

    /** What is wrong with {@code address} as a local address to listen on, or null. */
    public static String problem(String address) {
        if (address.isBlank()) {
            return "--bind must not be empty";
        }
        try {
            InetAddress.getByName(address);
            return null;
        } catch (UnknownHostException e) {
            return "--bind '" + address + "' is not an address of this machine or a name that resolves";
        }
    }
}
