package org.retro278.io;

import java.util.function.Function;

/**
 * What the consumer of a streaming reader threw (a claim sink fed from inside Smooks, a response handler fed
 * from inside StAEDI's event loop), carried out of the library untouched, so that the consumer's own failure
 * is never taken for the library's (unreadable input). The reader's front unwraps it with {@link
 * #consumerException}.
 */
public final class ConsumerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One hand-over to the consumer. */
    @FunctionalInterface
    public interface HandOver {
        void run() throws Exception;
    }

    private ConsumerFailure(Exception cause) {
        super(cause);
    }

    /** Runs a hand-over; what the consumer throws comes out as a {@code ConsumerFailure}. */
    public static void handOver(HandOver handOver) {
        try {
            handOver.run();
        } catch (Exception e) {
            throw new ConsumerFailure(e);
        }
    }

    /** The consumer's exception as it was thrown when it is unchecked; a checked one as {@code ifChecked} wraps it. */
    public RuntimeException consumerException(Function<Exception, RuntimeException> ifChecked) {
        Exception cause = (Exception) getCause();
        return cause instanceof RuntimeException unchecked ? unchecked : ifChecked.apply(cause);
    }
}
