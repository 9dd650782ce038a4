import { eventually } from '@naperj/service-kit/testing';
import { ExpertNetworkTestNode } from './expert-network-test-node';

const RUN = `r${Date.now().toString(36)}`;
const LIAISON = { roles: ['liaison'], agency: 'SRE', sub: `liaison.${RUN}@sre` };
const US_VIEWER = { roles: ['reviewer'], agency: 'HHS', sub: `viewer.${RUN}@hhs` };

interface Erasure {
  version: number;
  receipts: { country: string; erasedAt: string; receivedAt: string; tookMs: number }[];
  pending: string[];
}

/**
 * Two nodes in-process, mx and us, on one Kafka cluster (their topic names keep them apart, as
 * MirrorMaker 2 does between clusters): a profile withdrawn in mx is erased in us, whose
 * receipt passes the transport's identity checks and reaches mx.
 */
describe('erasure across two nodes (mx and us on the real Kafka and FerretDB)', () => {
  const mx = new ExpertNetworkTestNode({ country: 'mx', env: { FEDERATION_PEERS: 'us' } });
  const us = new ExpertNetworkTestNode({ country: 'us', secretsDir: mx.secretsDir, env: { FEDERATION_PEERS: 'mx' } });
  let liaison: string;
  let usViewer: string;

  beforeAll(async () => {
    await mx.start();
    await us.start();
    liaison = await mx.token(LIAISON);
    usViewer = await us.token(US_VIEWER);
  }, 90_000);

  afterAll(async () => {
    await us.close();
    await mx.close();
  });

  it('erases the copy in us, whose receipt mx lists with the time it took', async () => {
    const registered = await mx
      .http()
      .post('/api/v1/experts')
      .set({ Authorization: `Bearer ${liaison}` })
      .send({
        userId: `expert.${RUN}@unam`,
        name: `Xóchitl Ramírez ${RUN}`,
        bio: { es: 'Especialista en educación intercultural bilingüe.' },
        originalLanguage: 'es',
        actionAreas: ['education'],
        languages: ['es-MX', 'mix'],
        contact: { email: `xochitl.${RUN}@example.org` },
        consent: { shareProfile: true, contactable: false, review: false, wordingVersion: '2026-09' },
      });
    expect(registered.status).toBe(201);
    const { id } = registered.body as { id: string };

    const inUs = await eventually(
      'the profile in the us directory',
      async () => {
        const response = await us
          .http()
          .get(`/api/v1/experts/${id}`)
          .set({ Authorization: `Bearer ${usViewer}` });
        return response.status === 200 ? (response.body as Record<string, unknown>) : undefined;
      },
      60_000,
    );
    expect(inUs).toMatchObject({ id, country: 'mx', name: `Xóchitl Ramírez ${RUN}` });
    for (const hidden of ['contact', 'userId', 'agency', 'consent', 'hasContact']) expect(inUs).not.toHaveProperty(hidden);

    expect(
      (
        await mx
          .http()
          .delete(`/api/v1/experts/${id}`)
          .set({ Authorization: `Bearer ${liaison}` })
          .set('If-Match', '"1"')
      ).status,
    ).toBe(200);

    const erasure = await eventually(
      'the receipt of us in mx',
      async () => {
        const body = (
          await mx
            .http()
            .get(`/api/v1/experts/${id}/erasure`)
            .set({ Authorization: `Bearer ${liaison}` })
        ).body as Erasure;
        return body.receipts?.length === 1 ? body : undefined;
      },
      60_000,
    );
    expect(erasure).toMatchObject({ version: 2, receipts: [{ country: 'us' }], pending: [] });
    expect(erasure.receipts[0]!.tookMs).toBeGreaterThanOrEqual(0);
    expect(
      (
        await us
          .http()
          .get(`/api/v1/experts/${id}`)
          .set({ Authorization: `Bearer ${usViewer}` })
      ).status,
    ).toBe(404);
    const marker = await us.connection.collection('expert_directory').findOne({ _id: `mx:${id}` as never });
    expect(marker).toMatchObject({ version: 2, removed: true });
    expect(marker).not.toHaveProperty('view');
  });
});
