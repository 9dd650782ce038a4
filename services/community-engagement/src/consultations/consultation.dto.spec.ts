import { RequestValidationException, RequestValidationPipe } from '@naperj/service-kit';
import { CreateConsultationRequest } from './consultation.dto';

const pipe = new RequestValidationPipe();
const body = (value: object) => pipe.transform(value, { type: 'body', metatype: CreateConsultationRequest });

const consultation = {
  title: { es: 'Salud en nuestra lengua' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  themes: [{ key: 'access', label: { es: 'Acceso' } }],
};

describe('consultation requests', () => {
  // A null closesAt was stored and answered, where the document promises a date-time or nothing.
  it.each(['description', 'communities', 'opensAt', 'closesAt', 'exchangeId', 'exchangeCountry'])(
    'refuses a consultation whose optional %s is null: left out or given, as documented',
    async (member) => {
      await expect(body(consultation)).resolves.toBeInstanceOf(CreateConsultationRequest);
      await expect(body({ ...consultation, [member]: null })).rejects.toThrow(RequestValidationException);
    },
  );
});
