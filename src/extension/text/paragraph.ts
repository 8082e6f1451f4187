/**
 * The paragraph around a line: the run of non-blank lines containing it, as [startLine, endLine] inclusive.
 * Undefined when the line itself is blank. `lineText(i)` reads line i of a document of `lineCount` lines.
 */
export function paragraphAround(line: number, lineCount: number, lineText: (i: number) => string): { startLine: number; endLine: number } | undefined {
  const blank = (i: number) => lineText(i).trim() === '';
  if (line < 0 || line >= lineCount || blank(line)) return undefined;
  let startLine = line;
  while (startLine > 0 && !blank(startLine - 1)) startLine--;
  let endLine = line;
  while (endLine < lineCount - 1 && !blank(endLine + 1)) endLine++;
  return { startLine, endLine };
}
