package dev.txrx.common.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest ({@code Implementation-Version}). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"${COMMAND-FULL-NAME} " + (version == null ? "(development build)" : version)
                + ", protocol version " + dev.txrx.common.protocol.FrameFormat.VERSION};
    }

    /** This build's version, for the HELLO agent string. */
    public static String agent(String app) {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return "txrx-" + app + "/" + (version == null ? "dev" : version);
    }
}
