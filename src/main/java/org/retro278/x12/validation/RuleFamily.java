package org.retro278.x12.validation;

import org.retro278.x12.ElementsWanted;

/**
 * What every rule family has: the reporter its problems go to, and the table of the elements it reads,
 * declared once beside its rules.
 */
abstract class RuleFamily implements SetRule {

    final Reporter out;
    private final ElementsWanted wanted;

    RuleFamily(Reporter out, ElementsWanted wanted) {
        this.out = out;
        this.wanted = wanted;
    }

    @Override
    public final ElementsWanted wanted() {
        return wanted;
    }
}
