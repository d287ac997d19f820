import type { Writable } from 'node:stream';

/**
 * `write(text)` on a streamed download that waits for 'drain' when the client reads slower than we write.
 * One 'drain' listener for the whole export: the compression middleware hands listeners added to the
 * response to its gzip stream but does not take `once` wrappers back, so one per wait piled up there.
 */
export function drainedWriter(out: Writable): (text: string) => Promise<void> {
  let wake: (() => void) | null = null;
  out.on('drain', () => {
    const w = wake;
    wake = null;
    w?.();
  });
  return async (text: string) => {
    if (!out.write(text)) await new Promise<void>((resolve) => (wake = resolve));
  };
}
