/** @internal `$."key"`: one top-level key as a JSON path (MariaDB/MySQL and SQLite `json_set`/`json_extract`). */
export function jsonPath(key: string): string {
  if (/["\\]/.test(key)) {
    throw new TypeError(`additional_info key ${JSON.stringify(key)} cannot be addressed as a JSON path here`);
  }
  return `$."${key}"`;
}
