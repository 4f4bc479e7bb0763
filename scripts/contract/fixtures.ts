import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mapTimezone,
  planSequenceToSteps,
  weekdaysToDays,
  type CreateCampaignBody,
} from '../../lib/instantly';

/** A local webhook receiver (answers 200, or 500 for paths ending in /fail). */
export async function startReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(req.url?.endsWith('/fail') ? 500 : 200).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The campaign body the export sends (every option the export can set). */
export function fullCampaignBody(name: string): CreateCampaignBody {
  return {
    name,
    campaign_schedule: {
      schedules: [
        {
          name: 'Business hours',
          timing: { from: '09:00', to: '17:00' },
          days: weekdaysToDays(['mon', 'tue', 'wed', 'thu', 'fri']),
          timezone: mapTimezone('Europe/Paris').timezone,
        },
      ],
      start_date: '2026-12-07',
    },
    sequences: [
      {
        steps: planSequenceToSteps([
          { subject: 'Hi {{firstName}}', body: 'Hello {{firstName}}', delayDays: 0 },
          { subject: '', body: 'Following up.', delayDays: 3 },
        ]),
      },
    ],
    email_list: ['sender@example.com'],
    daily_limit: 50,
    stop_on_reply: true,
    link_tracking: false,
    open_tracking: false,
    text_only: false,
  };
}
