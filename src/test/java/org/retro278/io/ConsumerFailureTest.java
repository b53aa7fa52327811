package org.retro278.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ConsumerFailureTest {

    @Test
    void aHandOverThatSucceedsThrowsNothing() {
        assertDoesNotThrow(() -> ConsumerFailure.handOver(() -> { }));
    }

    @Test
    void anUncheckedExceptionComesOutAsItWasThrown() {
        IllegalArgumentException thrown = new IllegalArgumentException("the consumer's own");
        ConsumerFailure failure = assertThrows(ConsumerFailure.class, () -> ConsumerFailure.handOver(() -> {
            throw thrown;
        }));
        assertSame(thrown, failure.consumerException(e -> new IllegalStateException(e)));
    }

    @Test
    void aCheckedExceptionIsWrappedAsTheFrontSays() {
        IOException thrown = new IOException("the consumer's own");
        ConsumerFailure failure = assertThrows(ConsumerFailure.class, () -> ConsumerFailure.handOver(() -> {
            throw thrown;
        }));
        RuntimeException unwrapped = failure.consumerException(e -> new IllegalStateException(e));
        assertSame(IllegalStateException.class, unwrapped.getClass());
        assertSame(thrown, unwrapped.getCause());
    }
}
