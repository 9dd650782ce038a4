import { RequestValidationException, RequestValidationPipe } from '@naperj/service-kit';
import { RegisterExpertRequest, UpdateExpertRequest } from './expert-requests.dto';

const pipe = new RequestValidationPipe();
const body = (metatype: new () => object, value: object) => pipe.transform(value, { type: 'body', metatype });

const registration = {
  name: 'Citlali Hernández',
  bio: { es: 'Partera tradicional e investigadora en salud materna.' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  languages: ['nah', 'es-MX'],
  consent: { shareProfile: true, contactable: false, review: true, wordingVersion: '2026-09' },
};

describe('expert requests', () => {
  // A null member was stored and answered, where the document promises its type or nothing.
  it.each(['affiliation', 'sdgTargets', 'frameworks', 'populations', 'contact', 'userId', 'agency'])(
    'refuses a registration whose optional %s is null: left out or given, as documented',
    async (member) => {
      await expect(body(RegisterExpertRequest, registration)).resolves.toBeInstanceOf(RegisterExpertRequest);
      await expect(body(RegisterExpertRequest, { ...registration, [member]: null })).rejects.toThrow(RequestValidationException);
    },
  );

  it('refuses a contact whose phone is null', async () => {
    await expect(body(RegisterExpertRequest, { ...registration, contact: { email: 'citlali@example.org', phone: null } })).rejects.toThrow(
      RequestValidationException,
    );
  });

  it('takes null in a merge patch, where it removes a field', async () => {
    await expect(body(UpdateExpertRequest, { affiliation: null, contact: null })).resolves.toBeInstanceOf(UpdateExpertRequest);
  });
});
