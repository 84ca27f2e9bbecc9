package org.c4j.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(Tuning.PBKDF2_MIN_ITERATIONS);

    @Test
    void verifiesTheRightPasswordOnly() {
        String h = hasher.hash("s3cret");
        assertTrue(hasher.verify("s3cret", h));
        assertFalse(hasher.verify("s3cret ", h));
        assertFalse(hasher.verify("", h));
        assertFalse(hasher.verify(null, h));
    }

    @Test
    void hashesAreSaltedAndCarryTheirParameters() {
        String a = hasher.hash("same");
        String b = hasher.hash("same");
        assertNotEquals(a, b, "two hashes of one password must differ (salt)");
        String[] parts = a.split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals(String.valueOf(Tuning.PBKDF2_MIN_ITERATIONS), parts[1]);
        assertFalse(a.contains("same"));
    }

    @Test
    void productionIterationCountIsHigh() {
        assertTrue(Tuning.PBKDF2_ITERATIONS >= 210_000, "OWASP asks for at least 210,000 (SHA-512) / 600,000");
        assertTrue(new PasswordHasher(Tuning.PBKDF2_ITERATIONS).hash("x").contains("$310000$"));
    }

    @Test
    void malformedOrTamperedHashesNeverVerify() {
        String h = hasher.hash("pw");
        assertFalse(hasher.verify("pw", "plain:pw"));
        assertFalse(hasher.verify("pw", h.replace("pbkdf2-sha256", "md5")));
        assertFalse(hasher.verify("pw", h.replace("$1000$", "$999999999$")), "absurd iteration counts refused");
        assertFalse(hasher.verify("pw", h.replace("$1000$", "$1$")));
        assertFalse(hasher.verify("pw", h.substring(0, h.length() - 4)));
        assertFalse(hasher.verify("pw", "pbkdf2-sha256$1000$!!$!!"));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(10));
    }

    /** Every path of a check does exactly one key derivation, so timing does not tell known from unknown users. */
    @Test
    void everyCheckDoesTheSameWork() {
        String h = hasher.hash("pw");
        long before = PasswordHasher.DERIVATIONS.get();
        hasher.verify("pw", h);
        assertEquals(1, PasswordHasher.DERIVATIONS.get() - before);
        hasher.verify("wrong", h);
        assertEquals(2, PasswordHasher.DERIVATIONS.get() - before);
        hasher.verifyNothing("pw");
        assertEquals(3, PasswordHasher.DERIVATIONS.get() - before);
        hasher.verify("pw", "garbage");
        assertEquals(4, PasswordHasher.DERIVATIONS.get() - before);
    }
}
