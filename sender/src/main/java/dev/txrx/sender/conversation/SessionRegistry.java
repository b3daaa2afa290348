package dev.txrx.sender.conversation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The sessions this sender has started, so that a receiver that lost its connection can resume
 * one: for each session id, the seed of its generated content and how many times it was
 * connected. Bounded: the oldest sessions are forgotten first. Shared by the conversations of one
 * sender, from their threads.
 */
public final class SessionRegistry {

    private static final int REMEMBERED = 4096;

    /** What is known of one session. */
    static final class Session {
        final UUID id;
        final long seed;
        int connections;

        Session(UUID id, long seed) {
            this.id = id;
            this.seed = seed;
        }
    }

    private final Map<UUID, Session> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Session> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The session of that id, or null if this sender does not know it. */
    synchronized Session find(UUID id) {
        return sessions.get(id);
    }

    /** Starts remembering a new session. */
    synchronized Session start(long seed) {
        Session session = new Session(UUID.randomUUID(), seed);
        sessions.put(session.id, session);
        return session;
    }

    /** Remembers a session this sender did not start (it restarted, with the same content). */
    synchronized Session adopt(UUID id, long seed) {
        return sessions.computeIfAbsent(id, key -> new Session(key, seed));
    }

    /** Counts a connection to the session; returns how many there have been. */
    synchronized int connected(Session session) {
        return ++session.connections;
    }
}
