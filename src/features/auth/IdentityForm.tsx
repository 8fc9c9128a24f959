import { Text, View } from '@tarojs/components';
import { Input } from '@/shared/ui/controls';
import { useState } from 'react';
import { checkIdNumber, checkIdNumberTyping, normaliseIdNumber } from '@/shared/lib/idNumber';
import { Button, pressable } from '@/shared/ui';
import { FACE_CONSENT_SUMMARY, FACE_CONSENT_TEXT, FACE_CONSENT_TITLE } from './consent';
import './auth.css';

export const NAME_MESSAGES = {
  empty: '请输入姓名',
  invalid: '姓名应为 2 至 30 个汉字或字母，可含间隔号“·”',
} as const;
export const CONSENT_REQUIRED = '请先阅读并勾选同意《人脸信息处理授权书》，否则无法刷脸核验';

export function checkName(name: string): string | null {
  const v = name.trim();
  if (v === '') return NAME_MESSAGES.empty;
  if (!/^[\u4e00-\u9fa5A-Za-z·•.\s]{2,30}$/.test(v)) return NAME_MESSAGES.invalid;
  return null;
}

function idMessage(value: string): string | null {
  const r = checkIdNumber(value);
  return r.ok ? null : r.message;
}

export interface IdentityFormProps {
  initialName?: string;
  initialIdNumber?: string;
  submitLabel: string;
  onSubmit(claim: { name: string; idNumber: string }): void;
  busy?: boolean;
}

interface Errors {
  name?: string | null;
  idNumber?: string | null;
  consent?: string | null;
}

function FieldError({ id, message }: { id: string; message?: string | null }) {
  return (
    <View id={id} className="field__error" aria-live="polite">
      {message ? <Text>⚠ {message}</Text> : null}
    </View>
  );
}

/** Name, 公民身份号码 (checked as typed) and the separate face-data consent. */
export function IdentityForm({
  initialName = '',
  initialIdNumber = '',
  submitLabel,
  onSubmit,
  busy,
}: IdentityFormProps) {
  const [name, setName] = useState(initialName);
  const [idNumber, setIdNumber] = useState(initialIdNumber);
  const [consented, setConsented] = useState(false);
  const [showText, setShowText] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  const onId = (value: string) => {
    setIdNumber(value);
    const r = checkIdNumberTyping(value);
    setErrors((e) => ({ ...e, idNumber: r && !r.ok ? r.message : null }));
  };
  const submit = () => {
    const id = checkIdNumber(idNumber);
    const next: Errors = {
      name: checkName(name),
      idNumber: id.ok ? null : id.message,
      consent: consented ? null : CONSENT_REQUIRED,
    };
    setErrors(next);
    if (next.name || next.idNumber || next.consent || !id.ok) return;
    onSubmit({ name: name.trim(), idNumber: id.value });
  };

  return (
    <View className="identity-form">
      <View className="field">
        <Text className="field__label" id="login-name-label">
          姓名
        </Text>
        <Input
          className={`field__input login-name${errors.name ? ' field__input--invalid' : ''}`}
          value={name}
          maxlength={30}
          placeholder="与身份证上的姓名一致"
          onInput={(e) => {
            setName(e.detail.value);
            if (errors.name) setErrors((x) => ({ ...x, name: null }));
          }}
          onBlur={() => setErrors((x) => ({ ...x, name: name ? checkName(name) : x.name }))}
          nativeProps={{
            'aria-labelledby': 'login-name-label',
            'aria-describedby': 'login-name-error',
            'aria-invalid': errors.name ? 'true' : 'false',
            autoComplete: 'name',
          }}
        />
        <FieldError id="login-name-error" message={errors.name} />
      </View>
      <View className="field">
        <Text className="field__label" id="login-id-label">
          公民身份号码
        </Text>
        <Input
          className={`field__input login-id${errors.idNumber ? ' field__input--invalid' : ''}`}
          type="idcard"
          value={idNumber}
          maxlength={22}
          placeholder="18 位，末位可能是 X"
          onInput={(e) => onId(e.detail.value)}
          onBlur={() =>
            setErrors((x) => ({
              ...x,
              idNumber: idNumber ? idMessage(idNumber) : x.idNumber,
            }))
          }
          nativeProps={{
            'aria-labelledby': 'login-id-label',
            'aria-describedby': 'login-id-error',
            'aria-invalid': errors.idNumber ? 'true' : 'false',
            autoComplete: 'off',
            inputMode: 'text',
          }}
        />
        <FieldError id="login-id-error" message={errors.idNumber} />
        {normaliseIdNumber(idNumber).length > 0 && !errors.idNumber ? (
          <Text className="field__hint">已输入 {normaliseIdNumber(idNumber).length} / 18 位</Text>
        ) : null}
      </View>

      <View className="consent">
        <View
          className={`consent__box${consented ? ' consent__box--checked' : ''}`}
          {...pressable(
            () => {
              setConsented(!consented);
              setErrors((x) => ({ ...x, consent: null }));
            },
            { role: 'checkbox', label: FACE_CONSENT_SUMMARY },
          )}
          aria-checked={consented ? 'true' : 'false'}
          aria-describedby="consent-error"
        >
          <View className="consent__mark" aria-hidden="true">
            {consented ? '✓' : ''}
          </View>
          <Text className="consent__label">{FACE_CONSENT_SUMMARY}</Text>
        </View>
        <Button
          variant="text"
          className="consent__toggle"
          onPress={() => setShowText(!showText)}
          label={showText ? `收起${FACE_CONSENT_TITLE}` : `查看${FACE_CONSENT_TITLE}全文`}
        >
          {showText ? '收起授权书' : `查看《${FACE_CONSENT_TITLE}》全文`}
        </Button>
        {showText ? (
          <View className="consent__text" role="region" aria-label={FACE_CONSENT_TITLE}>
            <View className="consent__title" role="heading" aria-level="2">
              {FACE_CONSENT_TITLE}
            </View>
            {FACE_CONSENT_TEXT.map((p) => (
              <Text key={p} className="consent__paragraph">
                {p}
              </Text>
            ))}
          </View>
        ) : null}
        <FieldError id="consent-error" message={errors.consent} />
      </View>

      <Button className="login-submit" onPress={submit} disabled={busy}>
        {submitLabel}
      </Button>
    </View>
  );
}
