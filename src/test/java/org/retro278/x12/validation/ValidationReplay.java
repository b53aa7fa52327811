package org.retro278.x12.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.retro278.x12.X12Problem;

/**
 * Everything {@link X12Validator} finds in a list of files and in seeded mutations of them, as text: the
 * same text twice means the same results. {@code UsageNodeOverrideTest} compares the text of the test JVM
 * (override in effect) with that of a JVM started with the override switched off. Run as a program it prints
 * {@code override in effect: true|false} and then the text: {@code ValidationReplay SEED MUTATIONS FILE...}.
 */
final class ValidationReplay {

    private ValidationReplay() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println("override in effect: " + UsageNodeOverride.inEffect());
        out.print(render(files, Long.parseLong(args[0]), Integer.parseInt(args[1])));
        out.flush();
    }

    /** The summary and every problem of each file, then of each mutation (seeded, so both JVMs see the same). */
    static String render(List<Path> files, long seed, int mutations) throws IOException {
        X12Validator validator = X12Validator.create();
        StringBuilder text = new StringBuilder();
        List<byte[]> contents = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            contents.add(bytes);
            text.append("== ").append(file.getFileName()).append('\n');
            append(text, validator, bytes);
        }
        X12Mutations mutator = new X12Mutations(new Random(seed), contents);
        for (int i = 0; i < mutations; i++) {
            X12Mutations.Mutant mutant = mutator.next();
            text.append("== mutant ").append(i).append(": ").append(mutant.description()).append('\n');
            append(text, validator, mutant.bytes());
        }
        return text.toString();
    }

    private static void append(StringBuilder text, X12Validator validator, byte[] bytes) throws IOException {
        List<X12Problem> problems = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            ValidationSummary summary = validator.validate(in, problems::add);
            text.append(summary).append('\n');
        }
        for (X12Problem problem : problems) {
            text.append(problem).append('\n');
        }
    }
}
