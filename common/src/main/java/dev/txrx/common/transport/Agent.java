package dev.txrx.common.transport;

/**
 * The software name and version a peer announces in its HELLO, such as {@code txrx-sender/0.1.0}:
 * the version comes from the jar manifest ({@code Implementation-Version}), {@code dev} outside a jar.
 */
public final class Agent {

    private Agent() {
    }

    /** This build's agent string for {@code app} ({@code sender} or {@code receiver}). */
    public static String of(String app) {
        return "txrx-" + app + "/" + version();
    }

    /** This build's version, or {@code dev} when it runs from classes rather than a jar. */
    public static String version() {
        String version = Agent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
