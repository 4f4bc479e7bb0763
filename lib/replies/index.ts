export { CLASSIFIER_VERSION, RULES_VERSION, classifyReply, createRuleClassifier } from './classifier';
export { extractReturnDate } from './dates';
export { stripReply } from './strip';
export * from './types';
