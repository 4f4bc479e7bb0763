import type { INodePropertyOptions } from 'n8n-workflow';

/** Engagement event types the service records and delivers (same names as its API). */
export const EVENT_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Auto Reply Received', value: 'auto_reply_received' },
	{ name: 'Campaign Completed', value: 'campaign_completed' },
	{ name: 'Email Bounced', value: 'email_bounced' },
	{ name: 'Email Opened', value: 'email_opened' },
	{ name: 'Email Sent', value: 'email_sent' },
	{ name: 'Lead Interested', value: 'lead_interested' },
	{ name: 'Lead Meeting Booked', value: 'lead_meeting_booked' },
	{ name: 'Lead Not Interested', value: 'lead_not_interested' },
	{ name: 'Lead Unsubscribed', value: 'lead_unsubscribed' },
	{ name: 'Link Clicked', value: 'link_clicked' },
	{ name: 'Reply Received', value: 'reply_received' },
];

/**
 * Labels the service's reply classifier gives reply_received / auto_reply_received events (its
 * contracts/reply-labels.ts; a unit test keeps the two lists equal).
 */
export const REPLY_LABEL_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Interested', value: 'interested' },
	{ name: 'Not Interested', value: 'not_interested' },
	{ name: 'Unsubscribe', value: 'unsubscribe' },
	{ name: 'Out of Office', value: 'out_of_office' },
	{ name: 'Wrong Person', value: 'wrong_person' },
	{ name: 'Question', value: 'question' },
	{ name: 'Auto Reply (Other)', value: 'auto_other' },
];

/** Splits a comma/whitespace separated list, dropping empties and duplicates. */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return [...new Set(value.map((v) => String(v).trim()).filter((v) => v !== ''))];
	if (typeof value !== 'string') return [];
	return [
		...new Set(
			value
				.split(/[\s,]+/)
				.map((v) => v.trim())
				.filter((v) => v !== ''),
		),
	];
}
