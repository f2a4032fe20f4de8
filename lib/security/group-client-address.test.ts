import { describe, expect, it } from "vitest";
import { groupClientAddress } from "@/lib/security/group-client-address";

describe("groupClientAddress", () => {
  it("keeps an IPv4 address, also when a dual-stack socket reports it IPv4-mapped", () => {
    expect(groupClientAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(groupClientAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(groupClientAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
  });

  it("counts an IPv6 address as its /64, however it is written", () => {
    const group = "2001:db8:1:2::/64";
    for (const address of ["2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:0db8:0001:0002:0:0:0:9", "[2001:db8:1:2::5]", "2001:db8:1:2::7%eth0"]) {
      expect(groupClientAddress(address), address).toBe(group);
    }
    expect(groupClientAddress("2001:db8:1:3::1")).not.toBe(group);
    expect(groupClientAddress("::1")).toBe("0:0:0:0::/64");
    expect(groupClientAddress("2001:db8::")).toBe("2001:db8:0:0::/64");
  });

  it("has no group for what is not an address", () => {
    for (const value of [undefined, null, "", "unknown", "203.0.113.7, 10.0.0.1", "2001:db8::1::2"]) expect(groupClientAddress(value)).toBeNull();
  });
});
