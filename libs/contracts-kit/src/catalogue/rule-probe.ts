import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContractVersion } from '../compat/contract-version.js';
import { traceProcess } from './process-trace.js';

/**
 * Finds the rule objects a contract version is built from ({ id, purpose, apply | check } exported
 * by any module of its folder) and wraps their function so that each call that produces something
 * is traced. The contract's code is untouched: the adapter calls `rule.apply(...)` through the
 * object, so the wrapper sees every use. Wrapped once per object (module instances are shared).
 */
const RULE_FUNCTIONS = ['apply', 'check'] as const;
const WRAPPED = Symbol.for('cp-bridge.rule-probe.wrapped');

type RuleObject = { id: string; purpose: string; [k: string]: unknown };

function isRule(v: unknown): v is RuleObject {
  return v !== null && typeof v === 'object' && typeof (v as RuleObject).id === 'string' && typeof (v as RuleObject).purpose === 'string';
}

/** A call "produced something" unless it returned nothing, an empty string or an empty list. */
function produced(out: unknown): boolean {
  if (out === undefined || out === null || out === '') return false;
  return !(Array.isArray(out) && out.length === 0);
}

function modulesOf(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (!['fixtures', 'schema', 'node_modules'].includes(entry)) out.push(...modulesOf(path, ext));
    } else if (entry.endsWith(ext) && !entry.includes('.spec.') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Wraps the version's rule objects; returns the process ids that can be measured. */
export async function probeRules(cv: ContractVersion): Promise<Set<string>> {
  const measurable = new Set<string>();
  if (!existsSync(cv.dir)) return measurable;
  for (const file of modulesOf(cv.dir, cv.ext)) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      const candidates = Array.isArray(value) ? value : [value];
      for (const rule of candidates) {
        if (!isRule(rule)) continue;
        for (const fn of RULE_FUNCTIONS) {
          const original = rule[fn];
          if (typeof original !== 'function') continue;
          measurable.add(rule.id);
          if ((original as { [WRAPPED]?: boolean })[WRAPPED] || Object.isFrozen(rule)) continue;
          const id = rule.id;
          // A check (validation rule) acts whenever it runs; a mapping rule when it yields output.
          const wrapped = function (this: unknown, ...args: unknown[]) {
            const out = (original as (...a: unknown[]) => unknown).apply(this, args);
            if (fn === 'check' || produced(out)) traceProcess(id);
            return out;
          };
          (wrapped as unknown as { [WRAPPED]: boolean })[WRAPPED] = true;
          rule[fn] = wrapped;
        }
      }
    }
  }
  return measurable;
}
