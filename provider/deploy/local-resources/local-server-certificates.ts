import { DeleteOptions, EngineAdminClient, LiveServerCertificate, ServerCertificateUpload } from '../engine-client/engine-admin-client';
import { EngineRequestError } from '../engine-client/engine-request-error';
import { LocalResourceErrors } from './errors';

/**
 * Server certificates on the local engine (the local IAM server certificates): read, create and
 * delete, for every front end. Like IAM, a certificate is never changed in place by a deploy: a
 * change is a delete and a create. Terraform- and CLI-agnostic.
 */
export class LocalServerCertificates {
  /** The live certificate (never its key), or undefined when the engine has none of that name. */
  public static read(client: EngineAdminClient, name: string): Promise<LiveServerCertificate | undefined> {
    return client.getCertificate(name);
  }

  /** Uploads a certificate that must not exist yet (an existing one is an error, never overwritten). */
  public static async create(client: EngineAdminClient, name: string, upload: ServerCertificateUpload): Promise<LiveServerCertificate> {
    if (await client.getCertificate(name)) throw LocalResourceErrors.certificateExists(name);
    return client.putCertificate(name, upload);
  }

  /**
   * Uploads a certificate whatever the engine holds under that name (restoring a certificate
   * changed outside the tool, or adopting an imported one whose key only the configuration knows).
   */
  public static put(client: EngineAdminClient, name: string, upload: ServerCertificateUpload): Promise<LiveServerCertificate> {
    return client.putCertificate(name, upload);
  }

  /**
   * Deletes a certificate; false when it was already gone. Refused while a listener names it, and
   * when another owner holds it (unless `options.forceOwner`).
   */
  public static async delete(client: EngineAdminClient, name: string, options: DeleteOptions = {}): Promise<boolean> {
    try {
      await client.deleteCertificate(name, options);
      return true;
    } catch (e) {
      if (e instanceof EngineRequestError && e.isNotFound) return false;
      throw e;
    }
  }

  /** True when two PEM texts hold the same blocks (line endings and surrounding blank space aside). */
  public static samePem(a: string | undefined, b: string | undefined): boolean {
    const norm = (s: string | undefined) => (s ?? '').replace(/\r\n/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
    return norm(a) === norm(b);
  }

  private constructor() {}
}
