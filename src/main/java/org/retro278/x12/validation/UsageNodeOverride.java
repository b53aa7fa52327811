package org.retro278.x12.validation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Modifier;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

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
 */
public final class UsageNodeOverride {

    /** The class and method changed. */
    static final String USAGE_NODE = "io.xlate.edi.internal.stream.validation.UsageNode";
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
        new AgentBuilder.Default()
                .with(new Outcome())
                .type(named(USAGE_NODE))
                .transform(UsageNodeOverride::transform)
                .installOn(instrumentation);
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

    private static DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                                    ClassLoader loader, JavaModule module,
                                                    ProtectionDomain domain) {
        ElementMatcher.Junction<MethodDescription> method =
                named(METHOD).and(takesArguments(String.class)).and(returns(List.class));
        if (type.getDeclaredMethods().filter(method).size() != 1 || !seesMemo(loader)) {
            status = "not applied: " + USAGE_NODE + "." + METHOD + "(String) not found as expected";
            return builder;
        }
        return builder.defineField(FIELD, Memo.class, Modifier.PRIVATE | Modifier.TRANSIENT)
                .visit(Advice.to(RememberChildren.class).on(method));
    }

    /** The changed method refers to {@link Memo}; StAEDI's loader must resolve it to this very class. */
    private static boolean seesMemo(ClassLoader loader) {
        try {
            return Class.forName(Memo.class.getName(), false, loader) == Memo.class;
        } catch (ClassNotFoundException e) {
            return false;
        }
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

        /** The remembered children when asked for the same version, else {@code null}. */
        public List<?> childrenFor(String asked) {
            return Objects.equals(version, asked) ? children : null;
        }

        public List<?> children() {
            return children;
        }
    }

    /**
     * The advice woven into {@code getChildren(String)}: on entry the remembered list for that version, if
     * any, skips StAEDI's own filtering; on exit the list is remembered (or the remembered one returned).
     */
    static final class RememberChildren {
        private RememberChildren() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static List<?> enter(@Advice.Argument(0) String version, @Advice.FieldValue(FIELD) Memo memo) {
            return memo == null ? null : memo.childrenFor(version);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) String version,
                         @Advice.Enter List<?> remembered,
                         @Advice.Return(readOnly = false) List<?> children,
                         @Advice.FieldValue(value = FIELD, readOnly = false) Memo memo) {
            if (remembered != null) {
                children = remembered;
            } else {
                memo = new Memo(version, children);
                children = memo.children();
            }
        }
    }

    /** Records in {@link #status()} whether StAEDI's class was changed when it loaded. */
    private static final class Outcome extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            if (dynamicType.getTypeDescription().getDeclaredFields().filter(named(FIELD)).size() == 1) {
                status = "in effect on StAEDI " + staediVersion();
            }
        }

        @Override
        public void onError(String name, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            if (USAGE_NODE.equals(name)) {
                status = "not applied: " + error;
            }
        }
    }
}
