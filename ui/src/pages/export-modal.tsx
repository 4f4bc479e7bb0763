import { useEffect, useRef, useState } from 'preact/hooks';
import { INSTANTLY_TIMEZONES } from '../../../contracts/instantly-timezones';
import { TEMPLATES, type TemplateStep } from '../../../contracts/templates';
import { api, plainError } from '../api';
import { go } from '../router';
import { SequenceEditor } from './sequence-editor';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const COMMON_IANA = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Denver',
  'Europe/London',
  'Europe/Paris',
];

/** What POST /api/campaigns/:id/export-preview answers. */
export interface Preview {
  variables: string[];
  available: string[];
  leadsWithEmail: number;
  leadsMissingAny: number;
  byVariable: Array<{ variable: string; leads: number }>;
  sample: { businessName: string; subject: string; body: string } | null;
  timezone: { requested: string; used: string; substituted: boolean; note: string | null };
}

const cloneSteps = (steps: readonly TemplateStep[]): TemplateStep[] =>
  steps.map((s) => ({ ...s, variants: s.variants?.map((v) => ({ ...v })) }));

/**
 * The export modal: a native modal <dialog> (the page behind is inert, so focus stays inside; Esc closes),
 * pre-filled name, schedule, sequence editor with the available {{variables}}, a live preview of one real
 * lead's first e-mail and the missing-variable warning (POST …/export-preview), senders, limits, flags.
 */
export function ExportModal({
  campaign,
  onClose,
}: {
  campaign: { id: string; name: string };
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(`${campaign.name} - ${new Date().toISOString().slice(0, 10)}`);
  const [days, setDays] = useState<string[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [from, setFrom] = useState('09:00');
  const [to, setTo] = useState('17:00');
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [timezone, setTimezone] = useState(browserZone || 'America/Chicago');
  const [steps, setSteps] = useState<TemplateStep[]>(cloneSteps(TEMPLATES.get('local-intro') ?? []));
  const [senders, setSenders] = useState('');
  const [dailyLimit, setDailyLimit] = useState('50');
  const [openTracking, setOpenTracking] = useState(true);
  const [linkTracking, setLinkTracking] = useState(false);
  const [stopOnReply, setStopOnReply] = useState(true);
  const [activate, setActivate] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => opener?.focus();
  }, []);

  const body = () => ({
    campaignName: name.trim(),
    schedule: { timezone, from, to, days },
    sequence: steps,
    senders: senders
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    dailyLimit: Number(dailyLimit),
    openTracking,
    linkTracking,
    stopOnReply,
    activate,
  });

  useEffect(() => {
    const t = setTimeout(() => {
      api<Preview>('POST', `/api/campaigns/${campaign.id}/export-preview`, body()).then(
        (p) => {
          setPreview(p);
          setProblem(null);
        },
        (e) => setProblem(plainError(e)),
      );
    }, 300);
    return () => clearTimeout(t);
  }, [name, days, from, to, timezone, steps, senders, dailyLimit]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const started = await api<{ exportId: string }>(
        'POST',
        `/api/campaigns/${campaign.id}/export-to-instantly`,
        body(),
        'application/json',
        undefined,
        // One key per opened modal: a double click or a retry returns the same export, never a second one.
        { 'idempotency-key': idempotencyKey },
      );
      onClose();
      go(`exports/${started.exportId}`);
    } catch (err) {
      setProblem(plainError(err));
    } finally {
      setBusy(false);
    }
  };

  const zones = [
    ...new Set([browserZone, ...COMMON_IANA].filter((z) => z && !INSTANTLY_TIMEZONES.includes(z as never))),
  ];
  return (
    <dialog ref={ref} aria-labelledby="export-h" onCancel={onClose} onClose={onClose} class="modal">
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="export-h">Export “{campaign.name}” to Instantly</h2>
        <div class="field">
          <label for="x-name">Instantly campaign name</label>
          <input
            id="x-name"
            required
            maxLength={200}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <fieldset>
          <legend>Schedule</legend>
          <div class="days">
            {DAYS.map((d) => (
              <label key={d} class="inline">
                <input
                  type="checkbox"
                  checked={days.includes(d)}
                  onChange={(e) =>
                    setDays(e.currentTarget.checked ? [...days, d] : days.filter((x) => x !== d))
                  }
                />
                {d}
              </label>
            ))}
          </div>
          <div class="row">
            <div class="field">
              <label for="x-from">From</label>
              <input
                id="x-from"
                type="time"
                required
                value={from}
                onInput={(e) => setFrom(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="x-to">To</label>
              <input
                id="x-to"
                type="time"
                required
                value={to}
                onInput={(e) => setTo(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="x-tz">Timezone</label>
              <select id="x-tz" value={timezone} onChange={(e) => setTimezone(e.currentTarget.value)}>
                <optgroup label="Your zones (mapped to an Instantly zone)">
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Zones Instantly accepts">
                  {INSTANTLY_TIMEZONES.map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
                </optgroup>
              </select>
            </div>
          </div>
          {preview?.timezone.substituted && (
            <p class="note" id="tz-note">
              Instantly does not accept {preview.timezone.requested}: {preview.timezone.used} will be used
              {preview.timezone.note ? ` (${preview.timezone.note})` : ''}.
            </p>
          )}
        </fieldset>
        <SequenceEditor
          steps={steps}
          onChange={setSteps}
          templates={[...TEMPLATES.keys()]}
          onTemplate={(t) => setSteps(cloneSteps(TEMPLATES.get(t) ?? []))}
        />
        <p class="hint">
          Variables you can use:{' '}
          {(preview?.available ?? []).map((v) => (
            <code key={v}>{`{{${v}}}`} </code>
          ))}
        </p>
        <PreviewBox preview={preview} />
        <fieldset>
          <legend>Sending</legend>
          <div class="field">
            <label for="x-senders">
              Sender e-mail accounts (comma separated; empty = Instantly's defaults)
            </label>
            <input id="x-senders" value={senders} onInput={(e) => setSenders(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="x-limit">Daily limit</label>
            <input
              id="x-limit"
              type="number"
              min={1}
              max={100000}
              value={dailyLimit}
              onInput={(e) => setDailyLimit(e.currentTarget.value)}
            />
          </div>
          <label class="inline">
            <input
              type="checkbox"
              checked={openTracking}
              onChange={(e) => setOpenTracking(e.currentTarget.checked)}
            />{' '}
            Track opens
          </label>
          <label class="inline">
            <input
              type="checkbox"
              checked={linkTracking}
              onChange={(e) => setLinkTracking(e.currentTarget.checked)}
            />{' '}
            Track link clicks
          </label>
          <label class="inline">
            <input
              type="checkbox"
              checked={stopOnReply}
              onChange={(e) => setStopOnReply(e.currentTarget.checked)}
            />{' '}
            Stop on reply
          </label>
          <label class="inline">
            <input
              type="checkbox"
              checked={activate}
              onChange={(e) => setActivate(e.currentTarget.checked)}
            />{' '}
            Activate now (start sending)
          </label>
        </fieldset>
        {problem && (
          <p role="alert" class="error">
            {problem}
          </p>
        )}
        <div class="actions">
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            Start export
          </button>
        </div>
      </form>
    </dialog>
  );
}

function PreviewBox({ preview }: { preview: Preview | null }) {
  if (!preview) return <p class="hint">Preparing the preview…</p>;
  return (
    <section aria-labelledby="preview-h" class="preview">
      <h3 id="preview-h">
        Preview of the first e-mail{preview.sample ? ` to ${preview.sample.businessName}` : ''}
      </h3>
      {preview.leadsMissingAny > 0 && (
        <p role="status" class="warning" id="missing-warning">
          ⚠ {preview.leadsMissingAny} of {preview.leadsWithEmail} leads lack a variable this sequence uses and
          will be skipped: {preview.byVariable.map((m) => `{{${m.variable}}} (${m.leads})`).join(', ')}. Add a
          default or change the template.
        </p>
      )}
      {preview.sample ? (
        <div class="mail">
          <p>
            <strong>Subject:</strong> <span id="preview-subject">{preview.sample.subject}</span>
          </p>
          <pre id="preview-body">{preview.sample.body}</pre>
        </div>
      ) : (
        <p>No lead with an e-mail address in this campaign.</p>
      )}
    </section>
  );
}
