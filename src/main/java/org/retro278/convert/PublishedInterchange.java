package org.retro278.convert;

import java.nio.file.Path;

/** One interchange file the converter published. */
public record PublishedInterchange(Path file, long interchangeControlNumber, int transactionSets) {
}
