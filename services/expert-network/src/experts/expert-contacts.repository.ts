import { upsertIfNewer } from '@naperj/messaging';
import { FieldCipher } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ExpertContactRecord } from './expert-contact.schema';
import type { ExpertContact } from './expert-requests.dto';

/** Experts' contacts, encrypted at rest; the plaintext exists only in a request and its answer. */
@Injectable()
export class ExpertContactsRepository {
  constructor(
    @InjectModel(ExpertContactRecord.name) private readonly contacts: Model<ExpertContactRecord>,
    private readonly cipher: FieldCipher,
  ) {}

  /** Keeps the contact the expert's `version` set, unless a newer version set one already. */
  async save(expertId: string, version: number, { email, phone }: ExpertContact): Promise<void> {
    const sealed = this.cipher.encrypt(JSON.stringify({ email, ...(phone ? { phone } : {}) }), associatedData(expertId));
    await upsertIfNewer(this.contacts, { _id: expertId, version, sealed });
  }

  async find(expertId: string): Promise<ExpertContact | undefined> {
    const record = await this.contacts.findById(expertId).lean<ExpertContactRecord>();
    return record ? (JSON.parse(this.cipher.decrypt(record.sealed, associatedData(expertId))) as ExpertContact) : undefined;
  }

  /** Erases the contact set before the expert's `version` (a newer one, set since, stays). */
  async erase(expertId: string, version: number): Promise<void> {
    await this.contacts.deleteOne({ _id: expertId, version: { $lt: version } });
  }
}

/** Binds the ciphertext to its expert: copied onto another record, it does not decrypt. */
function associatedData(expertId: string): string {
  return `expert:${expertId}:contact`;
}
