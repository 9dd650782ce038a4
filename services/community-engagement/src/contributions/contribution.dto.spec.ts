import { RequestValidationException, RequestValidationPipe } from '@naperj/service-kit';
import { CreateContributionRequest, EraseContributionRequest } from './contribution.dto';

const pipe = new RequestValidationPipe();
const body = (metatype: new () => object, value: object) => pipe.transform(value, { type: 'body', metatype });

const contribution = {
  text: 'Necesitamos intérpretes en la clínica.',
  language: 'es-MX',
  themes: ['access'],
  consent: { store: true, shareAnonymized: true, wordingVersion: '2026-09' },
};

describe('contribution requests', () => {
  // A null code once reached the code's comparison, which failed with a 500.
  it('refuses a null receipt code with 400, as any value that is no receipt code', async () => {
    await expect(body(EraseContributionRequest, { receiptCode: null })).rejects.toThrow(RequestValidationException);
    await expect(body(EraseContributionRequest, {})).resolves.toEqual({});
  });

  it.each(['actionAreas', 'demographics', 'contact'])('refuses a contribution whose optional %s is null: left out or given, as documented', async (member) => {
    await expect(body(CreateContributionRequest, contribution)).resolves.toBeInstanceOf(CreateContributionRequest);
    await expect(body(CreateContributionRequest, { ...contribution, [member]: null })).rejects.toThrow(RequestValidationException);
  });
});
