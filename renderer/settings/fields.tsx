/**
 * Labelled form controls with their error next to them (aria-invalid + aria-describedby).
 * Ids are derived from the field's dotted settings path.
 */
import { useState, type ReactNode } from 'react';

/** The element id of a settings field. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^\w-]/g, '_')}`;
}

function ErrorText({ path, error }: { path: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <span id={`${fieldId(path)}-error`} className="field-error" data-error-for={path}>
      ⚠ {error}
    </span>
  );
}

interface BaseProps {
  readonly path: string;
  readonly label: string;
  readonly error?: string;
  readonly hint?: string;
  /** Hide the label visually (still read by screen readers), e.g. in table cells. */
  readonly hiddenLabel?: boolean;
}

function describedBy(path: string, error?: string, hint?: string): string | undefined {
  const ids = [error ? `${fieldId(path)}-error` : '', hint ? `${fieldId(path)}-hint` : ''].filter(
    Boolean,
  );
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({
  path,
  label,
  error,
  hint,
  hiddenLabel,
  children,
}: BaseProps & { children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={fieldId(path)} className={hiddenLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {children}
      {hint && (
        <span id={`${fieldId(path)}-hint`} className="hint">
          {hint}
        </span>
      )}
      <ErrorText path={path} error={error} />
    </div>
  );
}

/** Props of {@link TextField}. */
export interface TextFieldProps extends BaseProps {
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly type?: 'text' | 'email' | 'url' | 'password';
  readonly autoComplete?: string;
}

/** A text input. */
export function TextField(p: TextFieldProps) {
  return (
    <Frame {...p}>
      <input
        id={fieldId(p.path)}
        type={p.type ?? 'text'}
        value={p.value}
        autoComplete={p.autoComplete ?? 'off'}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.path, p.error, p.hint)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </Frame>
  );
}

/** Props of {@link NumberField}. */
export interface NumberFieldProps extends BaseProps {
  readonly value: number | null;
  /** Receives null for an empty field when nullable, NaN for text that is not a number. */
  readonly onChange: (v: number | null) => void;
  readonly nullable?: boolean;
}

function parseNumber(text: string, nullable: boolean): number | null {
  const s = text.trim().replace(',', '.');
  if (s === '') return nullable ? null : Number.NaN;
  return /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
}

function same(a: number | null, b: number | null): boolean {
  return (
    a === b ||
    (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b))
  );
}

/** A number input that keeps the typed text (e.g. "8." or "") while parsing it for the draft. */
export function NumberField(p: NumberFieldProps) {
  const nullable = p.nullable ?? false;
  const [text, setText] = useState(p.value === null ? '' : String(p.value));
  // Follow outside changes (revert, save) without clobbering what the user is typing. An
  // invalid value typed into another field bound to the same setting (a check's rule is shown
  // twice) empties this one once; without the second test it would re-render for ever.
  const parsed = parseNumber(text, nullable);
  const bothInvalid = Number.isNaN(p.value) && (parsed === null || Number.isNaN(parsed));
  if (!same(parsed, p.value) && !bothInvalid) {
    setText(p.value === null || Number.isNaN(p.value) ? '' : String(p.value));
  }
  return (
    <Frame {...p}>
      <input
        id={fieldId(p.path)}
        type="text"
        inputMode="decimal"
        value={text}
        autoComplete="off"
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.path, p.error, p.hint)}
        onChange={(e) => {
          setText(e.target.value);
          p.onChange(parseNumber(e.target.value, nullable));
        }}
      />
    </Frame>
  );
}

/** Props of {@link CheckField}. */
export interface CheckFieldProps extends BaseProps {
  readonly checked: boolean;
  readonly onChange: (v: boolean) => void;
}

/** A checkbox with its label after it. */
export function CheckField(p: CheckFieldProps) {
  return (
    <div className={p.error ? 'field field-check field-invalid' : 'field field-check'}>
      <input
        id={fieldId(p.path)}
        type="checkbox"
        checked={p.checked}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.path, p.error, p.hint)}
        onChange={(e) => p.onChange(e.target.checked)}
      />
      <label htmlFor={fieldId(p.path)} className={p.hiddenLabel ? 'visually-hidden' : undefined}>
        {p.label}
      </label>
      {p.hint && (
        <span id={`${fieldId(p.path)}-hint`} className="hint">
          {p.hint}
        </span>
      )}
      <ErrorText path={p.path} error={p.error} />
    </div>
  );
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps<T extends string> extends BaseProps {
  readonly value: T;
  readonly options: readonly {
    readonly value: T;
    readonly label: string;
    readonly lang?: string;
  }[];
  readonly onChange: (v: T) => void;
}

/** A select box. */
export function SelectField<T extends string>(p: SelectFieldProps<T>) {
  return (
    <Frame {...p}>
      <select
        id={fieldId(p.path)}
        value={p.value}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.path, p.error, p.hint)}
        onChange={(e) => p.onChange(e.target.value as T)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}
