/** The caller's signal and the wall-clock limit as one signal; a signal that never aborts when there is neither. */
export function combineSignals(signal: AbortSignal | undefined, timeoutMs: number | undefined): AbortSignal {
  const signals = [signal, timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)].filter(
    (candidate): candidate is AbortSignal => candidate !== undefined,
  );
  return signals.length > 0 ? AbortSignal.any(signals) : new AbortController().signal;
}
