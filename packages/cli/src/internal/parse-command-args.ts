import { DriftwatchError } from '@driftwatch/drift';

/** Runs a `parseArgs` call and raises its errors as one-line `INVALID_ARGUMENT` errors. */
export function withArgumentErrors<Parsed>(parse: () => Parsed): Parsed {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('. To specify')[0]!.replace(/\.$/, '') : String(error);
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `${message} (see --help)`, cause: error });
  }
}

/** Column names from repeatable, comma-separated flag values: `--exclude a,b --exclude c`. */
export function splitNames(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((name) => name.trim()).filter((name) => name !== '');
}
