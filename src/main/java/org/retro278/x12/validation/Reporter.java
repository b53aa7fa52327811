package org.retro278.x12.validation;

/** Receives what the rules find; positions count segments from the first ISA of the stream. */
interface Reporter {
    void report(long position, String loop, String segment, Integer element, Integer component, String rule,
                String message);
}
