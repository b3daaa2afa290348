package dev.txrx.sender.conversation;

import dev.txrx.sender.content.ContentSource;

/**
 * What a sender offers every receiver, for its whole life: one value shared by all its
 * conversations.
 *
 * @param content        the files: a local tree or generated ones
 * @param sessions       the protocol sessions this sender started or adopted, for a receiver that resumes one
 * @param seed           the seed of every session's generated content, or null for a fresh one each
 * @param bytesPerSecond the pace of each conversation's data, or 0 for as fast as possible
 * @param trickle        the text stream sent instead of files ({@code --trickle}), or null
 */
public record Offer(ContentSource content, SessionRegistry sessions, Long seed, long bytesPerSecond,
                    TrickleSettings trickle) {
}
