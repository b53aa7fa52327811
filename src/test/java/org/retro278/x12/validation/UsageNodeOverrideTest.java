package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDIType;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.retro278.testing.Needs;
import org.retro278.testing.ProjectFiles;

/**
 * The override of StAEDI's {@code UsageNode.getChildren(String)} ({@link UsageNodeOverride}): in effect in the
 * test JVM (the build starts every test JVM with {@code -javaagent:target/retro278-agent.jar}, as the shipped
 * jar's manifest does for {@code java -jar}), answering as StAEDI's own method does, and validation results the
 * same with it switched off.
 */
class UsageNodeOverrideTest {

    @Test
    void isInEffectInTheTestJvm() {
        assertTrue(UsageNodeOverride.inEffect(), UsageNodeOverride.status());
        assertTrue(UsageNodeOverride.CHECKED_VERSIONS.contains(UsageNodeOverride.staediVersion()),
                "StAEDI " + UsageNodeOverride.staediVersion() + " is not a version whose source was read for the "
                        + "override: read its UsageNode and Validator, then add it to CHECKED_VERSIONS");
    }

    @Test
    void answersAsStaediDoesAndOnlyOncePerVersion() throws ReflectiveOperationException {
        Class<?> type = Class.forName(UsageNodeOverride.USAGE_NODE);
        Constructor<?> make = type.getDeclaredConstructor(type, int.class, EDIReference.class, int.class);
        make.setAccessible(true);
        Method all = type.getDeclaredMethod("getChildren");
        Method versioned = type.getDeclaredMethod("getChildren", String.class);
        all.setAccessible(true);
        versioned.setAccessible(true);

        Object segment = make.newInstance(null, 1, new Link(1, null), -1);
        Object always = make.newInstance(segment, 2, new Link(1, null), 0);
        Object notInV2 = make.newInstance(segment, 2, new Link(1, "v2"), 1);
        @SuppressWarnings("unchecked")
        List<Object> children = (List<Object>) all.invoke(segment);
        children.addAll(Arrays.asList(always, notInV2, null));

        Object first = versioned.invoke(segment, "v1");
        assertEquals(Arrays.asList(always, notInV2, null), first);
        assertSame(first, versioned.invoke(segment, "v1"), "the second call is answered from the memo");
        assertEquals(Arrays.asList(always, null), versioned.invoke(segment, "v2"));
        assertEquals(Arrays.asList(always, notInV2, null), versioned.invoke(segment, "v1"));
        assertEquals(Arrays.asList(always, notInV2, null), versioned.invoke(segment, (Object) null));
        @SuppressWarnings("unchecked")
        List<Object> answer = (List<Object>) versioned.invoke(segment, "v1");
        assertThrows(UnsupportedOperationException.class, () -> answer.add(always));
    }

    @Test
    void memoAnswersOnlyTheVersionItWasMadeFor() {
        List<String> children = new ArrayList<>(List.of("a", "b"));
        UsageNodeOverride.Memo memo = new UsageNodeOverride.Memo("00501", children);
        children.add("c");
        assertEquals(List.of("a", "b"), memo.childrenFor("00501"));
        assertNull(memo.childrenFor("00401"));
        assertNull(memo.childrenFor(null));
        assertEquals(List.of("x"), new UsageNodeOverride.Memo(null, List.of("x")).childrenFor(null));
    }

    /**
     * Every golden X12 file, the public samples and 600 seeded mutations of them, validated here (override in
     * effect) and in a fresh JVM with {@code -Dretro278.staedi.override=off}: the same summaries and problems.
     */
    @Test
    void resultsAreTheSameWithTheOverrideOff() throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> golden = Files.walk(ProjectFiles.path("src/test/resources/golden"))) {
            golden.filter(p -> p.toString().endsWith(".x12")).sorted().forEach(files::add);
        }
        try (Stream<Path> samples = Files.list(Needs.publicSamples())) {
            samples.filter(p -> p.toString().endsWith(".x12")).sorted().forEach(files::add);
        }
        assertTrue(files.size() > 60, "files found: " + files.size());
        long seed = 278L;
        int mutations = 600;
        String here = ValidationReplay.render(files, seed, mutations);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + ProjectFiles.path("target/retro278-agent.jar"),
                "-D" + UsageNodeOverride.SWITCH + "=off",
                "-Dlogback.configurationFile=" + ProjectFiles.path("src/main/resources/logback.xml"),
                "-cp", System.getProperty("java.class.path"),
                ValidationReplay.class.getName(), Long.toString(seed), Integer.toString(mutations)));
        files.forEach(f -> command.add(f.toString()));
        Path output = Files.createTempFile("retro278-replay", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the JVM without the override did not finish");
            assertEquals(0, process.exitValue());
            String there = Files.readString(output, StandardCharsets.UTF_8);
            String header = "override in effect: false\n";
            assertTrue(there.startsWith(header), "switched off there: " + there.lines().findFirst().orElse(""));
            assertTrue(here.contains("SEGMENT_COUNT_MISMATCH") && here.contains("CODE_INVALID"), "problems found");
            assertEquals(here, there.substring(header.length()));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** A child link whose maximum is 0 in one version (StAEDI's schema versions), else {@code max}. */
    private record Link(int max, String absentIn) implements EDIReference {
        @Override
        public EDIType getReferencedType() {
            return null;
        }

        @Override
        public int getMinOccurs() {
            return 0;
        }

        @Override
        public int getMaxOccurs() {
            return max;
        }

        @Override
        public int getMaxOccurs(String version) {
            return version != null && version.equals(absentIn) ? 0 : max;
        }

        @Override
        public String getTitle() {
            return "";
        }

        @Override
        public String getDescription() {
            return "";
        }
    }
}
