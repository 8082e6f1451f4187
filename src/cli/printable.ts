import type { CliIo } from './command';

/**
 * Characters a terminal acts on instead of showing: C0 controls but tab and newline (ESC starts escape
 * sequences, BEL rings, CR and BS overwrite; a CR right before a newline, CSV's line end, overwrites nothing), DEL, C1 controls (U+009B is a one-character CSI on some
 * terminals) and the bidirectional overrides and isolates that reorder what is shown ("Trojan source").
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/**
 * `text` with every such character written as its \uXXXX escape: the user sees what was there, the terminal
 * runs nothing. The escape is also JSON's, so JSON output stays valid and means the same.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same terminal, with everything written to it made printable, whatever the input held. */
export function printableIo(io: CliIo): CliIo {
  const safe: CliIo = {
    write: (text) => io.write(printable(text)),
    note: (text) => io.note(printable(text)),
    progress: (text) => io.progress(printable(text)),
    readStdin: () => io.readStdin(),
    signal: io.signal,
  };
  const { status } = io;
  if (status) safe.status = (text) => status.call(io, printable(text));
  return safe;
}
