package org.retro278.x12.validation;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.retro278.x12.validation.UsageNodeOverride.Memo;

/**
 * The class-file half of {@link UsageNodeOverride}: rewrites StAEDI's {@code UsageNode} as the JVM is about to
 * define it, with ASM ({@code org.ow2.asm:asm}): StAEDI's {@code
 * getChildren(String)} is kept, body untouched, as the private {@value #ORIGINAL}; a field {@value
 * UsageNodeOverride#FIELD} holds the node's {@link Memo}; and a new {@code getChildren(String)} does, in
 * bytecode,
 *
 * <pre>
 * List&lt;?&gt; remembered = Memo.recall(this.memo, version);
 * if (remembered != null) return remembered;
 * Memo fresh = new Memo(version, retro278$getChildren(version));
 * this.memo = fresh;
 * return fresh.children();
 * </pre>
 *
 * <p>ASM, not Byte Buddy's {@code Advice}, because Advice and its type pool load some 870 classes when the
 * class loads (0.5-1 s of CPU in a short command, docs/validation.md); ASM's reader and writer load a few
 * dozen. Only {@link UsageNodeOverride}'s class-name check calls this, when that class loads.
 */
final class UsageNodeWeave {

    /** The name StAEDI's own {@code getChildren(String)} keeps, private, in the changed class. */
    static final String ORIGINAL = "retro278$getChildren";
    private static final String OWNER = UsageNodeOverride.USAGE_NODE_FILE;
    private static final String DESCRIPTOR = "(Ljava/lang/String;)Ljava/util/List;";
    private static final String MEMO = Memo.class.getName().replace('.', '/');
    private static final String MEMO_TYPE = "L" + MEMO + ";";
    private static final int NOT_AN_INSTANCE_BODY = Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE;

    private UsageNodeWeave() {
    }

    /**
     * The class file of {@code UsageNode} with the override, or {@code null} (leave it as published) when the
     * method is not there exactly once as expected, the names to add are taken, or StAEDI's loader does not see
     * this {@link Memo}. Reads the class file only: it must not load {@code UsageNode}, which is being loaded.
     */
    static byte[] weave(byte[] original, ClassLoader loader) {
        if (!seesMemo(loader)) {
            return null;
        }
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Rewrite rewrite = new Rewrite(writer);
        reader.accept(rewrite, 0);
        return rewrite.found == 1 && !rewrite.clash ? writer.toByteArray() : null;
    }

    /** The changed method refers to {@link Memo}; StAEDI's loader must resolve it to this very class. */
    private static boolean seesMemo(ClassLoader loader) {
        try {
            return Class.forName(Memo.class.getName(), false, loader) == Memo.class;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Renames StAEDI's method and, at the end of the class, adds the field and the remembering method. */
    private static final class Rewrite extends ClassVisitor {
        private int found;
        private boolean clash;
        private int access;
        private String signature;
        private String[] exceptions;

        Rewrite(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            clash |= UsageNodeOverride.FIELD.equals(name);
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            clash |= ORIGINAL.equals(name);
            if (!UsageNodeOverride.METHOD.equals(name) || !DESCRIPTOR.equals(descriptor)
                    || (access & NOT_AN_INSTANCE_BODY) != 0) {
                return super.visitMethod(access, name, descriptor, signature, exceptions);
            }
            found++;
            this.access = access;
            this.signature = signature;
            this.exceptions = exceptions;
            int hidden = (access & ~(Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) | Opcodes.ACC_PRIVATE
                    | Opcodes.ACC_SYNTHETIC;
            return super.visitMethod(hidden, ORIGINAL, descriptor, signature, exceptions);
        }

        @Override
        public void visitEnd() {
            if (found == 1 && !clash) {
                super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT, UsageNodeOverride.FIELD, MEMO_TYPE,
                        null, null).visitEnd();
                remember(super.visitMethod(access, UsageNodeOverride.METHOD, DESCRIPTOR, signature, exceptions));
            }
            super.visitEnd();
        }

        /** The body in the class comment; locals: 0 this, 1 version, 2 remembered, 3 fresh. */
        private static void remember(MethodVisitor method) {
            method.visitCode();
            method.visitVarInsn(Opcodes.ALOAD, 0);
            method.visitFieldInsn(Opcodes.GETFIELD, OWNER, UsageNodeOverride.FIELD, MEMO_TYPE);
            method.visitVarInsn(Opcodes.ALOAD, 1);
            method.visitMethodInsn(Opcodes.INVOKESTATIC, MEMO, "recall",
                    "(" + MEMO_TYPE + "Ljava/lang/String;)Ljava/util/List;", false);
            method.visitVarInsn(Opcodes.ASTORE, 2);
            method.visitVarInsn(Opcodes.ALOAD, 2);
            Label compute = new Label();
            method.visitJumpInsn(Opcodes.IFNULL, compute);
            method.visitVarInsn(Opcodes.ALOAD, 2);
            method.visitInsn(Opcodes.ARETURN);
            method.visitLabel(compute);
            method.visitFrame(Opcodes.F_APPEND, 1, new Object[] {"java/util/List"}, 0, null);
            method.visitTypeInsn(Opcodes.NEW, MEMO);
            method.visitInsn(Opcodes.DUP);
            method.visitVarInsn(Opcodes.ALOAD, 1);
            method.visitVarInsn(Opcodes.ALOAD, 0);
            method.visitVarInsn(Opcodes.ALOAD, 1);
            method.visitMethodInsn(Opcodes.INVOKESPECIAL, OWNER, ORIGINAL, DESCRIPTOR, false);
            method.visitMethodInsn(Opcodes.INVOKESPECIAL, MEMO, "<init>", "(Ljava/lang/String;Ljava/util/List;)V",
                    false);
            method.visitVarInsn(Opcodes.ASTORE, 3);
            method.visitVarInsn(Opcodes.ALOAD, 0);
            method.visitVarInsn(Opcodes.ALOAD, 3);
            method.visitFieldInsn(Opcodes.PUTFIELD, OWNER, UsageNodeOverride.FIELD, MEMO_TYPE);
            method.visitVarInsn(Opcodes.ALOAD, 3);
            method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, MEMO, "children", "()Ljava/util/List;", false);
            method.visitInsn(Opcodes.ARETURN);
            method.visitMaxs(0, 0);
            method.visitEnd();
        }
    }
}
