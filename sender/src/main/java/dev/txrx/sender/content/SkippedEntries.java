package dev.txrx.sender.content;

import dev.txrx.common.text.Counts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the scans of a {@code --send} tree skipped (symbolic links, special files, names that
 * cannot be sent), told once: the tree is scanned again for every receiver, and the same link
 * is the same news each time. Each scan gathers its skips and tells, in one line, those that no
 * scan told before. Receivers scan at once, from their own threads.
 */
final class SkippedEntries {

    /** How many skipped entries one warning names; the rest are counted. */
    static final int NAMED = 10;

    private final Set<String> told = ConcurrentHashMap.newKeySet();

    /** A new scan's skips. */
    Scan scan() {
        return new Scan();
    }

    /** The skips of one scan. */
    final class Scan {
        private final List<String> skipped = new ArrayList<>();

        /** The scan skipped {@code what}, e.g. {@code symbolic link /srv/tree/latest}. */
        void add(String what) {
            skipped.add(what);
        }

        /**
         * The one warning for what this scan skipped that no scan told before, or null when there
         * is none; those it names are told from then on.
         */
        String warning() {
            List<String> fresh = skipped.stream().filter(told::add).toList();
            if (fresh.isEmpty()) {
                return null;
            }
            String named = String.join("; ", fresh.subList(0, Math.min(NAMED, fresh.size())));
            return "skipping " + Counts.of(fresh.size(), "entry") + " of the tree: " + named
                    + (fresh.size() > NAMED ? "; and " + (fresh.size() - NAMED) + " more" : "");
        }
    }
}
