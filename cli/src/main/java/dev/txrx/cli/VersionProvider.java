package dev.txrx.cli;

import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.transport.Agent;
import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest ({@code Implementation-Version}), for {@code --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Agent.version();
        return new String[] {"${COMMAND-FULL-NAME} " + ("dev".equals(version) ? "(development build)" : version)
                + ", protocol version " + FrameFormat.VERSION};
    }
}
