import { X509Certificate } from 'crypto';
import { ENGINE_CODES, SeclbError } from '../../errors';
import type { ServerCertificateView } from '../../certificates/server-certificate';
import { AwsNames } from '../aws-names';
import { apiErrorOf } from '../engine-error-mapping';
import { ApiError } from '../protocol/api-error';
import { list, XmlStruct } from '../protocol/xml';
import { ActionTable } from './action';

/** IAM's `ServerCertificateMetadata` of an engine certificate (path `/`; upload date = the certificate's notBefore, stable across restarts). */
function metadata(view: ServerCertificateView): XmlStruct {
  const cert = new X509Certificate(view.certificateBody);
  return {
    Path: '/',
    ServerCertificateName: view.name,
    ServerCertificateId: AwsNames.serverCertificateId(view.fingerprintSha256),
    Arn: AwsNames.serverCertificateArn(view.name),
    UploadDate: new Date(cert.validFrom).toISOString(),
    Expiration: new Date(cert.validTo).toISOString(),
  };
}

function noSuchEntity(name: string): ApiError {
  return new ApiError('NoSuchEntity', `The Server Certificate with name ${name} cannot be found.`, 404);
}

/** The engine's view of a certificate, or `NoSuchEntity`. */
function find(get: (n: string) => ServerCertificateView, name: string): ServerCertificateView {
  try {
    return get(name);
  } catch (e) {
    if (e instanceof SeclbError && e.code === ENGINE_CODES.NOT_FOUND) throw noSuchEntity(name);
    throw apiErrorOf(e);
  }
}

/**
 * IAM UploadServerCertificate, GetServerCertificate, ListServerCertificates,
 * DeleteServerCertificate: the certificate becomes (or is) an engine server certificate, checked by
 * the policy model's IAM rules; the private key is never answered. The engine keeps certificates by
 * name only, so `Path` is `/` and tags are not kept (both refused with `ValidationError` rather
 * than dropped silently).
 */
export const SERVER_CERTIFICATE_ACTIONS: ActionTable = {
  async UploadServerCertificate(ctx) {
    const p = ctx.params;
    const name = p.required('ServerCertificateName');
    const certificateBody = p.required('CertificateBody');
    const privateKey = p.required('PrivateKey');
    const certificateChain = p.optional('CertificateChain');
    const path = p.optional('Path') ?? '/';
    if (path !== '/') {
      throw new ApiError('ValidationError', `Path is '${path.slice(0, 100)}'. Rule: this engine keeps server certificates by name only, under the path '/'. Fix: upload it with Path '/' (the default). Nothing was changed.`);
    }
    const tags = p.optionalStructs('Tags');
    if (tags && tags.length) {
      throw new ApiError('ValidationError', 'Tags were given. Rule: this engine does not keep tags on server certificates. Fix: upload the certificate without tags. Nothing was changed.');
    }
    if (!/^[\w+=,.@-]{1,128}$/.test(name)) {
      throw new ApiError('ValidationError', `1 validation error detected: Value '${name.slice(0, 130)}' at 'serverCertificateName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ (1-128 characters).`);
    }
    const existing = ctx.store.core.listCertificates() as { serverCertificates: Array<{ name: string }> };
    if (existing.serverCertificates.some((c) => c.name === name)) {
      throw new ApiError('EntityAlreadyExists', `The Server Certificate with name ${name} already exists.`, 409);
    }
    let view: ServerCertificateView;
    try {
      view = await ctx.store.core.putCertificate(name, { certificateBody, privateKey, certificateChain }, { requester: ctx.store.apiOwner, force: false }) as unknown as ServerCertificateView;
    } catch (e) {
      throw apiErrorOf(e);
    }
    return { ServerCertificateMetadata: metadata(view) };
  },

  async GetServerCertificate(ctx) {
    const name = ctx.params.required('ServerCertificateName');
    const view = find((n) => ctx.store.core.getCertificate(n), name);
    return {
      ServerCertificate: {
        ServerCertificateMetadata: metadata(view),
        CertificateBody: view.certificateBody,
        CertificateChain: view.certificateChain,
        Tags: list([]),
      },
    };
  },

  async ListServerCertificates(ctx) {
    const prefix = ctx.params.optional('PathPrefix') ?? '/';
    const all = (ctx.store.core.listCertificates() as { serverCertificates: ServerCertificateView[] }).serverCertificates;
    const chosen = '/'.startsWith(prefix) ? all : [];
    return { ServerCertificateMetadataList: list(chosen.map(metadata)), IsTruncated: false };
  },

  async DeleteServerCertificate(ctx) {
    const name = ctx.params.required('ServerCertificateName');
    find((n) => ctx.store.core.getCertificate(n), name);
    try {
      await ctx.store.core.deleteCertificate(name, { requester: ctx.store.apiOwner, force: false });
    } catch (e) {
      if (e instanceof SeclbError && e.code === ENGINE_CODES.CERTIFICATE_IN_USE) {
        const users = ((e.details?.users ?? []) as string[]).join(', ');
        throw new ApiError('DeleteConflict', `Certificate: ${name} is currently in use by ${users}. Please remove it first before deleting it from IAM.`, 409);
      }
      throw apiErrorOf(e);
    }
    return undefined;
  },
};
