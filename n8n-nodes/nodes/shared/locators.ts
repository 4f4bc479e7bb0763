import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/** A real UUID shape, so placeholders show what the service's ids look like. */
export const CAMPAIGN_ID_PLACEHOLDER = '3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b';
export const EXPORT_ID_PLACEHOLDER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/**
 * "By URL": a service URL whose path contains `/<segment>/<id>`, e.g. the API's
 * `https://bridge.example.com/api/campaigns/<id>` or the dashboard's `…/ui/campaigns/<id>`; for
 * `…/campaigns/<c>/exports/<e>` the campaign picker takes `<c>`, the export picker `<e>`. n8n anchors the
 * validation (^…$); every quantifier is bounded and no two adjacent parts can match the same character, so
 * both regexes run in linear time on any input.
 */
function urlMode(segment: string, what: string, example: string): INodePropertyMode {
	const id = '[0-9A-Za-z_-]{1,64}';
	const validation = `https?://[^\\s/?#]{1,253}(?:/[^\\s/?#]{0,200}){0,20}/${segment}/${id}(?:[/?#]\\S{0,2000})?`;
	return {
		displayName: 'By URL',
		name: 'url',
		type: 'string',
		placeholder: example,
		validation: [
			{
				type: 'regex',
				properties: { regex: validation, errorMessage: `Not a URL of ${what} (…/${segment}/<ID>)` },
			},
		],
		extractValue: { type: 'regex', regex: `/${segment}/(${id})` },
	};
}

/** Campaign picker: from the service's campaign list (searchable by name), by ID, or by URL. */
export function campaignLocator(
	name: string,
	displayName: string,
	description: string,
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a campaign…',
				typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: CAMPAIGN_ID_PLACEHOLDER },
			urlMode(
				'campaigns',
				'a campaign',
				`https://bridge.example.com/api/campaigns/${CAMPAIGN_ID_PLACEHOLDER}`,
			),
		],
	};
}

/** Export picker: from the exports of the listed campaigns (newest first), by ID, or by URL. */
export function exportLocator(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Export',
		name: 'exportId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The export: its exportId as returned by Start or listed by Get Many',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an export…',
				typeOptions: { searchListMethod: 'searchExports', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: EXPORT_ID_PLACEHOLDER },
			urlMode('exports', 'an export', `https://bridge.example.com/api/exports/${EXPORT_ID_PLACEHOLDER}`),
		],
	};
}
