import type { CliIo } from './command';

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Carriage return + "erase line": the status line is redrawn in place. */
const CLEAR_LINE = '\r\x1b[2K';

/** The real terminal: stdout for results, stderr for everything else, Ctrl-C as cancellation. */
export function processIo(): CliIo {
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  // A reader that stops early (`| head`) closes the pipe: that ends the output, it is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  const interactive = process.stderr.isTTY === true;
  let statusShown = false;
  // Any other output first erases the status line, so a note never lands in the middle of a progress bar.
  const clearStatus = () => {
    if (!statusShown) return;
    process.stderr.write(CLEAR_LINE);
    statusShown = false;
  };
  const io: CliIo = {
    write: (text) =>
      new Promise((resolve, reject) => {
        clearStatus();
        process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
      }),
    note: (text) => {
      clearStatus();
      process.stderr.write(`${text}\n`);
    },
    progress: (text) => {
      if (!interactive) return;
      clearStatus();
      process.stderr.write(`${text}\n`);
    },
    readStdin: () => readAll(process.stdin),
    signal: interrupt.signal,
  };
  if (interactive) {
    io.status = (text) => {
      // A line longer than the terminal would wrap, and "\r" would then redraw only its last part.
      const width = Math.max(10, (process.stderr.columns || 80) - 1);
      process.stderr.write(CLEAR_LINE + (text.length > width ? `${text.slice(0, width - 1)}…` : text));
      statusShown = text !== '';
    };
  }
  return io;
}
