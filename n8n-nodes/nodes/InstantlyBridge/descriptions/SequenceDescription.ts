import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/*
 * Subjects and bodies are Instantly templates: `{{firstName}}`, `{{icebreaker}}`, `{{companyName}}`… must reach
 * Instantly byte-for-byte. n8n evaluates only values that start with "=", and the editor switches a field to
 * expression mode when the user types "{{" — so these fields are `noDataExpression` (fixed text only) and the
 * node reads them with `rawExpressions` (see sequence.ts), never through n8n's expression engine.
 */
const subject = (description: string): INodeProperties => ({
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	noDataExpression: true,
	default: '',
	placeholder: 'Quick question about {{companyName}}',
	description,
});

const body: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	noDataExpression: true,
	typeOptions: { rows: 6 },
	default: '',
	placeholder: 'Hi {{firstName}},\n\n{{icebreaker}}',
	description: 'Email body sent to Instantly unchanged, including its {{variables}}',
};

export function sequenceProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName:
				'Subjects and bodies are Instantly templates: write variables as {{firstName}}, {{icebreaker}} etc. They are sent to Instantly exactly as typed and are not n8n expressions.',
			name: 'templateNotice',
			type: 'notice',
			default: '',
			displayOptions,
		},
		{
			displayName: 'Sequence',
			name: 'sequence',
			type: 'fixedCollection',
			required: true,
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Step',
			default: {},
			description: 'Email steps in sending order',
			displayOptions,
			options: [
				{
					name: 'steps',
					displayName: 'Step',
					values: [
						subject('Subject line; leave empty on a follow-up to reply in the same thread'),
						body,
						{
							displayName: 'Delay (Days)',
							name: 'delayDays',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 0,
							description: 'Days to wait after the previous step (ignored for the first step)',
						},
						{
							displayName: 'A/B Variants',
							name: 'variants',
							type: 'fixedCollection',
							typeOptions: { multipleValues: true },
							placeholder: 'Add Variant',
							default: {},
							description:
								'Optional alternative subject/body pairs Instantly rotates between for this step (A/B test)',
							options: [
								{
									name: 'variant',
									displayName: 'Variant',
									values: [subject('Subject line of this variant'), body],
								},
							],
						},
					],
				},
			],
		},
	];
}
