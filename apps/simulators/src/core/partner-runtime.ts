import type { Logger } from 'pino';
import type { Faults } from './faults.js';
import { pickFaultAction } from './faults.js';
import { MessageRecorder } from './message-recorder.js';
import type { SimReply, SimRequest, SimulatedPartner } from './simulated-partner.js';

/** What the HTTP layer must do with a request. */
export type SimAction = { readonly type: 'reply'; readonly reply: SimReply } | { readonly type: 'reset' } | { readonly type: 'hang' };

const STATUS_TEXT: Readonly<Record<number, string>> = { 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };

const HTML = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy received an invalid response.</p></body></html>';

/**
 * One partner at run time: its definition plus recording, deduplication and faults. The HTTP layer
 * only executes the returned action, so this logic is the same whichever server hosts it.
 */
export class PartnerRuntime {
  readonly recorder: MessageRecorder;
  private faults: Faults;

  constructor(
    readonly partner: SimulatedPartner,
    capacity: number,
    initialFaults: Faults,
    private readonly log: Logger,
  ) {
    this.recorder = new MessageRecorder(capacity);
    this.faults = initialFaults;
  }

  getFaults(): Faults {
    return this.faults;
  }

  setFaults(f: Faults): void {
    this.faults = f;
    this.log.info({ partner: this.partner.name, faults: f }, 'faults set');
  }

  async handle(req: SimRequest): Promise<SimAction> {
    const f = this.faults;
    if (f.latencyMs) await new Promise((r) => setTimeout(r, f.latencyMs));
    const active = f.errorRate === undefined || Math.random() < f.errorRate;
    // errorRate alone means "fail this share of requests with a 500".
    const action = active ? (pickFaultAction(f) ?? (f.errorRate !== undefined && f.rejectCode === undefined && !f.truncatedReply ? 'status' : undefined)) : undefined;

    if (action && !f.afterProcessing) {
      this.recorder.countFault();
      return this.play(action, f);
    }
    const reply = await this.process(req, active ? f.rejectCode : undefined);
    if (action) {
      this.recorder.countFault();
      return this.play(action, f);
    }
    if (active && f.truncatedReply) {
      this.recorder.countFault();
      return { type: 'reply', reply: { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) } };
    }
    return { type: 'reply', reply };
  }

  private async process(req: SimRequest, rejectCode: number | undefined): Promise<SimReply> {
    const p = this.partner;
    let ins;
    try {
      ins = await p.inspect(req);
    } catch (err) {
      // inspect() must not throw; if it does, answer like a broken server rather than crash.
      this.log.error({ partner: p.name, err: err instanceof Error ? err.message : String(err) }, 'inspect threw');
      return p.serverError(500, 'internal simulator error');
    }
    const { messageId } = ins;
    if (ins.problems.length > 0) {
      this.recorder.record({ messageId, raw: req.raw, valid: false, problems: ins.problems });
      this.log.info({ partner: p.name, messageId, outcome: 'invalid', codes: ins.problems.map((x) => x.code), rejectCode: ins.rejectCode }, 'message refused');
      return p.rejected(ins, ins.rejectCode);
    }
    const seen = this.recorder.acceptedFor(messageId);
    if (seen?.reference !== undefined) {
      this.recorder.recordDuplicate(seen);
      this.log.info({ partner: p.name, messageId, outcome: 'duplicate' }, 'duplicate answered with the original reference');
      return p.accepted(ins, seen.reference, true);
    }
    if (rejectCode !== undefined) {
      this.recorder.record({ messageId, raw: req.raw, valid: true, problems: [], rejectCode });
      this.log.info({ partner: p.name, messageId, outcome: 'rejected', rejectCode }, 'injected business rejection');
      return p.rejected(ins, rejectCode);
    }
    const reference = p.newReference(ins);
    this.recorder.record({ messageId, raw: req.raw, valid: true, problems: [], reference });
    this.log.info({ partner: p.name, messageId, outcome: 'accepted' }, 'message accepted');
    return p.accepted(ins, reference, false);
  }

  private play(action: NonNullable<ReturnType<typeof pickFaultAction>>, f: Faults): SimAction {
    this.log.info({ partner: this.partner.name, fault: action }, 'fault played');
    switch (action) {
      case 'timeout':
        return { type: 'hang' };
      case 'reset':
        return { type: 'reset' };
      case 'soapFault':
        return { type: 'reply', reply: this.partner.serverError(500, 'simulated server fault') };
      case 'status':
        // What a load balancer or gateway in front of the partner sends: plain text, not the partner's format.
        return { type: 'reply', reply: { status: f.status ?? 500, contentType: 'text/plain', body: STATUS_TEXT[f.status ?? 500] ?? 'Error' } };
      case 'htmlReply':
        return { type: 'reply', reply: { status: 200, contentType: 'text/html', body: HTML } };
      case 'emptyReply':
        return { type: 'reply', reply: { status: 200, contentType: this.partner.contentTypes[0] ?? 'text/plain', body: '' } };
    }
  }
}
