import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ModelConfig } from '../src/core/encoders/model/config';
import { DEPTH_EMBEDDING_SIZE } from '../src/core/heads/fusion/dwatt';
import { matchedMlpWidth } from '../src/core/heads/fusion/last-mlp';
import { PYTHON } from './pytorch';

const SCRIPT = path.join(__dirname, 'peers', 'torch_forward.py');
/** A bert-base forward at 256 tokens takes about a second on a loaded machine; far more means it hangs. */
const REPLY_TIMEOUT_MS = 120_000;

/** What torch_forward.py builds: the encoder's shape (from its config.json) and the heads' sizes. */
interface PeerConfig {
  arch: 'bert' | 'gpt2';
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  vocab: number;
  positions: number;
  threads: number;
  sentimentLabels: number;
  nerLabels: number;
  mlpWidth: number;
  depthSize: number;
}

function firstNumber(config: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) {
    const value = config[key];
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/** The peer's configuration for a model folder: the same encoder shape, the heads' sizes as the product's. */
export function peerConfig(modelDir: string, config: ModelConfig, threads: number, labels: { sentiment: number; ner: number }): PeerConfig {
  const json = JSON.parse(readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const { layers, hiddenSize: hidden } = config;
  const heads = firstNumber(json, ['num_attention_heads', 'n_head']);
  const vocab = firstNumber(json, ['vocab_size']);
  if (heads === undefined || vocab === undefined) throw new Error(`${modelDir}/config.json: no attention head count or vocabulary size for the PyTorch peer`);
  return {
    arch: config.family === 'gpt2' ? 'gpt2' : 'bert',
    layers,
    hidden,
    heads,
    intermediate: firstNumber(json, ['intermediate_size', 'n_inner']) ?? 4 * hidden,
    vocab,
    positions: config.maxPositions,
    threads,
    sentimentLabels: labels.sentiment,
    nerLabels: labels.ner,
    mlpWidth: matchedMlpWidth({ hiddenSize: hidden, numLayers: layers + 1 }),
    depthSize: DEPTH_EMBEDDING_SIZE,
  };
}

/**
 * PyTorch doing compare's work (bench/peers/torch_forward.py) in a child that stays up for the whole section:
 * each call times one text of `tokens` tokens with `words` words inside the child (no round trip in the time),
 * so its calls can be interleaved with ours round by round.
 */
export class TorchForward {
  private pending = '';
  private waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  private stderr = '';
  private ended: Error | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.pending += chunk.toString();
      let newline: number;
      while ((newline = this.pending.indexOf('\n')) >= 0) {
        const line = this.pending.slice(0, newline);
        this.pending = this.pending.slice(newline + 1);
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.resolve(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    const end = (error: Error) => {
      this.ended ??= error;
      this.waiting?.reject(this.ended);
      this.waiting = undefined;
    };
    child.on('error', end);
    child.on('close', (code, signal) => end(new Error(`${SCRIPT} ended with ${signal ?? `code ${code}`}: ${this.stderr.trim().slice(-2000)}`)));
  }

  /** Starts the child and waits until its model is built. */
  static async start(config: PeerConfig): Promise<TorchForward> {
    const peer = new TorchForward(spawn(PYTHON, [SCRIPT, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'pipe'] }));
    try {
      const ready = await peer.nextLine();
      if (!ready.startsWith('ready ')) throw new Error(`${SCRIPT} said "${ready}" instead of ready`);
      return peer;
    } catch (error) {
      peer.close();
      throw error;
    }
  }

  /** Milliseconds of one forward of the encoder and the ten heads, measured by the child. */
  async time(tokens: number, words: number): Promise<number> {
    this.child.stdin.write(`${tokens} ${words}\n`);
    const ms = Number(await this.nextLine());
    if (!Number.isFinite(ms)) throw new Error(`${SCRIPT} answered something other than milliseconds`);
    return ms;
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }

  private nextLine(): Promise<string> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${SCRIPT} did not answer within ${REPLY_TIMEOUT_MS / 1000} s: ${this.stderr.trim().slice(-2000)}`)), REPLY_TIMEOUT_MS);
      this.waiting = {
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }
}
