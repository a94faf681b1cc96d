// files.json, written by scripts/decode-models.ts at install time, lists each model file's size
// and SHA-256. Every file is checked against it before its bytes are used, so a 404, a truncated
// download or an altered file stops the load with a message that names the file, instead of a
// model that silently computes garbage. Web Crypto only: runs in the browser, the worker and Node.

/** One entry of files.json. */
export interface ModelFileInfo {
  path: string;
  bytes: number;
  sha256: string;
}

/** A model file that could not be used; `file` is its path relative to the site root. */
export class ModelFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} ${reason}`);
    this.name = 'ModelFileError';
  }
}

const count = (n: number) => n.toLocaleString('en-US');

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Parses files.json, rejecting anything that is not a list of {path, bytes, sha256}. */
export function parseManifest(file: string, text: string): ModelFileInfo[] {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch {
    throw new ModelFileError(file, 'is not valid JSON (a damaged download?)');
  }
  const valid = (e: unknown): e is ModelFileInfo => {
    const f = e as Partial<ModelFileInfo> | null;
    return typeof f?.path === 'string' && Number.isInteger(f.bytes) && typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/.test(f.sha256);
  };
  if (!Array.isArray(entries) || entries.length === 0 || !entries.every(valid)) throw new ModelFileError(file, 'is not a list of files with sizes and SHA-256 sums');
  return entries;
}

/** Throws a ModelFileError unless `data` is exactly the file `name` that the manifest describes. */
export async function verifyModelFile(dir: string, name: string, data: ArrayBuffer, manifest: readonly ModelFileInfo[]): Promise<void> {
  const file = `${dir}/${name}`;
  const expected = manifest.find((f) => f.path === name);
  if (!expected) throw new ModelFileError(file, 'is not listed in files.json');
  if (data.byteLength < expected.bytes) throw new ModelFileError(file, `is truncated: ${count(data.byteLength)} of ${count(expected.bytes)} bytes arrived`);
  if (data.byteLength > expected.bytes) throw new ModelFileError(file, `has the wrong size: ${count(data.byteLength)} bytes instead of ${count(expected.bytes)}`);
  if ((await sha256Hex(data)) !== expected.sha256) throw new ModelFileError(file, 'is damaged: its SHA-256 checksum does not match files.json');
}
