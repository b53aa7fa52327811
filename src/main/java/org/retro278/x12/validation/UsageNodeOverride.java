package org.retro278.x12.validation;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The speed-up of StAEDI's validator (docs/validation.md, "StAEDI's child lists"): a start-up time change of
 * one method, {@code io.xlate.edi.internal.stream.validation.UsageNode.getChildren(String version)}, which
 * StAEDI 1.26 computes afresh (a stream filter over the node's children) twice for every element it
 * validates. The children of a usage node are fixed once its validator has built the tree, and whether a
 * child counts for a version depends only on the schema, so the changed method remembers the last answer per
 * node and version and returns it again (read-only). Nothing else changes: without the override StAEDI does
 * the same work, only slower.
 *
 * <p>Installed by the JVM before {@code main}: {@code java -jar retro278.jar} through the jar's {@code
 * Launcher-Agent-Class}, any other launch through {@code -javaagent:} naming the jar (or, in the build, {@code
 * target/retro278-agent.jar}, which the tests and benchmarks use). It must run before StAEDI's class is
 * loaded, since it adds a field; installed later it does nothing. {@code -Dretro278.staedi.override=off}
 * leaves StAEDI as it is. It applies only to the StAEDI versions whose source was read for it ({@link
 * #CHECKED_VERSIONS}); another version runs unchanged until someone reads that version's source again.
 *
 * <p>What the agent registers at start-up is only a check of class names ({@link OnLoad}); the class is
 * rewritten ({@link UsageNodeWeave}, ASM) when StAEDI's {@code UsageNode} itself is about to load, so a command
 * that never validates pays for none of it (docs/validation.md, "Start-up cost").
 */
public final class UsageNodeOverride {

    /** The class and method changed. */
    static final String USAGE_NODE = "io.xlate.edi.internal.stream.validation.UsageNode";
    /** The same, as the JVM names it to a {@link ClassFileTransformer}. */
    static final String USAGE_NODE_FILE = USAGE_NODE.replace('.', '/');
    static final String METHOD = "getChildren";
    /** The field added to each usage node: the last version asked and its children. */
    static final String FIELD = "retro278$childrenMemo";
    /** Switch: {@code off} leaves StAEDI unchanged. */
    static final String SWITCH = "retro278.staedi.override";
    /** StAEDI releases whose {@code UsageNode} and callers were read for this override. */
    static final List<String> CHECKED_VERSIONS = List.of("1.26.0", "1.26.1", "1.26.2", "1.26.3");

    private static volatile String status = "not installed (no -javaagent and not started with java -jar)";

    private UsageNodeOverride() {
    }

    /** Entry point of {@code Launcher-Agent-Class} ({@code java -jar}). */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /** Entry point of {@code -javaagent:}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /** Installs the override unless it is switched off or StAEDI is a version not checked; returns whether. */
    static synchronized boolean install(Instrumentation instrumentation) {
        if ("off".equalsIgnoreCase(System.getProperty(SWITCH, ""))) {
            status = "switched off (-D" + SWITCH + "=off)";
            return false;
        }
        String version = staediVersion();
        if (!CHECKED_VERSIONS.contains(version)) {
            status = "not applied: StAEDI " + version + " is not a version checked for it " + CHECKED_VERSIONS;
            return false;
        }
        if (isLoaded(instrumentation)) {
            status = "not applied: StAEDI's UsageNode was loaded before the override was installed";
            return false;
        }
        instrumentation.addTransformer(new OnLoad(version));
        status = "installed, waiting for StAEDI " + version + " to load its validator";
        return true;
    }

    /** Whether StAEDI's validator, as loaded in this JVM, has the override (loads the class if need be). */
    public static boolean inEffect() {
        try {
            Class<?> node = Class.forName(USAGE_NODE, false, UsageNodeOverride.class.getClassLoader());
            return node.getDeclaredField(FIELD).getType() == Memo.class;
        } catch (ClassNotFoundException | NoSuchFieldException e) {
            return false;
        }
    }

    /** In words, for the logs and {@code --version}: installed, applied, or why not. */
    public static String status() {
        return status;
    }

    private static boolean isLoaded(Instrumentation instrumentation) {
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getName().equals(USAGE_NODE)) {
                return true;
            }
        }
        return false;
    }

    /** StAEDI's version from its Maven descriptor (kept in the shaded jar), or "unknown". */
    static String staediVersion() {
        ClassLoader loader = UsageNodeOverride.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream("META-INF/maven/io.xlate/staedi/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The last answer of one usage node: the version asked and its children for it, read-only. */
    public static final class Memo {
        private final String version;
        private final List<?> children;

        public Memo(String version, List<?> children) {
            this.version = version;
            this.children = Collections.unmodifiableList(new ArrayList<>(children));
        }

        /** What the changed method asks first: the children {@code memo} remembers for {@code version}, or null. */
        public static List<?> recall(Memo memo, String version) {
            return memo == null ? null : memo.childrenFor(version);
        }

        /** The remembered children when asked for the same version, else {@code null}. */
        public List<?> childrenFor(String asked) {
            return Objects.equals(version, asked) ? children : null;
        }

        public List<?> children() {
            return children;
        }
    }

    /**
     * The transformer the agent registers: it looks at each class name the JVM defines and, for StAEDI's {@code
     * UsageNode} only, hands the class file to {@link UsageNodeWeave} (the first use of ASM in the JVM)
     * and records the outcome in {@link #status()}.
     */
    private static final class OnLoad implements ClassFileTransformer {
        private final String version;

        OnLoad(String version) {
            this.version = version;
        }

        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                                byte[] classFile) {
            if (redefined != null || !USAGE_NODE_FILE.equals(className)) {
                return null;
            }
            try {
                byte[] woven = UsageNodeWeave.weave(classFile, loader);
                status = woven == null ? "not applied: " + USAGE_NODE + "." + METHOD + "(String) not found as expected"
                        : "in effect on StAEDI " + version;
                return woven;
            } catch (RuntimeException | LinkageError e) {
                status = "not applied: " + e;
                return null;
            }
        }
    }
}
