import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { errorField, errorTitleKey } from './errors.ts';

describe('errors', () => {
  it('has a sentence for every code', () => {
    expect(en[errorTitleKey({ code: 'transient', message: 'x' })]).toMatch(/reach/i);
  });
  it('places an error at its field', () => {
    expect(errorField({ code: 'invalid-input', message: 'bad', field: 'endpoint' }, ['endpoint', 'token'])).toBe('endpoint');
    expect(errorField({ code: 'invalid-input', message: 'bad', field: 'other' }, ['endpoint'])).toBeNull();
    expect(errorField({ code: 'signed-out', message: 'expired' }, ['endpoint', 'token'])).toBe('token');
    expect(errorField({ code: 'transient', message: 'down' }, ['endpoint'])).toBeNull();
  });
});
