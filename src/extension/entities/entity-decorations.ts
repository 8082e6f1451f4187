import * as vscode from 'vscode';

/** An entity placed in a document, with what found it. */
export interface DocumentEntity {
  start: number;
  end: number;
  type: string;
  confidence: number;
}

// Chart colours follow the theme (light, dark, high contrast); types beyond the palette reuse it in order.
const PALETTE = ['charts.blue', 'charts.orange', 'charts.green', 'charts.purple', 'charts.red', 'charts.yellow'];

/**
 * Entities drawn in the editor: each span underlined in its type's colour with the type after it, and a hover
 * with confidence, strategy and encoder. One decoration type per entity type (created on first use); drawing
 * again replaces the document's previous entities, and editing the document clears them (they would drift).
 */
export class EntityDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly decorated = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0 && this.decorated.has(event.document.uri.toString())) this.clear(event.document);
    });
  }

  show(editor: vscode.TextEditor, entities: readonly DocumentEntity[], source: { strategy: string; encoder: string }): void {
    const byType = new Map<string, vscode.DecorationOptions[]>();
    for (const entity of entities) {
      const range = new vscode.Range(editor.document.positionAt(entity.start), editor.document.positionAt(entity.end));
      const hoverMessage = new vscode.MarkdownString(
        `**${entity.type}** · confidence ${entity.confidence.toFixed(2)} · ${source.strategy} · ${source.encoder}`,
      );
      const list = byType.get(entity.type) ?? [];
      list.push({ range, hoverMessage });
      byType.set(entity.type, list);
    }
    for (const type of byType.keys()) this.decorationFor(type);
    for (const [type, decoration] of this.types) editor.setDecorations(decoration, byType.get(type) ?? []);
    this.decorated.add(editor.document.uri.toString());
  }

  clear(document: vscode.TextDocument): void {
    this.decorated.delete(document.uri.toString());
    for (const editor of vscode.window.visibleTextEditors.filter((e) => e.document === document)) {
      for (const decoration of this.types.values()) editor.setDecorations(decoration, []);
    }
  }

  private decorationFor(type: string): vscode.TextEditorDecorationType {
    let decoration = this.types.get(type);
    if (!decoration) {
      const color = new vscode.ThemeColor(PALETTE[this.types.size % PALETTE.length]);
      decoration = vscode.window.createTextEditorDecorationType({
        borderStyle: 'none none solid none',
        borderWidth: '2px',
        borderColor: color,
        after: { contentText: type, color, fontStyle: 'italic', margin: '0 0 0 0.2em' },
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.types.set(type, decoration);
    }
    return decoration;
  }

  dispose(): void {
    this.subscription.dispose();
    this.types.forEach((decoration) => decoration.dispose());
  }
}
