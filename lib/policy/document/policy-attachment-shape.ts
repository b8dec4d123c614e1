import { DOCUMENT_SHAPE, Shape } from './document-shape';

const docFields = (DOCUMENT_SHAPE as Extract<Shape, { kind: 'object' }>).fields;

/**
 * The structure of a PolicyAttachmentDocument, built from the load-balancer document's own shapes:
 * the structural check of attachments (provider/deploy) and the `attachment` attribute of
 * `seclb_policy_attachment` are both derived from it. Internal (not exported from lib/index.ts).
 */
export const ATTACHMENT_SHAPE: Shape = {
  kind: 'object',
  description: 'Policies and port policy lists a stack owns on a load balancer it does not own.',
  fields: {
    loadBalancerName: docFields.name,
    policies: docFields.policies,
    listeners: {
      shape: {
        kind: 'array',
        description: 'Listener ports whose whole policy list the attachment owns.',
        items: {
          kind: 'object',
          description: 'The complete policy list of one listener port.',
          fields: {
            loadBalancerPort: { shape: { kind: 'integer', description: 'The listener\'s front-end port.' } },
            policyNames: { shape: { kind: 'array', description: 'Every policy the port carries, in order.', items: { kind: 'string', description: 'A policy name.' } } },
          },
        },
      },
    },
    backendServers: docFields.backendServers,
  },
};
