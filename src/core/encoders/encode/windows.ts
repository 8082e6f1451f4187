/**
 * Long texts are cut into overlapping windows of content tokens; each token takes its vectors from the window
 * where it sees the most context.
 *
 * - Causal models (GPT-2) only look left, so a token's context in a window is the number of tokens before it
 *   in that window, or the whole prefix when the window starts at the text's start: the earliest window that
 *   contains the token wins.
 * - Bidirectional models look both ways; a window edge that is the text's own start or end cuts nothing.
 *   A token's context is the smaller of its left and right context (the side a window edge truncates most);
 *   the window maximising it wins, the earlier one on ties.
 */

/** Content tokens [start, end) of the text. */
export interface Window {
  start: number;
  end: number;
}

export interface WindowPlan {
  windows: Window[];
  /** owner[i]: index of the window token i takes its vectors from. */
  owner: Int32Array;
}

/** Half of each window overlaps the next one: every token keeps at least a quarter window of context per side. */
export function windowStride(capacity: number): number {
  return Math.max(1, capacity - Math.floor(capacity / 2));
}

/** Windows of at most `capacity` tokens covering [0, count); the last one ends at the text's end. */
export function planWindowSpans(count: number, capacity: number): Window[] {
  if (capacity < 1) throw new RangeError(`window capacity ${capacity} < 1`);
  if (count <= capacity) return [{ start: 0, end: count }];
  const stride = windowStride(capacity);
  const windows: Window[] = [];
  for (let start = 0; start + capacity < count; start += stride) windows.push({ start, end: start + capacity });
  windows.push({ start: count - capacity, end: count });
  return windows;
}

/** How much context token i has in window w (Infinity when no edge of w truncates that side). */
export function contextIn(i: number, w: Window, count: number, causal: boolean): number {
  const left = w.start === 0 ? Infinity : i - w.start;
  if (causal) return left;
  const right = w.end === count ? Infinity : w.end - 1 - i;
  return Math.min(left, right);
}

export function planWindows(count: number, capacity: number, causal: boolean): WindowPlan {
  const windows = planWindowSpans(count, capacity);
  const owner = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let best = -1;
    let bestContext = -1;
    windows.forEach((w, index) => {
      if (i < w.start || i >= w.end) return;
      const context = contextIn(i, w, count, causal);
      if (context > bestContext) {
        best = index;
        bestContext = context;
      }
    });
    owner[i] = best;
  }
  return { windows, owner };
}
