/**
 * The operator's egress allowlist for sandboxes (`SANDBOX_EGRESS_ALLOW`): comma-separated hosts, `*.suffix`
 * wildcards, each optionally with `:port` (default 443). Only hosts resolving to public addresses are reached,
 * except through an entry that names an explicit port: that is the operator pointing at a mirror on their own
 * network (`registry.internal:4873`), and only that host and port.
 */
export interface EgressRule {
  host: string;
  wildcard: boolean;
  port: number;
  explicitPort: boolean;
}

export function parseEgressRules(value: string | undefined): EgressRule[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(\*\.)?([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?$/.exec(entry);
      if (!match) throw new Error(`SANDBOX_EGRESS_ALLOW: "${entry}" is not a host, *.domain or host:port`);
      return { wildcard: Boolean(match[1]), host: match[2]!, port: match[3] ? Number(match[3]) : 443, explicitPort: Boolean(match[3]) };
    });
}

/** The rule that lets a sandbox reach host:port, if any. */
export function findEgressRule(rules: EgressRule[], host: string, port: number): EgressRule | undefined {
  const name = host.toLowerCase().replace(/\.$/, "");
  return rules.find((rule) => rule.port === port && (rule.wildcard ? name.endsWith(`.${rule.host}`) : name === rule.host));
}
