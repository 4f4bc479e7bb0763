// Pure, workflow-safe conversions from our plan shapes to Instantly request shapes: no Node builtins, no zod,
// no I/O, so workflows may call them and they can move to contracts/ unchanged (with body-types.ts).
export { InstantlyMappingError, isInstantlyMappingError, type MappingErrorCode } from './mapping-errors';
export { mapTimezone, type TimezoneMapping } from './mapping-timezone';
export { TIMEZONE_SUBSTITUTIONS, type TimezoneSubstitution } from './timezone-substitutions';
export { weekdaysToDays } from './mapping-days';
export { planSequenceToSteps, toHtmlBody, type PlanStep, type PlanVariant } from './mapping-sequence';
export {
  flattenCustomVariables,
  templateVariables,
  type CustomVariableError,
  type CustomVariableErrorReason,
  type FlattenedCustomVariables,
} from './mapping-variables';
export { interestValueForLabel, LABEL_INTEREST_VALUES } from './mapping-interest';
