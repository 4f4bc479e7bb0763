/** What a mapping function refused. */
export type MappingErrorCode =
  'invalid_timezone' | 'unsupported_timezone' | 'invalid_days' | 'invalid_sequence';

/**
 * Input that cannot be turned into a valid Instantly request. Pure and workflow-safe; a workflow must turn it
 * into a non-retryable ApplicationFailure (retrying cannot fix the input).
 */
export class InstantlyMappingError extends Error {
  override readonly name = 'InstantlyMappingError';
  readonly code: MappingErrorCode;

  constructor(code: MappingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Type guard for {@link InstantlyMappingError}. */
export function isInstantlyMappingError(value: unknown): value is InstantlyMappingError {
  return (
    value instanceof InstantlyMappingError ||
    (value instanceof Error && value.name === 'InstantlyMappingError')
  );
}
