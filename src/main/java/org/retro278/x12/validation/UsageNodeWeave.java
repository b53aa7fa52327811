package org.retro278.x12.validation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.reflect.Modifier;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.retro278.x12.validation.UsageNodeOverride.Memo;

/**
 * The Byte Buddy half of {@link UsageNodeOverride}: rewrites the class file of StAEDI's {@code UsageNode} as the
 * JVM is about to define it (a field for the memo, {@link RememberChildren} woven into {@code
 * getChildren(String)}). Only {@link UsageNodeOverride}'s class-name check calls it, when that class loads, so
 * a JVM that never loads StAEDI's validator loads none of Byte Buddy.
 */
final class UsageNodeWeave {

    private UsageNodeWeave() {
    }

    /**
     * The class file of {@code UsageNode} with the override, or {@code null} (leave it as published) when the
     * method is not there as expected or StAEDI's loader does not see this {@link Memo}. Reads types from class
     * files only: it must not load {@code UsageNode}, which is being loaded.
     */
    static byte[] weave(byte[] original, ClassLoader loader) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(UsageNodeOverride.USAGE_NODE, original),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(UsageNodeOverride.USAGE_NODE).resolve();
        ElementMatcher.Junction<MethodDescription> method = named(UsageNodeOverride.METHOD)
                .and(takesArguments(String.class)).and(returns(List.class));
        if (type.getDeclaredMethods().filter(method).size() != 1 || !seesMemo(loader)) {
            return null;
        }
        return new ByteBuddy().redefine(type, locator)
                .defineField(UsageNodeOverride.FIELD, Memo.class, Modifier.PRIVATE | Modifier.TRANSIENT)
                .visit(Advice.to(RememberChildren.class).on(method))
                .make(pool)
                .getBytes();
    }

    /** The changed method refers to {@link Memo}; StAEDI's loader must resolve it to this very class. */
    private static boolean seesMemo(ClassLoader loader) {
        try {
            return Class.forName(Memo.class.getName(), false, loader) == Memo.class;
        } catch (ClassNotFoundException e) {
            return false;
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
        static List<?> enter(@Advice.Argument(0) String version,
                             @Advice.FieldValue(UsageNodeOverride.FIELD) Memo memo) {
            return memo == null ? null : memo.childrenFor(version);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) String version,
                         @Advice.Enter List<?> remembered,
                         @Advice.Return(readOnly = false) List<?> children,
                         @Advice.FieldValue(value = UsageNodeOverride.FIELD, readOnly = false) Memo memo) {
            if (remembered != null) {
                children = remembered;
            } else {
                memo = new Memo(version, children);
                children = memo.children();
            }
        }
    }
}
