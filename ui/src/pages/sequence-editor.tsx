import type { TemplateStep } from '../../../contracts/templates';

type Props = {
  steps: TemplateStep[];
  onChange: (steps: TemplateStep[]) => void;
  templates: string[];
  onTemplate: (name: string) => void;
};

/** Steps with delays and A/B variants; every input labelled (ids by position). */
export function SequenceEditor({ steps, onChange, templates, onTemplate }: Props) {
  const set = (i: number, patch: Partial<TemplateStep>) =>
    onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const setVariant = (i: number, k: number, patch: Partial<{ subject: string; body: string }>) =>
    set(i, { variants: (steps[i]?.variants ?? []).map((v, j) => (j === k ? { ...v, ...patch } : v)) });
  return (
    <fieldset>
      <legend>E-mail sequence</legend>
      <div class="field">
        <label for="x-template">Start from a template</label>
        <select id="x-template" onChange={(e) => e.currentTarget.value && onTemplate(e.currentTarget.value)}>
          <option value="">(keep the sequence below)</option>
          {templates.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {steps.map((s, i) => (
        <div class="step" key={i}>
          <h3>Step {i + 1}</h3>
          {i > 0 && (
            <div class="field">
              <label for={`s${i}-delay`}>Days after the previous e-mail</label>
              <input
                id={`s${i}-delay`}
                type="number"
                min={0}
                max={365}
                value={s.delayDays}
                onInput={(e) => set(i, { delayDays: Number(e.currentTarget.value) })}
              />
            </div>
          )}
          <div class="field">
            <label for={`s${i}-subject`}>Subject{s.variants?.length ? ' (variant A)' : ''}</label>
            <input
              id={`s${i}-subject`}
              value={s.subject}
              onInput={(e) => set(i, { subject: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for={`s${i}-body`}>Body{s.variants?.length ? ' (variant A)' : ''}</label>
            <textarea
              id={`s${i}-body`}
              rows={4}
              value={s.body}
              onInput={(e) => set(i, { body: e.currentTarget.value })}
            />
          </div>
          {(s.variants ?? []).map((v, k) => {
            const letter = String.fromCharCode(66 + k);
            return (
              <div class="variant" key={k}>
                <div class="field">
                  <label for={`s${i}v${k}-subject`}>Subject (variant {letter})</label>
                  <input
                    id={`s${i}v${k}-subject`}
                    value={v.subject}
                    onInput={(e) => setVariant(i, k, { subject: e.currentTarget.value })}
                  />
                </div>
                <div class="field">
                  <label for={`s${i}v${k}-body`}>Body (variant {letter})</label>
                  <textarea
                    id={`s${i}v${k}-body`}
                    rows={3}
                    value={v.body}
                    onInput={(e) => setVariant(i, k, { body: e.currentTarget.value })}
                  />
                </div>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => set(i, { variants: (s.variants ?? []).filter((_, j) => j !== k) })}
                >
                  Remove variant {letter} of step {i + 1}
                </button>
              </div>
            );
          })}
          <div class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() =>
                set(i, { variants: [...(s.variants ?? []), { subject: s.subject, body: s.body }] })
              }
            >
              Add A/B variant to step {i + 1}
            </button>
            {steps.length > 1 && (
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  onChange(
                    steps.filter((_, j) => j !== i).map((x, j) => (j === 0 ? { ...x, delayDays: 0 } : x)),
                  )
                }
              >
                Remove step {i + 1}
              </button>
            )}
          </div>
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => onChange([...steps, { subject: '', body: '', delayDays: 3 }])}
      >
        Add follow-up step
      </button>
    </fieldset>
  );
}
