package io.github.camelpaperless.observability;

/**
 * What a consumer records: polls, emitted items, failed exchanges, webhook answers (its lag is a gauge it supplies when
 * the meters are made). {@link #NONE} when no meter registry is present.
 */
public interface ConsumerMeters extends AutoCloseable {

    ConsumerMeters NONE = new ConsumerMeters() {
    };

    /** A poll ended: it listed what is new ({@code true}) or failed to. */
    default void polled(boolean ok) {
    }

    /** An item was emitted: by a poll, or pushed by a webhook call. */
    default void emitted(boolean pushed) {
    }

    /** An emitted exchange failed (the item is emitted again). */
    default void failed() {
    }

    /** A write to the position was refused: another instance took it over (the consumer stops emitting). */
    default void fenced() {
    }

    /** A webhook call was answered with this HTTP status. */
    default void pushAnswered(int status) {
    }

    /** Removes the meters (the consumer stopped). */
    @Override
    default void close() {
    }
}
