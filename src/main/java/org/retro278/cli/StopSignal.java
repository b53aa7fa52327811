package org.retro278.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * How {@code run} learns that it should stop: SIGTERM (a service manager, {@code kill}) or SIGINT (Ctrl-C).
 * The signals are taken from the JVM's default handling, which would exit with 128 + the signal number
 * (143, 130) although the stop is clean: instead the command closes the adapter and exits 0.
 */
final class StopSignal {

    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name;

    private StopSignal() {
    }

    /** Handles SIGTERM and SIGINT from now on (where the platform has them). */
    static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(signal), x -> {
                    s.name = "SIG" + x.getName();
                    s.received.countDown();
                });
            } catch (IllegalArgumentException e) {
                // no such signal here, or the JVM keeps it (-Xrs): the default handling stays
            }
        }
        return s;
    }

    /** Waits until a signal arrives and returns its name. */
    String await() throws InterruptedException {
        received.await();
        return name;
    }
}
