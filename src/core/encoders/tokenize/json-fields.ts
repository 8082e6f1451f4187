import { ProbeLensError } from '../../errors';

export type JsonObject = Record<string, unknown>;

/** Reads fields of a parsed JSON file, failing with a message that names the file and the field. */
export class JsonFields {
  constructor(readonly source: string) {}

  fail(field: string, expected: string): never {
    throw new ProbeLensError(
      `${this.source}: ${field} should be ${expected}. The file is damaged or not in the Hugging Face format; ` +
        'download or export it again.',
      'bad-model',
    );
  }

  unsupported(field: string, value: string, supported: string): never {
    throw new ProbeLensError(
      `${this.source}: ${field} "${value}" is not supported; Probe Lens reads ${supported}.`,
      'bad-model',
    );
  }

  object(value: unknown, field: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, 'an object');
    return value as JsonObject;
  }

  array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) this.fail(field, 'an array');
    return value;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string') this.fail(field, 'a string');
    return value;
  }

  integer(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(field, 'a whole number');
    return value;
  }

  /** An optional boolean: missing or null gives the fallback. */
  flag(value: unknown, field: string, fallback: boolean): boolean {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') this.fail(field, 'true or false');
    return value;
  }

  /** A token -> id object, as `model.vocab` is. */
  vocab(value: unknown, field: string): Map<string, number> {
    const vocab = new Map<string, number>();
    for (const [token, id] of Object.entries(this.object(value, field))) {
      vocab.set(token, this.integer(id, `${field}["${token}"]`));
    }
    if (vocab.size === 0) this.fail(field, 'a non-empty token -> id object');
    return vocab;
  }
}
