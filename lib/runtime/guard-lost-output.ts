/**
 * Makes a lost stdout or stderr harmless. When whoever reads the server's output goes away (a closed terminal, a
 * pipe whose reader died), every write fails with EPIPE; unhandled, that error is thrown, logged — to the same
 * broken stream — and thrown again, and the process spins at 100 % CPU and stops answering signals. Here, the first
 * write error on a stream turns its writes into no-ops: the server keeps serving, silently, and stays stoppable.
 */
export function guardLostOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if ((stream as { omoiGuarded?: boolean }).omoiGuarded) continue;
    Object.assign(stream, { omoiGuarded: true });
    stream.on("error", () => {
      // No writing about it: there is nowhere left to write to.
      stream.write = ((_chunk: unknown, encoding?: unknown, callback?: unknown) => {
        const done = typeof encoding === "function" ? encoding : callback;
        if (typeof done === "function") queueMicrotask(() => (done as () => void)());
        return true;
      }) as typeof stream.write;
    });
  }
}
