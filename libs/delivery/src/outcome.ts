/**
 * The class of every delivery attempt (issue 4, failure classes):
 * - transport: connection, timeout, 5xx, 429, SOAP server fault, unreadable reply → retry with backoff;
 * - contract: mapping or schema problem on our side → park, never retry blindly;
 * - business: the partner understood and said no → park and alert;
 * - success: acknowledged, with the partner's reference.
 */
export type FailureClass = 'transport' | 'contract' | 'business';

export type DeliveryOutcome =
  | { readonly kind: 'success'; readonly ackRef: string; readonly detail?: string }
  | {
      readonly kind: FailureClass;
      /** Stable code, e.g. PARTNER.TIMEOUT, PARTNER.HTTP_503, CJSE.RESPONSE_1310. */
      readonly code: string;
      readonly message: string;
      readonly httpStatus?: number;
    };

/** What every partner transport does: send one rendered message, classify the reply. Never throws. */
export interface PartnerTransport {
  send(message: { readonly payload: string; readonly contentType: string; readonly action?: string; readonly messageId: string }): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}
