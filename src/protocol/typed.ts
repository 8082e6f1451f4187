/**
 * The shape every Probe Lens protocol shares (Continue's `core/protocol` is the model): a map from each
 * message type to `[what is sent, what comes back]`. A notification, to which nothing comes back, has `void`
 * as its answer. Messages travel with their type under a tag (`type`, or `kind` for worker requests) beside
 * the request's fields; a protocol's guards check what arrives from another process before it is trusted.
 */
export type Protocol = Record<string, [request: object, response: unknown]>;

/** The messages of protocol P as they travel: each type under `Tag`, beside that type's request fields. */
export type MessageOf<P extends Protocol, Tag extends string = 'type'> = {
  [K in keyof P & string]: { [T in Tag]: K } & P[K][0];
}[keyof P & string];

/** What comes back for a message of type K. */
export type ResponseOf<P extends Protocol, K extends keyof P> = P[K][1];

/** A request with nothing in it but its type. */
export type NoFields = Record<never, never>;

/** One check per message type, of the fields beside the tag: the compiler asks for a guard for every type. */
export type FieldGuards<P extends Protocol> = { readonly [K in keyof P]: (fields: Readonly<Record<string, unknown>>) => boolean };

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A guard for the messages of P (tagged `type`) built from one field check per type. */
export function messageGuard<P extends Protocol>(guards: FieldGuards<P>): (value: unknown) => value is MessageOf<P> {
  return (value: unknown): value is MessageOf<P> =>
    isRecord(value) && typeof value.type === 'string' && Object.hasOwn(guards, value.type) && guards[value.type](value);
}
