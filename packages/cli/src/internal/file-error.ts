import { DriftwatchError } from '@driftwatch/drift';

/** A one-line DriftwatchError for a failed file operation; Driftwatch errors pass through. */
export function fileError(path: string, error: unknown): DriftwatchError {
  if (DriftwatchError.isInstance(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new DriftwatchError({ code: 'NOT_FOUND', message: `no such file: ${path}`, cause: error, details: { path } });
  }
  if (code === 'EISDIR') {
    return new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `${path} is a directory, not a data file`, cause: error, details: { path } });
  }
  const reason = code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
  return new DriftwatchError({ code: 'PARSE_FAILED', message: `cannot read ${path}: ${reason}`, cause: error, details: { path } });
}
