import { loadPartnersConfig, partnersConfigPath } from '../partner-config.js';
import { parseContractRef } from '../registry.js';
import { checkCompatibility } from './compatibility-check.js';
import { versionsOf } from './contract-version.js';
import type { CompatMode } from './schema-diff.js';
import { ContractRegistry } from '../registry.js';

/** `cp-bridge can-i-deploy <name>@<v>`: may this version go live beside the versions partners are pinned to now? */
export interface DeployAnswer {
  readonly ref: string;
  readonly deployable: boolean;
  readonly reasons: readonly string[];
}

export async function canIDeploy(ref: string, options: { mode?: CompatMode; config?: string; root?: string } = {}): Promise<DeployAnswer> {
  const { name, version } = parseContractRef(ref);
  const root = options.root ?? ContractRegistry.defaultRoot();
  const mode = options.mode ?? 'backward';
  if (!versionsOf(name, root).includes(version)) return { ref, deployable: false, reasons: [`${ref} is not a registered contract version`] };
  const config = loadPartnersConfig(options.config ?? partnersConfigPath());
  const pinned = new Map<string, string[]>();
  for (const p of config.partners.values()) {
    for (const [pin, who] of [[p.contract, p.name], ...p.routes.map((r) => [r.contract, `${p.name}${r.key ? ` (${r.key})` : ''}`])] as [string, string][]) {
      const pr = parseContractRef(pin);
      if (pr.name === name && pr.version !== version) pinned.set(pr.version, [...(pinned.get(pr.version) ?? []), who]);
    }
  }
  if (pinned.size === 0) return { ref, deployable: true, reasons: [`no partner is pinned to another version of ${name}`] };
  const reasons: string[] = [];
  let deployable = true;
  for (const [other, partners] of pinned) {
    const report = await checkCompatibility(name, other, version, { mode, behaviour: false, root });
    const breaking = report.pairs.flatMap((p) => p.changes.filter((c) => c.breaking));
    if (breaking.length) deployable = false;
    reasons.push(
      breaking.length
        ? `incompatible (${mode}) with ${name}@${other} pinned by ${partners.join(', ')}: ${breaking.map((c) => `${c.kind} ${c.path}`).join('; ')}`
        : `compatible (${mode}) with ${name}@${other} pinned by ${partners.join(', ')}`,
    );
  }
  return { ref, deployable, reasons };
}
