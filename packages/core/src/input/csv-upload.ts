// A CSV import's file: a multipart upload (`file`) or, for clients without multipart, its text
// (`csvText`) — exactly one of the two, at most MAX_UPLOAD_BYTES. The reader (matters/csv.ts,
// lists/csv.ts) then checks it cell by cell.
import { ValidationError } from '../errors.js';

/** The largest CSV file or text an import accepts: 5 MB. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The bytes of `file`, or `csvText`, or a ValidationError naming the argument. */
export async function csvInput(
  file: File | null | undefined,
  csvText: string | null | undefined,
): Promise<Uint8Array | string> {
  if ((file == null) === (csvText == null))
    throw ValidationError.one(['file'], {
      zh: '请提供 file 或 csvText 其中之一',
      en: 'give exactly one of file or csvText',
    });
  if (file) {
    if (file.size > MAX_UPLOAD_BYTES)
      throw ValidationError.one(['file'], { zh: '文件过大（上限 5 MB）', en: 'file too large (at most 5 MB)' });
    return new Uint8Array(await file.arrayBuffer());
  }
  if (csvText!.length > MAX_UPLOAD_BYTES)
    throw ValidationError.one(['csvText'], { zh: '文本过长（上限 5 MB）', en: 'text too long (at most 5 MB)' });
  return csvText!;
}
