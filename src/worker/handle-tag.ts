import { throwIfCancelled } from '../core/errors';
import { probeWithEncoder } from '../core/compare';
import type { EntitySpan, WordTag } from '../core/result';
import type { RequestContext } from './context';
import { encoderLabel } from '../core/encoder-label';
import type { TagRequest, TagResponse } from '../protocol/worker';

/**
 * NER of each text with one encoder's probe of one fusion strategy. No probe is an answer, not an error: the
 * hover stays silent and Show Entities offers to train.
 */
export async function handleTag(request: TagRequest, context: RequestContext): Promise<TagResponse> {
  const { runtime, signal } = context;
  const label = encoderLabel(request.encoder.name);
  const report = (message: string) => context.progress({ message });
  const { encoder } = await context.encoders.get(request.encoder, runtime, report, signal);
  const probe = context.probes
    .get(runtime.probesRoot, encoder.identity)
    .probes.find((p) => p.config.task === 'ner' && p.config.strategy === request.strategy);
  const response: TagResponse = { encoder: encoder.identity.name, strategy: request.strategy, available: false, words: [], spans: [] };
  if (!probe) return { ...response, reason: `No ${request.strategy} NER probe is trained for ${label} yet.` };

  const words: WordTag[][] = [];
  const spans: EntitySpan[][] = [];
  for (const [index, text] of request.texts.entries()) {
    throwIfCancelled(signal);
    if (request.texts.length > 1) context.progress({ message: `Tagging with ${label}`, fraction: index / request.texts.length });
    if (text.trim() === '') {
      words.push([]);
      spans.push([]);
      continue;
    }
    const { ner } = await probeWithEncoder(text, { encoder, probes: [probe] }, { pooling: [], fusion: [request.strategy], signal });
    words.push(ner[0]?.words ?? []);
    spans.push(ner[0]?.spans ?? []);
  }
  return { ...response, available: true, words, spans };
}
