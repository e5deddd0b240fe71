package io.github.camelpaperless.consumer;

/**
 * A consumer's write to its position was refused: another instance took the position over (a newer epoch in the
 * {@link FencedStateRepository}) since this consumer started. The consumer stops emitting until its route is started
 * again; the item whose write was refused is emitted by the new holder (marked {@code CamelPaperlessRedelivered} when it
 * was in flight here).
 */
public class PositionFencedException extends IllegalStateException {

    private final String stateKey;
    private final long epoch;
    private final FencedStateRepository.Holder holder;

    public PositionFencedException(String stateKey, long epoch, FencedStateRepository.Holder holder) {
        super("The position '" + stateKey + "' was taken over by " + (holder.owner() == null ? "another instance" : holder.owner())
              + " (epoch " + holder.epoch() + "; this consumer holds epoch " + epoch + "): this instance no longer "
              + "leads, its write is refused and it emits nothing until its route is started again");
        this.stateKey = stateKey;
        this.epoch = epoch;
        this.holder = holder;
    }

    public String getStateKey() {
        return stateKey;
    }

    /** The epoch this consumer held. */
    public long getEpoch() {
        return epoch;
    }

    /** The key's holder now. */
    public FencedStateRepository.Holder getHolder() {
        return holder;
    }
}
