package dev.txrx.receiver.store;

/**
 * What is told of one verified file as its {@link CommitBatch} commits it, in this order:
 * {@link #recordPublishing} then {@link #publishing} once its data is durable, {@link #named} once
 * it took its final name, {@link #recordVerified} then {@link #verified} once the names are durable
 * too. A file that does not take its name hears {@link #dropped} instead, before its temporary
 * file is deleted. {@link Publication} journals each step: the records of a batch's files at one
 * step are made together ({@link RecordsTogether}) and written before the step's second call.
 */
@FunctionalInterface
interface Committing {

    /** Its data, time and mode are durable under its temporary name: the record that it is publishing. */
    default void recordPublishing() {
    }

    /** The record of {@link #recordPublishing} is written; it is about to take its final name. */
    default void publishing() {
    }

    /** It took its final name (with {@link OnExists#SKIP}, maybe none: another file had it). */
    default void named() {
    }

    /** It will not take its final name: its temporary file is deleted right after. */
    default void dropped() {
    }

    /** It is durable under its final name, and the name too: the record that it is verified. */
    default void recordVerified() {
    }

    /** The record of {@link #recordVerified} is written: it counts as verified. */
    void verified();
}
