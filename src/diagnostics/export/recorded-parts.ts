/**
 * What both exports read from a stored call the same way: whether the recorder cut a body (and
 * what is left of it), and a header by name whatever its recorded case.
 */

/** What the recorder appends to a body beyond its size bound (recording-transport.ts `bounded`). */
const CUT_BY_RECORDER = /…\[cut: (\d+) more characters\]$/;

export interface RecordedBody {
  /** The body as it was sent, as far as it was kept (the recorder's note taken off). */
  readonly kept: string;
  /** How many characters the recorder left out; absent when the body is whole. */
  readonly cutCharacters?: number;
}

export function recordedBody(body: string): RecordedBody {
  const cut = CUT_BY_RECORDER.exec(body);
  if (!cut) return { kept: body };
  return { kept: body.slice(0, cut.index), cutCharacters: Number(cut[1]) };
}

export const isHeader = (name: string, wanted: string): boolean => name.toLowerCase() === wanted;

/** The first header of that (lower-case) name, in any case. */
export function headerValue(
  headers: Readonly<Record<string, string>> | undefined,
  wanted: string,
): string | undefined {
  if (!headers) return undefined;
  const found = Object.entries(headers).find(([name]) => isHeader(name, wanted));
  return found?.[1];
}
