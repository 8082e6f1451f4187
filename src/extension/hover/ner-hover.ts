import * as vscode from 'vscode';
import type { WordTag } from '../../core/result';
import { encoderLabel } from '../../core/encoder-label';
import type { TagResponse } from '../../protocol/worker';
import type { ProbeLensHost } from '../host';
import { encoderSpecs } from '../runtime';
import { chunkText } from '../text/chunks';

// Hovers follow the mouse: wait this long before asking the worker, so sweeping across lines asks nothing.
const DEBOUNCE_MS = 120;
// A hover that takes longer (the first one loads the encoder) shows in the status bar.
const STATUS_AFTER_MS = 400;

/**
 * The NER hover: the entity tag of the word under the mouse, with its confidence, the fusion strategy and the
 * encoder. The worker tags the whole line once (cached by line text, encoder and strategy); the hover never
 * blocks typing (it is async, debounced and respects cancellation). Silent when hovering is off, the
 * language is not in probeLens.hover.languages, no NER probe of the strategy exists, or the word is no entity.
 */
export class NerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly host: ProbeLensHost) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const settings = this.host.settings.read();
    const { enabled, languages, strategy } = settings.hover;
    if (!enabled || !(languages.includes('*') || languages.includes(document.languageId))) return undefined;
    if (!document.getWordRangeAtPosition(position)) return undefined;
    if (!(await this.host.nerProbes.has(strategy))) return undefined;
    if (!(await delay(DEBOUNCE_MS, token))) return undefined;

    const line = document.lineAt(position.line).text;
    // A line longer than the comparison limit is tagged piece by piece; the piece under the mouse suffices.
    const piece = chunkText(line, settings.maxCharacters).find((c) => position.character < c.offset + c.text.length);
    if (!piece) return undefined;
    const [encoder] = encoderSpecs(settings, this.host.workspaceRoot());
    const key = JSON.stringify([encoder.name, encoder.dtype, strategy, piece.text]);
    const activity = this.host.status.start(`tagging line ${position.line + 1}`, STATUS_AFTER_MS);
    let response: TagResponse;
    try {
      // Not cancelled with the hover: the answer is cached and serves the next hover on this line.
      response = await this.host.hoverTags.get(key, () => this.host.worker.request({ kind: 'tag', texts: [piece.text], encoder, strategy }));
    } catch (error) {
      this.host.log.error(`hover: ${(error as Error).message}`);
      return undefined;
    } finally {
      activity.end();
    }
    if (token.isCancellationRequested || !response.available) return undefined;
    const word = wordAt(response.words[0] ?? [], position.character - piece.offset);
    if (!word || word.tag === 'O') return undefined;
    const range = new vscode.Range(position.line, piece.offset + word.start, position.line, piece.offset + word.end);
    const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
    const markdown = new vscode.MarkdownString(
      `**${word.tag}** · confidence ${word.confidence.toFixed(2)}\n\n${code(strategy)} fusion · ${code(encoderLabel(response.encoder))}`,
    );
    return new vscode.Hover(markdown, range);
  }
}

function wordAt(words: readonly WordTag[], character: number): WordTag | undefined {
  return words.find((w) => w.start <= character && character < w.end) ?? words.find((w) => w.end === character);
}

/** Resolves true after `ms`, or false as soon as the token is cancelled. */
function delay(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  if (token.isCancellationRequested) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(!token.isCancellationRequested);
    }, ms);
    const subscription = token.onCancellationRequested(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(false);
    });
  });
}
