import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceConfig } from '../config/service-config';
import { loadDataKeyFile, loadOrCreateLocalDataKeys } from './data-keys';
import { FieldCipher } from './field-cipher';

/**
 * Provides the node's FieldCipher: the key file of `DATA_ENCRYPTION_KEY_FILE` (required in
 * production by the services that keep personal data), else a local key in the secrets folder.
 */
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [ConfigService],
      useFactory: async (config: ConfigService<ServiceConfig, true>) => {
        const { keyFile } = config.get('encryption', { infer: true });
        const keys = keyFile
          ? await loadDataKeyFile(keyFile)
          : await loadOrCreateLocalDataKeys(config.get('auth.secretsDir', { infer: true }), config.get('country', { infer: true }));
        return new FieldCipher(keys);
      },
    },
  ],
  exports: [FieldCipher],
})
export class EncryptionModule {}
