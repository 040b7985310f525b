/**
 * A value already serialized as JSON (the fast executor's `data`).
 * @remarks `stringifyResult` splices `json` into the response as is. Anything else that
 * stringifies it (an in-process `executeOperation` caller, a log line) gets the parsed value
 * through `toJSON`, so the marker never leaks as an opaque object.
 */
export class RawJson {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json) as unknown;
  }
}

/**
 * Apollo Server's `stringifyResult`: like its default (`JSON.stringify` plus a newline) but
 * writes a `RawJson` `data` without serializing it again.
 */
export function stringifyResult(value: { data?: unknown; errors?: unknown; extensions?: unknown }): string {
  if (value.data instanceof RawJson && value.errors === undefined && value.extensions === undefined) {
    return `{"data":${value.data.json}}\n`;
  }
  return `${JSON.stringify(value)}\n`;
}
