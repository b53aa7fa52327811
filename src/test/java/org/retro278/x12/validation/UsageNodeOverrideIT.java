package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.retro278.testing.ProjectFiles;

/**
 * The shipped jar ({@code mvn package}) installs the StAEDI override by itself when run as {@code java -jar}
 * (its manifest's {@code Launcher-Agent-Class}), and what it prints for a golden file is the golden report.
 */
class UsageNodeOverrideIT {

    private static final Path JAR = ProjectFiles.path("target/retro278.jar");

    @Test
    void theJarInstallsTheOverrideByItself() throws IOException, InterruptedException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(UsageNodeOverride.class.getName(),
                    jar.getManifest().getMainAttributes().getValue("Launcher-Agent-Class"));
        }
        String version = run("--version");
        assertTrue(version.contains("StAEDI validator override in effect"), version);
        String off = run("-Dretro278.staedi.override=off", "--version");
        assertTrue(off.contains("StAEDI validator override absent"), off);
    }

    /**
     * At start-up the agent registers only a check of class names: a command that never loads StAEDI's
     * validator ({@code --help}) loads no class of ASM (ours, not the JDK's own copy) nor of Byte Buddy; one
     * that does ({@code --version} asks the class) loads ASM then and has the override in effect.
     */
    @Test
    void theJarLoadsAsmOnlyWithStaedisValidator() throws IOException, InterruptedException {
        String help = run("-Xlog:class+load=info", "--help");
        assertTrue(help.contains("org.retro278.x12.validation.UsageNodeOverride "), "the agent ran");
        assertFalse(help.contains(" org.objectweb.asm."), "ASM loaded for --help");
        assertFalse(help.contains(" net.bytebuddy."), "Byte Buddy (the override before ASM) loaded for --help");
        String version = run("-Xlog:class+load=info", "--version");
        assertTrue(version.contains(" org.objectweb.asm.ClassReader ") && version.contains("override in effect"),
                version);
    }

    @Test
    void theJarPrintsTheGoldenReport() throws IOException, InterruptedException {
        Path golden = ProjectFiles.path("src/test/resources/golden/validate/problems");
        try (var files = Files.list(golden)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".x12")).sorted().limit(3).toList()) {
                String name = file.getFileName().toString();
                Path expected = file.resolveSibling(name.substring(0, name.length() - ".x12".length()) + ".txt");
                assertEquals(Files.readString(expected, StandardCharsets.UTF_8),
                        run("validate", file.toString()).replace(file.toString(), name), name);
            }
        }
    }

    /** {@code java [-Dx=y] [-Xlog:...] -jar target/retro278.jar ARGS}: its standard output. */
    private static String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        int first = 0;
        while (first < arguments.length
                && (arguments[first].startsWith("-D") || arguments[first].startsWith("-X"))) {
            command.add(arguments[first++]);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(arguments).subList(first, arguments.length));
        Path output = Files.createTempFile("retro278-jar", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "java -jar did not finish");
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
