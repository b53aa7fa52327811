package org.retro278.testing;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Values to look for in a text as whole words, in any case: one Aho-Corasick automaton over all of them
 * (org.ahocorasick), so a text is read once whatever the number of values. A value is a whole word when
 * neither the character before it nor the one after it is an ASCII letter or digit, so that a value inside a
 * longer token (a trace number, a hash, CLM1001-AHP100200301X) is not found.
 */
public final class PhiWords {

    private final Trie trie;
    private final int size;

    private PhiWords(Trie trie, int size) {
        this.trie = trie;
        this.size = size;
    }

    public static PhiWords of(Collection<String> values) {
        Trie.TrieBuilder b = Trie.builder().ignoreCase();
        values.stream().filter(v -> !v.isEmpty()).forEach(v -> b.addKeyword(v.toLowerCase(Locale.ROOT)));
        return new PhiWords(b.build(), values.size());
    }

    /** The first value the text shows as a whole word, as the text writes it. */
    public Optional<String> firstIn(CharSequence text) {
        if (text == null || text.length() == 0) {
            return Optional.empty();
        }
        for (Emit e : trie.parseText(text)) {
            int start = e.getStart();
            int end = e.getEnd() + 1;
            if ((start == 0 || !wordChar(text.charAt(start - 1))) && (end == text.length() || !wordChar(text.charAt(end)))) {
                return Optional.of(text.subSequence(start, end).toString());
            }
        }
        return Optional.empty();
    }

    public int size() {
        return size;
    }

    private static boolean wordChar(char c) {
        return c < 0x80 && Character.isLetterOrDigit(c);
    }
}
