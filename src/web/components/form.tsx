import type { ReactNode } from 'react';
import { useWeb } from '../web-context.ts';

/**
 * A plain HTML form (works without JavaScript). POST forms carry the session's CSRF token as the
 * hidden field `_csrf`, which the web plugin checks before any handler runs.
 */
export function Form({ action, method = 'post', children, id, label }: { action: string; method?: 'get' | 'post'; children: ReactNode; id?: string; label?: string }) {
  const { csrfToken } = useWeb();
  return (
    <form className="utrecht-form" action={action} method={method} id={id} aria-label={label} noValidate={false}>
      {method === 'post' ? <input type="hidden" name="_csrf" value={csrfToken} /> : null}
      {children}
    </form>
  );
}

/** Label, optional description and error message around one input, linked by ids for screen readers. */
export function FormField({
  id,
  label,
  description,
  error,
  children,
  kind,
}: {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  kind?: 'checkbox';
}) {
  const cls = ['utrecht-form-field', 'utrecht-form-field--distanced', error ? 'utrecht-form-field--invalid' : '', kind === 'checkbox' ? 'utrecht-form-field--checkbox' : ''].filter(Boolean).join(' ');
  const labelEl = (
    <label className={`utrecht-form-label${kind === 'checkbox' ? ' utrecht-form-label--checkbox' : ''}`} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={cls}>
      {kind === 'checkbox' ? null : <div className="utrecht-form-field__label">{labelEl}</div>}
      {description ? (
        <div className="utrecht-form-field-description utrecht-form-field__description" id={`${id}-description`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field-error-message utrecht-form-field__error-message" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">
        {children}
        {kind === 'checkbox' ? labelEl : null}
      </div>
    </div>
  );
}

function describedBy(id: string, description?: boolean, error?: string) {
  const ids = [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Textbox({
  id,
  name,
  value,
  type = 'text',
  required,
  autoComplete,
  error,
  hasDescription,
  min,
  max,
  step,
  inputMode,
  size,
}: {
  id: string;
  name: string;
  value?: string | number | undefined;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'search';
  required?: boolean;
  autoComplete?: string;
  error?: string | undefined;
  hasDescription?: boolean;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  inputMode?: 'numeric' | 'decimal' | 'text';
  size?: number;
}) {
  return (
    <input
      className={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
      id={id}
      name={name}
      type={type}
      defaultValue={value === undefined ? undefined : String(value)}
      required={required}
      aria-required={required ? 'true' : undefined}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy(id, hasDescription, error)}
      autoComplete={autoComplete}
      min={min}
      max={max}
      step={step}
      inputMode={inputMode}
      size={size}
    />
  );
}

export function Textarea({ id, name, value, required, error, rows = 4 }: { id: string; name: string; value?: string; required?: boolean; error?: string | undefined; rows?: number }) {
  return (
    <textarea
      className={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
      id={id}
      name={name}
      rows={rows}
      defaultValue={value}
      required={required}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy(id, false, error)}
    />
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function Select({
  id,
  name,
  options,
  value,
  required,
  error,
  multiple,
  hasDescription,
}: {
  id: string;
  name: string;
  options: SelectOption[];
  value?: string | string[] | undefined;
  required?: boolean;
  error?: string | undefined;
  multiple?: boolean;
  hasDescription?: boolean;
}) {
  return (
    <select
      className={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
      id={id}
      name={name}
      defaultValue={value}
      required={required}
      multiple={multiple}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy(id, hasDescription, error)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function Checkbox({ id, name, value = 'on', checked, ariaLabel }: { id: string; name: string; value?: string; checked?: boolean; ariaLabel?: string }) {
  return <input className="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={id} name={name} value={value} defaultChecked={checked} aria-label={ariaLabel} />;
}

/** A group of related fields (a set of checkboxes, radio buttons, a rule's conditions). */
/** legendHidden keeps the legend (the group's accessible name) for screen readers only, where a visible heading right above says the same. */
export function Fieldset({ legend, children, description, legendHidden }: { legend: ReactNode; children: ReactNode; description?: ReactNode; legendHidden?: boolean }) {
  return (
    <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced">
      <legend className={`utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend${legendHidden ? ' vs-visually-hidden' : ''}`}>{legend}</legend>
      {description ? <div className="utrecht-form-field-description">{description}</div> : null}
      {children}
    </fieldset>
  );
}

export function RadioGroup({ name, legend, options, value, required, legendHidden }: { name: string; legend: ReactNode; options: SelectOption[]; value?: string | undefined; required?: boolean; legendHidden?: boolean }) {
  return (
    <Fieldset legend={legend} legendHidden={legendHidden}>
      {options.map((o) => (
        // Utrecht's radio field is a grid of an input column and a label column: each in its own cell,
        // or the label is squeezed into the button's width (one word a line).
        <div className="utrecht-form-field utrecht-form-field--radio" key={o.value}>
          <div className="utrecht-form-field__label utrecht-form-field__label--radio">
            <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`${name}-${o.value}`}>
              {o.label}
            </label>
          </div>
          <div className="utrecht-form-field__input">
            <input className="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={`${name}-${o.value}`} name={name} value={o.value} defaultChecked={value === o.value} required={required} />
          </div>
        </div>
      ))}
    </Fieldset>
  );
}
