package io.flywheel.shared.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void hashesKeysWithSha256InLowercaseHex() {
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void recognisesTheShapeOfAKey() {
        assertThat(ApiKeys.looksLikeKey("fw_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG")).isTrue();
        assertThat(ApiKeys.looksLikeKey("sk-0123456789abcdefghijklmnop")).isFalse();
        assertThat(ApiKeys.looksLikeKey("fw_short")).isFalse();
        assertThat(ApiKeys.looksLikeKey(null)).isFalse();
    }

    @Test
    void rolesIncludeTheOnesBelowThem() {
        assertThat(Role.ADMIN.includes(Role.APPROVER)).isTrue();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
        assertThat(Role.parse(" Operator ")).isEqualTo(Role.OPERATOR);
        assertThat(Role.parse("root")).isNull();
    }
}
