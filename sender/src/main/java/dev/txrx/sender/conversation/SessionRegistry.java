package dev.txrx.sender.conversation;

import dev.txrx.common.tls.Fingerprint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The sessions this sender has started, so that a receiver that lost its connection can resume
 * one: for each session id, the seed of its generated content, the identity that started it (a
 * session is resumed only for that identity), and how many times it was connected. Bounded: the oldest sessions are forgotten first. Shared by the conversations of one
 * sender, from their threads.
 */
public final class SessionRegistry {

    /** Hears of each session the sender starts or adopts, before its SESSION_START is sent. */
    public interface Listener {
        void started(UUID id, long seed);
    }

    private static final int REMEMBERED = 4096;

    /** What is known of one session. */
    static final class Session {
        final UUID id;
        final long seed;
        /** The fingerprint of the receiver that started it, or null in clear and for a session of an earlier run. */
        final Fingerprint owner;
        int connections;

        Session(UUID id, long seed, Fingerprint owner) {
            this.id = id;
            this.seed = seed;
            this.owner = owner;
        }

        /** True when {@code identity} may resume this session: the one that started it, or anyone in clear. */
        boolean ownedBy(Fingerprint identity) {
            return owner == null || owner.equals(identity);
        }
    }

    private final Map<UUID, Session> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Session> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Listener listener;

    /** A registry that tells no one. */
    public SessionRegistry() {
        this((id, seed) -> { });
    }

    /** A registry that tells {@code listener} of each session started or adopted. */
    public SessionRegistry(Listener listener) {
        this.listener = listener;
    }

    /**
     * Remembers session {@code id}, with the seed of its content, from an earlier run of this
     * sender ({@code sender --connect} keeps it), so that a receiver may resume it.
     */
    public synchronized void remember(UUID id, long seed) {
        sessions.putIfAbsent(id, new Session(id, seed, null));
    }

    /** The session of that id, or null if this sender does not know it. */
    synchronized Session find(UUID id) {
        return sessions.get(id);
    }

    /** Starts remembering a new session, started by {@code owner} (null in clear). */
    Session start(long seed, Fingerprint owner) {
        // drawn outside the lock: the JDK's SecureRandom is slow and has a lock of its own
        Session session = new Session(UUID.randomUUID(), seed, owner);
        synchronized (this) {
            sessions.put(session.id, session);
            listener.started(session.id, seed);
        }
        return session;
    }

    /** Remembers a session this sender did not start (it restarted, with the same content), for {@code owner}. */
    synchronized Session adopt(UUID id, long seed, Fingerprint owner) {
        Session session = sessions.computeIfAbsent(id, key -> new Session(key, seed, owner));
        listener.started(session.id, session.seed);
        return session;
    }

    /** Counts a connection to the session; returns how many there have been. */
    synchronized int connected(Session session) {
        return ++session.connections;
    }
}
