import { EVENT_DATA_EXAMPLES, EVENT_TYPES } from '@naperj/contracts';
import { documentedResponses, type ResponseSchemaCheck } from '@naperj/service-kit/testing';
import { Test } from '@nestjs/testing';
import { ExpertsController } from './experts.controller';
import { ExpertsService } from './experts.service';

const { private: profile, shared: publicProfile } = EVENT_DATA_EXAMPLES[EVENT_TYPES.expertRegistered];
const contact = { email: 'citlali@example.org', phone: '+52 55 1234 5678' };

// The views each route answers (expert.view.ts): the schemas once refused a profile with its contact.
describe('the experts API documentation', () => {
  let check: ResponseSchemaCheck;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ExpertsController], providers: [{ provide: ExpertsService, useValue: {} }] }).compile();
    check = documentedResponses(moduleRef.createNestApplication());
  });

  it('describes a registered profile, whole, with or without its contact', () => {
    expect(check('post', '/experts', 201, { ...profile, contact })).toEqual([]);
    expect(check('post', '/experts', 201, profile)).toEqual([]);
  });

  it('describes one expert as their managers see them, and as anyone else does', () => {
    expect(check('get', '/experts/{id}', 200, { ...profile, contact })).toEqual([]);
    expect(check('get', '/experts/{id}', 200, publicProfile)).toEqual([]);
  });

  it('refuses a public profile that shows the contact', () => {
    expect(check('get', '/experts/{id}', 200, { ...publicProfile, contact })).not.toEqual([]);
  });
});
