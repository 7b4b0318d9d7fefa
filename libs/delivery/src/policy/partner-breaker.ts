import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, IsolatedCircuitError, circuitBreaker, handleWhen } from 'cockatiel';
import type { DeliveryOutcome, PartnerTransport } from '../outcome.js';

/** A transport failure, thrown inside the breaker so that it counts; never leaves this module. */
class TransportFailure extends Error {
  constructor(readonly outcome: DeliveryOutcome) {
    super(outcome.kind === 'success' ? 'success' : outcome.code);
  }
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerSettings {
  /** Consecutive transport failures that open the circuit. */
  readonly failuresToOpen: number;
  /** How long the circuit stays open before one probe is let through (half-open). */
  readonly halfOpenAfterMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = { failuresToOpen: 10, halfOpenAfterMs: 5_000 };

/** The answer when the circuit refuses a call: the caller pauses this partner's queue. */
export type GuardedOutcome = DeliveryOutcome | { readonly kind: 'circuit-open'; readonly retryAfterMs: number };

/**
 * One circuit breaker per partner (cockatiel). Only transport failures count: a business
 * rejection is the partner working correctly. While open, calls are refused at once so the
 * worker can pause just this partner's queue; half-open lets one probe through.
 */
export class PartnerBreaker {
  private readonly policy;
  private readonly listeners: ((s: BreakerState) => void)[] = [];
  private openedAt = 0;

  constructor(
    readonly partner: string,
    private readonly settings: BreakerSettings = DEFAULT_BREAKER,
  ) {
    this.policy = circuitBreaker(handleWhen((e) => e instanceof TransportFailure), {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.failuresToOpen),
    });
    this.policy.onStateChange((s) => {
      if (s === CircuitState.Open) this.openedAt = Date.now();
      this.listeners.forEach((l) => l(PartnerBreaker.name(s)));
    });
  }

  private static name(s: CircuitState): BreakerState {
    return s === CircuitState.Closed ? 'closed' : s === CircuitState.HalfOpen ? 'half-open' : 'open';
  }

  /** How long a refused caller should wait before the next probe. */
  get retryAfterMs(): number {
    return this.settings.halfOpenAfterMs;
  }

  /**
   * Open and not yet due for a probe: callers should not even start an attempt. Once the
   * half-open time has passed the next call goes through and becomes the probe.
   */
  get refusing(): boolean {
    return this.policy.state === CircuitState.Open && Date.now() - this.openedAt < this.settings.halfOpenAfterMs;
  }

  get state(): BreakerState {
    return PartnerBreaker.name(this.policy.state);
  }

  onChange(listener: (s: BreakerState) => void): void {
    this.listeners.push(listener);
  }

  async send(transport: PartnerTransport, message: Parameters<PartnerTransport['send']>[0]): Promise<GuardedOutcome> {
    try {
      return await this.policy.execute(async () => {
        const outcome = await transport.send(message);
        if (outcome.kind === 'transport') throw new TransportFailure(outcome);
        return outcome;
      });
    } catch (e) {
      if (e instanceof TransportFailure) return e.outcome;
      if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) return { kind: 'circuit-open', retryAfterMs: this.settings.halfOpenAfterMs };
      throw e;
    }
  }
}
