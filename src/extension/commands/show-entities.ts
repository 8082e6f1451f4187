import * as vscode from 'vscode';
import { encoderLabel } from '../../core/encoder-label';
import type { DocumentEntity } from '../entities/entity-decorations';
import { failureMessage, reportFailure } from '../failures';
import type { ProbeLensHost } from '../host';
import { encoderSpecs } from '../runtime';
import { chunkText } from '../text/chunks';
import { isCancelledError, WorkerError } from '../worker-client';
import { editorText, textEditorInView } from './editor-text';
import { failed, type Outcome } from './outcome';

// Longer documents are tagged up to this many pieces of the max-characters setting, with a notice.
const MAX_CHUNKS = 20;

export interface EntitiesShown {
  entities: DocumentEntity[];
  encoder: string;
  strategy: string;
  /** Set when only the start of the text was tagged. */
  notice?: string;
}

/**
 * Probe Lens: Show Entities — NER of the selection (or the whole document) with the first configured encoder
 * and the hover's fusion strategy, drawn as decorations in the editor.
 */
export function registerShowEntities(host: ProbeLensHost): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.showEntities', () => showEntities(host));
}

async function showEntities(host: ProbeLensHost): Promise<Outcome<EntitiesShown>> {
  const editor = textEditorInView();
  const target = editorText(editor, 'document');
  if (!editor || 'problem' in target) {
    const problem = 'problem' in target ? target.problem : 'No editor is active.';
    void vscode.window.showWarningMessage(`Probe Lens: ${problem}`);
    return failed('invalid', problem);
  }
  const settings = host.settings.read();
  const [encoder] = encoderSpecs(settings, host.workspaceRoot());
  const strategy = settings.hover.strategy;
  const allChunks = chunkText(target.text, settings.maxCharacters);
  const chunks = allChunks.slice(0, MAX_CHUNKS);
  const tagged = chunks.length === 0 ? 0 : chunks[chunks.length - 1].offset + chunks[chunks.length - 1].text.length;
  const notice =
    chunks.length < allChunks.length
      ? `Only the first ${tagged.toLocaleString('en-US')} of ${target.text.length.toLocaleString('en-US')} characters were tagged ` +
        `(${MAX_CHUNKS} pieces of the max characters setting, ${settings.maxCharacters}).`
      : undefined;
  const version = target.document.version;
  const base = target.document.offsetAt(target.range.start);
  const activity = host.status.start(`tagging entities with ${encoderLabel(encoder.name)}`);
  try {
    const response = await host.entitiesLane.run((signal) =>
      host.worker.request(
        { kind: 'tag', texts: chunks.map((c) => c.text), encoder, strategy },
        { signal, onProgress: ({ message }) => activity.update(message) },
      ),
    );
    if (!response.available) {
      const reason = response.reason ?? 'No NER probe is trained yet.';
      void host.training.offer(['ner'], reason).then(async (accepted) => {
        if (accepted && (await host.training.train(['ner'])).ok) await vscode.commands.executeCommand('probeLens.showEntities');
      });
      return failed('no-probes', reason);
    }
    if (target.document.version !== version) {
      const message = 'The document changed while its entities were tagged; run Show Entities again.';
      void vscode.window.showInformationMessage(`Probe Lens: ${message}`);
      return failed('superseded', message);
    }
    const entities = response.spans.flatMap((spans, i) =>
      spans.map(({ start, end, type, confidence }) => ({
        start: base + chunks[i].offset + start,
        end: base + chunks[i].offset + end,
        type,
        confidence,
      })),
    );
    const shownEncoder = encoderLabel(response.encoder);
    host.entities.show(editor, entities, { strategy, encoder: shownEncoder });
    const summary = `${entities.length} entit${entities.length === 1 ? 'y' : 'ies'} (${strategy}, ${shownEncoder})`;
    vscode.window.setStatusBarMessage(`Probe Lens: ${summary}`, 5000);
    if (notice) void vscode.window.showInformationMessage(`Probe Lens: ${notice}`);
    return { ok: true, value: { entities, encoder: response.encoder, strategy, ...(notice ? { notice } : {}) } };
  } catch (error) {
    if (isCancelledError(error)) return failed('superseded', 'A newer Show Entities replaced this one.');
    reportFailure(error, host.log, 'show entities');
    return failed('failed', failureMessage(error), error instanceof WorkerError ? error.code : undefined);
  } finally {
    activity.end();
  }
}
