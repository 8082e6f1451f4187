import type { RequestContext } from './context';

/**
 * Forgets the loaded encoders and probes (settings changed, caches cleared): the next request loads afresh.
 * Encoders still used by requests running now are freed once those end.
 */
export async function handleReset(_request: object, context: RequestContext): Promise<null> {
  context.probes.invalidate();
  await context.encoders.reset(context.othersSettled());
  return null;
}
