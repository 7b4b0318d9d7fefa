// Mapping cost per contract version, in this process (one core): parse + map + serialize + XSD
// (or JSON schema) validation + envelope, and the share each step takes.
import { ContractRegistry } from '../dist/libs/contracts-kit/src/registry.js';
import { loadPartnersConfig } from '../dist/libs/contracts-kit/src/partner-config.js';
import { readHearingResulted } from '../dist/libs/domain/src/readers/hearing-resulted.reader.js';
import { deriveObligations } from '../dist/libs/domain/src/routing/derive-obligations.js';
import { loadSamples, variant } from '../dist/apps/cli/src/sample-traffic/sample-traffic.js';

export async function mapping({ seconds = 2 } = {}) {
  const registry = await ContractRegistry.discover();
  const partners = loadPartnersConfig();
  const subjects = new Map();
  for (const { body } of loadSamples()) {
    const raw = JSON.stringify(variant(body, 7));
    const event = readHearingResulted(JSON.parse(raw));
    if (!event.ok) continue;
    for (const o of deriveObligations({ event: event.value, receivedAt: new Date() }).obligations) {
      const refs = new Set([partners.partners.get(o.partner)?.contract, ...(partners.partners.get(o.partner)?.routes ?? []).map((r) => r.contract)].filter(Boolean));
      const c = event.value.hearing.prosecutionCases.find((x) => x.id === o.caseId);
      const d = c.defendants.find((x) => x.id === o.defendantId);
      for (const ref of refs) if (!subjects.has(ref) && registry.has(ref)) subjects.set(ref, { raw, subject: { hearing: event.value.hearing, prosecutionCase: c, defendant: d, sharedTime: event.value.sharedTime } });
    }
  }
  const contextOf = (adapter) => ({ notificationId: 'bench', messageId: 'bench', now: new Date().toISOString(), settings: partners.partners.get(adapter.name === 'police-results' ? 'police' : '')?.settings ?? {} });
  // Untimed warm-up over every contract in turn, so the first one measured is not charged the
  // JIT's start (the quick run's police v1 read half of v2 without it).
  const warm = performance.now() + Math.min(2, Math.max(1, seconds)) * 1000;
  while (performance.now() < warm) {
    for (const [ref, { subject }] of subjects) {
      const adapter = registry.get(ref);
      const ctx = contextOf(adapter);
      const m = adapter.map(subject, ctx);
      if (!m.ok) continue; // the timed loop below says which contract and why
      const doc = adapter.serialize(m.wire, ctx);
      adapter.validate(doc);
      adapter.envelope(doc, ctx);
    }
  }
  const out = {};
  for (const [ref, { raw, subject }] of subjects) {
    const adapter = registry.get(ref);
    const ctx = contextOf(adapter);
    const t = { parse: 0, map: 0, serialize: 0, validate: 0, envelope: 0 };
    let n = 0;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      let a = performance.now();
      JSON.parse(raw);
      let b = performance.now(); t.parse += b - a; a = b;
      const m = adapter.map(subject, ctx);
      b = performance.now(); t.map += b - a; a = b;
      if (!m.ok) throw new Error(`${ref} cannot map its bench subject: ${m.problems[0]?.code}`);
      const doc = adapter.serialize(m.wire, ctx);
      b = performance.now(); t.serialize += b - a; a = b;
      const problems = adapter.validate(doc);
      b = performance.now(); t.validate += b - a; a = b;
      adapter.envelope(doc, ctx);
      b = performance.now(); t.envelope += b - a;
      if (problems.length) throw new Error(`${ref} bench document invalid: ${problems[0].code}`);
      n++;
    }
    const total = Object.values(t).reduce((x, y) => x + y, 0);
    out[ref] = { perSecPerCore: Math.round(n / (total / 1000)), share: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round((v / total) * 100)])) };
  }
  return out;
}
