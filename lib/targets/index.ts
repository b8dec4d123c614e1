export * from './target-kind';
export * from './deployment-target-interface';
export * from './deployment-target';
export * from './server-certificate-request';
export * from './rendered-load-balancer';
export * from './local-target-options';
