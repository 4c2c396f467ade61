import { FormField, RadioGroup, Textbox } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { privacyMessages } from './messages.ts';
import type { SubjectForm } from './subject-form.ts';

/** Find a resident by BSN or by address: the fields shared by the access request and the objection form. */
export function SubjectFields({ form, errors }: { form: SubjectForm; errors: Partial<Record<keyof SubjectForm, string>> }) {
  const t = privacyMessages(useWeb().locale);
  return (
    <>
      <RadioGroup
        name="zoekop"
        legend={t('searchBy')}
        value={form.zoekop}
        options={[
          { value: 'bsn', label: t('byBsn') },
          { value: 'adres', label: t('byAddress') },
        ]}
      />
      <FormField id="bsn" label={t('bsn')} description={t('bsnHelp')} error={errors.bsn}>
        <Textbox id="bsn" name="bsn" value={form.bsn} inputMode="numeric" autoComplete="off" hasDescription error={errors.bsn} />
      </FormField>
      <FormField id="postcode" label={t('postcode')} error={errors.postcode}>
        <Textbox id="postcode" name="postcode" value={form.postcode} autoComplete="off" error={errors.postcode} size={8} />
      </FormField>
      <FormField id="huisnummer" label={t('houseNumber')} error={errors.huisnummer}>
        <Textbox id="huisnummer" name="huisnummer" value={form.huisnummer} autoComplete="off" error={errors.huisnummer} size={6} />
      </FormField>
      <FormField id="toevoeging" label={t('addition')}>
        <Textbox id="toevoeging" name="toevoeging" value={form.toevoeging} autoComplete="off" size={6} />
      </FormField>
      <FormField id="achternaam" label={t('surname')} description={t('surnameHelp')}>
        <Textbox id="achternaam" name="achternaam" value={form.achternaam} autoComplete="off" hasDescription />
      </FormField>
    </>
  );
}

/** The query as hidden fields, so the PDF form asks again without the officer retyping (POST body, never the URL). */
export function SubjectHidden({ form }: { form: SubjectForm }) {
  return (
    <>
      {(Object.keys(form) as Array<keyof SubjectForm>).map((k) => (
        <input key={k} type="hidden" name={k} value={form[k]} />
      ))}
    </>
  );
}
