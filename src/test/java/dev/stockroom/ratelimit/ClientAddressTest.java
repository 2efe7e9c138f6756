package dev.stockroom.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void anIpv4AddressIsItsOwnBudget() {
        assertEquals("192.0.2.7", ClientAddress.budgetOf("192.0.2.7"));
        assertNotEquals(ClientAddress.budgetOf("192.0.2.7"), ClientAddress.budgetOf("192.0.2.8"));
    }

    @Test
    void anIpv6AddressSpendsTheBudgetOfItsSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.budgetOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientAddress.budgetOf("2001:db8:1:2::1"), ClientAddress.budgetOf("2001:0db8:0001:0002:ffff::9"));
        assertNotEquals(ClientAddress.budgetOf("2001:db8:1:2::1"), ClientAddress.budgetOf("2001:db8:1:3::1"));
        assertEquals("0:0:0:0::/64", ClientAddress.budgetOf("::1"));
    }
}
