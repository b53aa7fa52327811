package org.retro278.model;

/** Administrative gender as the 278 carries it in DMG03. */
public enum Gender {
    M, F, U
}
