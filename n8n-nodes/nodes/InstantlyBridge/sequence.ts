import type { IDataObject } from 'n8n-workflow';

import { splitList } from '../shared/events';

export interface SequenceVariant {
	subject: string;
	body: string;
}

export interface SequenceStep extends SequenceVariant {
	delayDays: number;
	variants?: SequenceVariant[];
}

export interface ExportStartBody extends IDataObject {
	campaignName: string;
	schedule: { timezone: string; from: string; to: string; days: string[] };
	sequence: SequenceStep[];
	senders?: string[];
	dailyLimit?: number;
	stopOnReply?: boolean;
	openTracking?: boolean;
	linkTracking?: boolean;
	activate: boolean;
	extraVariables?: string[];
}

/**
 * An Instantly template exactly as typed. Values are read raw (never through n8n's expression engine); a
 * leading "=" is n8n's marker for "expression mode" (e.g. a workflow saved by an editor that auto-switched
 * on "{{"), not part of the text, so it is dropped and the rest is kept byte-for-byte.
 */
export function literalTemplate(value: unknown): string {
	if (typeof value === 'string') return value.startsWith('=') ? value.slice(1) : value;
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new Error(`A subject or body must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

function asList(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** Converts the raw `sequence` fixedCollection value into the service's sequence; throws on bad input. */
export function buildSequence(raw: unknown): SequenceStep[] {
	const steps = asList((raw as IDataObject | undefined)?.steps);
	if (steps.length === 0) throw new Error('The sequence needs at least one step');
	return steps.map((step, index) => {
		const out: SequenceStep = {
			subject: literalTemplate(step.subject),
			body: literalTemplate(step.body),
			delayDays: Number(step.delayDays ?? 0),
		};
		if (out.body.trim() === '') throw new Error(`Sequence step ${index + 1} has an empty body`);
		if (index === 0 && out.subject.trim() === '') throw new Error('The first sequence step needs a subject');
		if (!Number.isInteger(out.delayDays) || out.delayDays < 0) {
			throw new Error(`Sequence step ${index + 1}: delay must be a whole number of days >= 0`);
		}
		const variants = asList((step.variants as IDataObject | undefined)?.variant).map((variant, v) => {
			const built = { subject: literalTemplate(variant.subject), body: literalTemplate(variant.body) };
			if (built.body.trim() === '')
				throw new Error(`Sequence step ${index + 1}, variant ${v + 1} has an empty body`);
			return built;
		});
		if (variants.length > 0) out.variants = variants;
		return out;
	});
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface ExportParams {
	campaignName: string;
	timezone: string;
	scheduleFrom: string;
	scheduleTo: string;
	days: string[];
	sequenceRaw: unknown;
	senders: string;
	activate: boolean;
	sendingOptions: IDataObject;
}

/** Builds the body of POST /api/campaigns/:id/export-to-instantly; throws an Error naming the bad input. */
export function buildExportStartBody(p: ExportParams): ExportStartBody {
	if (p.campaignName.trim() === '') throw new Error('Instantly Campaign Name is empty');
	if (p.timezone.trim() === '') throw new Error('Timezone is empty');
	for (const [label, value] of [
		['Send From', p.scheduleFrom],
		['Send To', p.scheduleTo],
	] as const) {
		if (!HHMM.test(value.trim())) throw new Error(`${label} must be HH:MM (24 h), got "${value}"`);
	}
	if (p.days.length === 0) throw new Error('Pick at least one sending day');
	const body: ExportStartBody = {
		campaignName: p.campaignName,
		schedule: {
			timezone: p.timezone.trim(),
			from: p.scheduleFrom.trim(),
			to: p.scheduleTo.trim(),
			days: p.days,
		},
		sequence: buildSequence(p.sequenceRaw),
		activate: p.activate === true,
	};
	const senders = splitList(p.senders);
	if (senders.length > 0) body.senders = senders;
	const o = p.sendingOptions;
	if (typeof o.dailyLimit === 'number') body.dailyLimit = o.dailyLimit;
	for (const flag of ['stopOnReply', 'openTracking', 'linkTracking'] as const) {
		if (typeof o[flag] === 'boolean') body[flag] = o[flag];
	}
	const extra = splitList(o.extraVariables);
	if (extra.length > 0) body.extraVariables = extra;
	return body;
}
