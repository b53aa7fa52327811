package org.retro278.bench;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The status-file bytes that arrive in a practice's outbox, counted from outside the adapter: every time a
 * status file appears under its final name (an upload's rename), its size. Not a test: for the adapter
 * benchmark, so that the same count works on any version of the adapter.
 */
final class StatusUploadCounter implements AutoCloseable {

    private final Path outbox;
    private final WatchService watch;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private final Thread thread;

    StatusUploadCounter(Path outbox) throws IOException {
        this.outbox = outbox;
        this.watch = FileSystems.getDefault().newWatchService();
        outbox.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = new Thread(this::count, "status-upload-counter");
        thread.setDaemon(true);
        thread.start();
    }

    private void count() {
        try {
            while (true) {
                WatchKey key = watch.take();
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.kind() != StandardWatchEventKinds.ENTRY_CREATE) {
                        continue;
                    }
                    String name = e.context().toString();
                    if (name.startsWith(".") || !(name.endsWith(".status.csv") || name.endsWith(".status.jsonl"))) {
                        continue;
                    }
                    try {
                        bytes.addAndGet(Files.size(outbox.resolve(name)));
                        files.incrementAndGet();
                    } catch (IOException gone) {
                        // replaced again before it could be measured: the next event counts the newer one
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Bytes counted so far; {@link #reset()} starts again from 0. */
    long bytes() {
        return bytes.get();
    }

    long files() {
        return files.get();
    }

    void reset() {
        bytes.set(0);
        files.set(0);
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
