import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Bearer-token access to an Instantly Bridge service (`API_TOKEN` on the service side). */
export class InstantlyBridgeApi implements ICredentialType {
	name = 'instantlyBridgeApi';

	displayName = 'Instantly Bridge API';

	icon = {
		light: 'file:../icons/instantlyBridge.svg',
		dark: 'file:../icons/instantlyBridge.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://localhost:3000',
			placeholder: 'https://bridge.example.com',
			description: 'Where the Instantly Bridge HTTP API listens, without the /api suffix',
			required: true,
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The API_TOKEN configured on the Instantly Bridge service',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	// /api/whoami answers 200 only for a valid token, so "Test" proves URL and token together.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/whoami',
			method: 'GET',
		},
	};
}
