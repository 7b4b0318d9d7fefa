import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { type PartnerSettings, type PartnersConfig, partnersConfigPath, resolvePin } from '../partner-config.js';
import type { ContractRegistry } from '../registry.js';
import { describeChange, diffPins, loadPinSnapshot, type PinChange, type PinSnapshot } from './pin-snapshot.js';

/** Where effective pin changes go (the gateway writes them to the ledger's audit_log). */
export type PinAuditSink = (changes: readonly PinChange[], snapshot: PinSnapshot) => Promise<unknown> | void;

/** The logging a store needs (pino-compatible). */
export interface PinLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type ReloadResult =
  | { readonly ok: true; readonly changes: readonly PinChange[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface PinStoreOptions {
  readonly registry: ContractRegistry;
  /** Default: partnersConfigPath() (CP_BRIDGE_PARTNERS or config/partners.json). */
  readonly path?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly audit?: PinAuditSink;
  readonly log?: PinLog;
  /** Watch the file and reload on change (default true). */
  readonly watch?: boolean;
  /** Quiet period after the last file event before reloading (editors write in bursts). */
  readonly debounceMs?: number;
}

const silent: PinLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The partner pins a running process uses, kept current without a restart. `open` validates the
 * file and throws the startup message when a pin names a missing version. After that, every
 * reload (file change, debounced, or an explicit `reload()`) is validated the same way: an invalid
 * file is refused with one clear log line and the previous pins stay in force; a valid one
 * replaces them and each effective change (old → new per partner, route and shadow) goes to the
 * audit sink. Implements PartnersConfig, so code that reads `partners` always sees the current
 * pins. Only pins (contract, routes, shadow) take effect live; transport settings (url,
 * concurrency, limits) are read at start by the worker.
 */
export class PinStore implements PartnersConfig {
  #current: PinSnapshot;
  #watcher?: FSWatcher;
  #timer?: NodeJS.Timeout;
  #chain: Promise<unknown> = Promise.resolve();
  readonly #listeners: PinAuditSink[] = [];

  private constructor(
    initial: PinSnapshot,
    private readonly opts: PinStoreOptions & { readonly path: string },
  ) {
    this.#current = initial;
    if (opts.audit) this.#listeners.push(opts.audit);
  }

  /** Read, validate (throws CONFIG.PIN_MISSING_VERSION / CONFIG.PARTNERS_UNREADABLE) and start watching. */
  static open(opts: PinStoreOptions): PinStore {
    const path = opts.path ?? partnersConfigPath(opts.env);
    const store = new PinStore(loadPinSnapshot(path, opts.registry, opts.env), { ...opts, path });
    if (opts.watch ?? true) store.#watch();
    return store;
  }

  get path(): string {
    return this.opts.path;
  }

  /** The contract versions the pins are checked against (the gateway maps amendments with them). */
  get registry(): ContractRegistry {
    return this.opts.registry;
  }

  get partners(): ReadonlyMap<string, PartnerSettings> {
    return this.#current.config.partners;
  }

  get snapshot(): PinSnapshot {
    return this.#current;
  }

  /** The contract version for a partner (and routing key) at a time, from the current pins. */
  resolve(partner: string, routingKey: string | undefined, at: Date): string {
    return resolvePin(this.#current.config, partner, routingKey, at);
  }

  /** The partner's shadow version, if it has one now. */
  shadowFor(partner: string): string | undefined {
    return this.#current.shadows.get(partner);
  }

  /** Another sink for effective changes (e.g. the ledger's audit log, once it is open). */
  onChange(listener: PinAuditSink): void {
    this.#listeners.push(listener);
  }

  /** Re-read the file now. Reloads run one at a time; the result says what changed or why it was refused. */
  reload(reason = 'explicit'): Promise<ReloadResult> {
    const next = this.#chain.then(() => this.#reloadNow(reason));
    this.#chain = next.catch(() => undefined);
    return next;
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
  }

  async #reloadNow(reason: string): Promise<ReloadResult> {
    const log = this.opts.log ?? silent;
    let next: PinSnapshot;
    try {
      next = loadPinSnapshot(this.opts.path, this.opts.registry, this.opts.env);
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'CONFIG.PARTNERS_UNREADABLE';
      const message = (e as Error).message;
      log.error({ code: 'PINS.RELOAD_REFUSED', cause: code, file: this.opts.path, reason }, `pin reload refused, previous pins stay in force: ${message}`);
      return { ok: false, code, message };
    }
    const changes = diffPins(this.#current, next);
    this.#current = next;
    if (changes.length) {
      log.info({ code: 'PINS.CHANGED', file: this.opts.path, reason, changes }, `pins changed: ${changes.map(describeChange).join('; ')}`);
      for (const sink of this.#listeners) {
        try {
          await sink(changes, next);
        } catch (e) {
          log.error({ code: 'PINS.AUDIT_FAILED', err: (e as Error).message }, 'pin change applied but not audited');
        }
      }
    }
    return { ok: true, changes };
  }

  #watch(): void {
    // Watch the folder, not the file: editors and atomic writers replace the file (rename), which a file watch misses.
    const file = basename(this.opts.path);
    try {
      this.#watcher = watch(dirname(this.opts.path), { persistent: false }, (_event, name) => {
        if (name !== null && name !== file) return;
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => void this.reload('file-change'), this.opts.debounceMs ?? 250);
        this.#timer.unref();
      });
      this.#watcher.on('error', (e) => (this.opts.log ?? silent).warn({ code: 'PINS.WATCH_FAILED', err: e.message }, 'pin file watch stopped; reload explicitly'));
    } catch (e) {
      (this.opts.log ?? silent).warn({ code: 'PINS.WATCH_FAILED', err: (e as Error).message }, 'cannot watch the pin file; reload explicitly');
    }
  }
}
